package org.mmsgw.processors.inbound;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.mmsgw.processors.Counters;
import org.mmsgw.processors.MmsHeaders;
import org.mmsgw.processors.deliver.RecipientStateProcessor;
import org.mmsgw.processors.store.MessageStore;
import org.mmsgw.processors.store.RecipientState;
import org.mmsgw.processors.store.SegmentRef;
import org.mmsgw.processors.store.StoredMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A queued delivery receipt: matched to the notification segment by SMSC message id ({@link SmscIds}),
 * recorded on the segment, and rolled up for the recipient. A receipt is the only word the gateway gets
 * about a push, so: every segment DELIVRD moves a NOTIFIED recipient to PUSHED (the retrieval tells the
 * rest); a segment UNDELIV or REJECTD makes the recipient UNREACHABLE, EXPIRED or DELETED makes it
 * EXPIRED, with the delivery report the sender asked for ({@link MmsHeaders#ACTION} {@code report}).
 * Intermediate states (ENROUTE, ACCEPTD, UNKNOWN) change nothing, and neither does the receipt of a
 * stray segment ({@link SegmentRef#stray}: a push that failed after the SMSC took it, so the notification
 * went again): it is recorded, and the push that followed decides. A receipt that names no known
 * segment may have overtaken its submit_sm_resp: it waits ({@code retry}, with {@value #SCHEDULED} set)
 * and is tried again, a bounded number of times.
 */
public final class ReceiptProcessor implements Processor {
    /** Artemis' scheduled-delivery property (epoch milliseconds). */
    public static final String SCHEDULED = "_AMQ_SCHED_DELIVERY";
    public static final String ACTION_RETRY = "retry";
    private static final Logger LOG = LoggerFactory.getLogger(ReceiptProcessor.class);

    private final MessageStore store;
    private final SmscIds.Form form;
    private final int maxAttempts;
    private final Duration wait;
    private final Clock clock;
    private final Counters counters;
    private final RecipientStateProcessor unreachable;
    private final RecipientStateProcessor expired;

    /**
     * @param maxAttempts how often an unmatched receipt waits before it is dropped
     * @param wait        how long it waits each time
     */
    public ReceiptProcessor(MessageStore store, SmscIds.Form form, int maxAttempts, Duration wait, Clock clock,
            Counters counters) {
        this.store = store;
        this.form = form;
        this.maxAttempts = maxAttempts;
        this.wait = wait;
        this.clock = clock;
        this.counters = counters;
        this.unreachable = new RecipientStateProcessor(store, RecipientState.UNREACHABLE);
        this.expired = new RecipientStateProcessor(store, RecipientState.EXPIRED);
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        String id = in.getHeader(MmsHeaders.SMSC_ID, "", String.class);
        String stat = in.getHeader(MmsHeaders.RECEIPT_STAT, "", String.class);
        boolean fromTlv = in.getHeader(MmsHeaders.SMSC_ID_FROM_TLV, false, Boolean.class);
        Optional<String> key = SmscIds.candidates(id, form, fromTlv).stream()
                .filter(k -> store.findSegment(k).isPresent()).findFirst();
        if (key.isEmpty()) {
            waitOrDrop(in, id);
            return;
        }
        counters.increment("mmsgw_receipts_matched_total", "stat", stat);
        RecipientState failure = switch (stat) {
            case "UNDELIV", "REJECTD" -> RecipientState.UNREACHABLE;
            case "EXPIRED", "DELETED" -> RecipientState.EXPIRED;
            default -> null;
        };
        if (failure == null && !stat.equals("DELIVRD")) {
            skip(in);
            return;
        }
        SegmentRef segment = store.recordReceipt(key.get(), stat).orElse(null);
        if (segment == null) {
            skip(in);
            return;
        }
        if (segment.stray()) {
            LOG.info("SMSC receipt {} for a segment of an unfinished push of {} to {}: the push that followed decides",
                    stat, segment.messageId(), segment.address());
            skip(in);
            return;
        }
        in.setHeader(MmsHeaders.MESSAGE_ID, segment.messageId());
        in.setHeader(MmsHeaders.RECIPIENT, segment.address());
        if (failure != null) {
            LOG.info("SMSC receipt {} for the push of {} to {}", stat, segment.messageId(), segment.address());
            (failure == RecipientState.UNREACHABLE ? unreachable : expired).process(exchange);
            return;
        }
        List<SegmentRef> all = store.segments(segment.messageId(), segment.address());
        boolean delivered = all.stream().filter(s -> !s.stray()).allMatch(s -> s.receipt().equals("DELIVRD"));
        Optional<StoredMessage> message = store.find(segment.messageId());
        boolean notified = message.flatMap(m -> m.recipient(segment.address()))
                .map(r -> r.state() == RecipientState.NOTIFIED).orElse(false);
        if (delivered && notified) {
            store.updateRecipient(segment.messageId(), segment.address(), RecipientState.PUSHED);
        }
        skip(in);
    }

    private void waitOrDrop(Message in, String id) {
        int attempt = in.getHeader(MmsHeaders.ATTEMPT, 0, Integer.class);
        if (attempt >= maxAttempts) {
            counters.increment("mmsgw_receipts_unmatched_total");
            LOG.warn("delivery receipt for SMSC message id {} matches no segment: dropped", id);
            skip(in);
            return;
        }
        in.setHeader(MmsHeaders.ATTEMPT, attempt + 1);
        in.setHeader(SCHEDULED, clock.millis() + wait.toMillis());
        in.setHeader(MmsHeaders.ACTION, ACTION_RETRY);
    }

    private static void skip(Message in) {
        in.setHeader(MmsHeaders.ACTION, MmsHeaders.ACTION_SKIP);
    }
}
