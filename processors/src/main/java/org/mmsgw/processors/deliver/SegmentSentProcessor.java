package org.mmsgw.processors.deliver;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.mmsgw.processors.Counters;
import org.mmsgw.processors.MmsHeaders;
import org.mmsgw.processors.inbound.SmscIds;
import org.mmsgw.processors.store.MessageStore;

/**
 * After one segment of a notification went to the SMSC: records the SMSC's message id(s) (header
 * {@code CamelSmppId}, a list; in {@link SmscIds#key} form) against the message and recipient, so
 * delivery receipts can be matched. Segments of report pushes are not recorded. The records do not
 * wait for the disk: the flow syncs the store ({@code storeSync}) before its transaction commits. When
 * the exchange carries a {@link SentSegments} (a notification to a recipient), the ids go in it instead,
 * and the step after the push records them with the recipient's new state.
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
        // a report push's receipts tell nothing about the recipient the report is about
        if (messageId == null || recipient == null || ids == null || in.getHeader(MmsHeaders.REPORT_TYPE) != null) {
            return;
        }
        List<String> smscIds = new ArrayList<>();
        for (Object id : ids instanceof List<?> list ? list : List.of(ids)) {
            String smscId = SmscIds.key(String.valueOf(id));
            if (!smscId.isEmpty()) {
                smscIds.add(smscId);
            }
        }
        SentSegments later = SentSegments.of(exchange);
        if (later != null) {
            later.add(smscIds);
            return;
        }
        store.withoutWaiting(() -> smscIds.forEach(smscId -> store.recordSegment(messageId, recipient, smscId)));
    }
}
