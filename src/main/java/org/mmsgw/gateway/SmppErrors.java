package org.mmsgw.gateway;

import java.util.Set;

import org.apache.camel.Exchange;
import org.jsmpp.extra.NegativeResponseException;

/**
 * Tells permanent SMSC refusals (the destination is wrong or refused for good: a failure report) from
 * temporary ones (throttled, queue full, system error, no answer, link down: retry later).
 */
public final class SmppErrors {
    /** submit_sm_resp statuses that no retry will change (SMPP 3.4 §5.1.3). */
    private static final Set<Integer> PERMANENT = Set.of(
            0x0B, // ESME_RINVDSTADR invalid destination address
            0x33, // ESME_RINVNUMDESTS
            0x40, // ESME_RINVDESTFLAG
            0x50, // ESME_RINVDSTTON
            0x51, // ESME_RINVDSTNPI
            0x65, // ESME_RX_P_APPN permanent application error
            0x66); // ESME_RX_R_APPN rejected by application

    public boolean isPermanent(Exchange exchange) {
        Throwable e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        while (e != null) {
            if (e instanceof NegativeResponseException n) {
                return PERMANENT.contains(n.getCommandStatus());
            }
            e = e.getCause();
        }
        return false;
    }
}
