package org.mmsgw.processors.deliver;

import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.mmsgw.processors.Counters;
import org.mmsgw.processors.MmsHeaders;
import org.mmsgw.processors.store.MessageStore;

/**
 * After one segment went to the SMSC: records the SMSC's message id(s) (header {@code CamelSmppId}, a
 * list) against the message and recipient, so delivery receipts can be matched.
 */
public final class SegmentSentProcessor implements org.apache.camel.Processor {
    static final String SMPP_ID = "CamelSmppId";

    private final MessageStore store;
    private final Counters counters;

    public SegmentSentProcessor(MessageStore store, Counters counters) {
        this.store = store;
        this.counters = counters;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        counters.increment("mmsgw_segments_total");
        String messageId = in.getHeader(MmsHeaders.MESSAGE_ID, String.class);
        String recipient = in.getHeader(MmsHeaders.RECIPIENT, String.class);
        Object ids = in.getHeader(SMPP_ID);
        if (messageId == null || recipient == null || ids == null) {
            return;
        }
        for (Object id : ids instanceof List<?> list ? list : List.of(ids)) {
            String smscId = String.valueOf(id);
            if (smscId.matches("[A-Za-z0-9_-]{1,128}")) {
                store.recordSegment(messageId, recipient, smscId);
            }
        }
    }
}
