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
 * Housekeeping, run by a timer: recipients of expired messages that are not done become EXPIRED, and
 * the body becomes the list of delivery reports ({@link Delivery} with channel {@code Expired}) to
 * queue for senders who asked for them. Messages expired longer ago than the retention are removed
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
                if (!r.state().isFinal()) {
                    store.finishRecipient(id, r.address(), RecipientState.EXPIRED);
                    if (message.deliveryReport()) {
                        reports.add(new Delivery(id, r.address(), "Expired"));
                    }
                }
            }
        }
        exchange.getMessage().setBody(reports);
    }
}
