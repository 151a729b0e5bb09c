package org.mmsgw.processors.deliver;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.mmsgw.processors.HeaderAllowList;
import org.mmsgw.processors.MmsHeaders;
import org.mmsgw.processors.inbound.InboundMailProcessor;

/**
 * Before a report is queued: only the allow-listed headers stay, and the report gets a duplicate id
 * made of what it says (type, message, recipient, status), so that a report queued again by a step
 * that is repeated after a crash is dropped by the broker instead of reaching the sender twice.
 */
public final class ReportHandOff implements Processor {
    private final HeaderAllowList allowed;

    public ReportHandOff(HeaderAllowList allowed) {
        this.allowed = allowed;
    }

    @Override
    public void process(Exchange exchange) {
        allowed.process(exchange);
        Message in = exchange.getMessage();
        in.setHeader(InboundMailProcessor.DUPLICATE_ID, "report|" + in.getHeader(MmsHeaders.REPORT_TYPE, "delivery",
                String.class) + "|" + in.getHeader(MmsHeaders.MESSAGE_ID, "", String.class) + "|"
                + in.getHeader(MmsHeaders.RECIPIENT, "", String.class) + "|"
                + in.getHeader(MmsHeaders.REPORT_STATUS, "", String.class));
    }
}
