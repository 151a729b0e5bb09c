package org.mmsgw.processors.housekeeping;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.mmsgw.processors.route.Delivery;
import org.mmsgw.processors.store.MessageStore;
import org.mmsgw.processors.store.Recipient;
import org.mmsgw.processors.store.RecipientState;
import org.mmsgw.processors.store.StoredMessage;

/**
 * Housekeeping, run by a timer: recipients of expired messages that are not done become EXPIRED; for
 * senders who asked for delivery reports the body becomes the list of them ({@link Delivery} with
 * channel {@code Expired}), and the route sets those recipients EXPIRED once each report is queued. Messages expired longer ago than the retention are removed
 * with their content, tokens and segment records (the retention leaves time for late reports).
 */
public final class ExpiryProcessor implements Processor {
    private final MessageStore store;
    private final Duration retention;
    private final Clock clock;

    public ExpiryProcessor(MessageStore store, Duration retention, Clock clock) {
        this.store = store;
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        Instant now = clock.instant();
        List<Delivery> reports = new ArrayList<>();
        for (String id : store.expiredBefore(now)) {
            StoredMessage message = store.find(id).orElse(null);
            if (message == null) {
                continue;
            }
            if (message.expiry().plus(retention).isBefore(now)) {
                store.delete(id);
                continue;
            }
            for (Recipient r : message.recipients()) {
                if (r.state().isFinal()) {
                    continue;
                }
                if (message.deliveryReport()) {
                    // the route queues the report first and then sets the state: a crash in between
                    // repeats both, and the broker drops the repeated report
                    reports.add(new Delivery(id, r.address(), "Expired"));
                } else {
                    store.finishRecipient(id, r.address(), RecipientState.EXPIRED);
                }
            }
        }
        exchange.getMessage().setBody(reports);
    }
}
