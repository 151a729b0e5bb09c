package org.mmsgw.processors.deliver;

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
 * queues one; otherwise to {@code skip}.
 */
public final class RecipientStateProcessor implements Processor {
    private final MessageStore store;
    private final RecipientState state;

    public RecipientStateProcessor(MessageStore store, RecipientState state) {
        this.store = store;
        this.state = state;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        String messageId = in.getHeader(MmsHeaders.MESSAGE_ID, String.class);
        String recipient = in.getHeader(MmsHeaders.RECIPIENT, String.class);
        Optional<StoredMessage> before = messageId == null ? Optional.empty() : store.find(messageId);
        boolean wasFinal = before.flatMap(m -> m.recipient(recipient)).map(r -> r.state().isFinal()).orElse(true);
        if (before.isPresent()) {
            store.finishRecipient(messageId, recipient, state);
        }
        boolean report = state.isFinal() && !wasFinal && before.isPresent() && before.get().deliveryReport();
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
