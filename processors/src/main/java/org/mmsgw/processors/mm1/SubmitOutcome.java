package org.mmsgw.processors.mm1;

import java.time.Instant;

/** What becomes of an m-send-req: refused with an m-send-conf, or accepted for durable queueing. */
public sealed interface SubmitOutcome {

    /** The encoded m-send-conf to answer. */
    byte[] sendConf();

    /** Refused: answer {@link #sendConf()} at once; nothing was kept. */
    record Rejected(byte[] sendConf, int responseStatus, String reason) implements SubmitOutcome {
    }

    /**
     * Accepted: queue {@code pdu} durably, then answer {@link #sendConf()} (status Ok with the Message-ID).
     *
     * @param pdu the m-send-req as the gateway keeps it: sender filled in, Date set
     */
    record Accepted(String messageId, String sender, Instant expiry, byte[] pdu, byte[] sendConf)
            implements SubmitOutcome {
    }
}
