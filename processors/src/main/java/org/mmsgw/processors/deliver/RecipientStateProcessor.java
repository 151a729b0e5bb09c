package org.mmsgw.processors.deliver;

import java.util.List;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.mmsgw.processors.MmsHeaders;
import org.mmsgw.processors.store.MessageStore;
import org.mmsgw.processors.store.RecipientState;
import org.mmsgw.processors.store.StoredMessage;

/**
 * Moves the recipient of the exchange ({@link MmsHeaders#MESSAGE_ID}, {@link MmsHeaders#RECIPIENT}) to
 * a state. When that state is final and the sender asked for delivery reports, sets
 * {@link MmsHeaders#ACTION} to {@code report} with the {@link MmsHeaders#REPORT_STATUS}, so the route
 * queues one; otherwise to {@code skip}. Made {@code withoutWaiting}, the new state does not wait for the
 * disk: the flow then syncs the store ({@code storeSync}) before its transaction commits. The segment
 * ids a push collected ({@link MmsHeaders#SENT_SEGMENTS}) are recorded in the same write.
 */
public final class RecipientStateProcessor implements Processor {
    private final MessageStore store;
    private final RecipientState state;
    private final boolean withoutWaiting;

    public RecipientStateProcessor(MessageStore store, RecipientState state) {
        this(store, state, false);
    }

    public RecipientStateProcessor(MessageStore store, RecipientState state, boolean withoutWaiting) {
        this.store = store;
        this.state = state;
        this.withoutWaiting = withoutWaiting;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        String messageId = in.getHeader(MmsHeaders.MESSAGE_ID, String.class);
        String recipient = in.getHeader(MmsHeaders.RECIPIENT, String.class);
        Optional<StoredMessage> before = messageId == null ? Optional.empty() : store.find(messageId);
        RecipientState previous = before.flatMap(m -> m.recipient(recipient)).map(r -> r.state()).orElse(null);
        if (before.isPresent()) {
            SentSegments sent = SentSegments.of(exchange);
            exchange.removeProperty(MmsHeaders.SENT_SEGMENTS);
            List<String> ids = sent != null ? sent.take() : null;
            Runnable write = ids != null ? () -> store.recordSent(messageId, recipient, ids, state)
                    : () -> store.finishRecipient(messageId, recipient, state);
            try {
                if (withoutWaiting) {
                    store.withoutWaiting(write);
                } else {
                    write.run();
                }
            } catch (RuntimeException e) {
                if (sent != null) {
                    sent.giveBack();
                }
                throw e;
            }
        }
        // already in this state on a redelivery: the attempt that saved it did not commit, so its report
        // was never queued; send it now (the transaction that consumes this also sends the report)
        boolean redelivered = in.getHeader("JMSRedelivered", false, Boolean.class);
        boolean report = state.isFinal() && previous != null
                && (!previous.isFinal() || (previous == state && redelivered)) && before.get().deliveryReport();
        in.setHeader(MmsHeaders.ACTION, report ? MmsHeaders.ACTION_REPORT : MmsHeaders.ACTION_SKIP);
        if (report) {
            in.setHeader(MmsHeaders.REPORT_TYPE, "delivery");
            in.setHeader(MmsHeaders.REPORT_STATUS, statusName(state));
            in.setBody("");
        }
    }

    static String statusName(RecipientState state) {
        switch (state) {
            case RETRIEVED:
                return "Retrieved";
            case REJECTED:
                return "Rejected";
            case EXPIRED:
                return "Expired";
            case UNREACHABLE:
                return "Unreachable";
            case DEFERRED:
                return "Deferred";
            case FORWARDED:
                return "Forwarded";
            default:
                return "Indeterminate";
        }
    }
}
