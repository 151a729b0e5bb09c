package org.mmsgw.processors.deliver;

import java.time.Clock;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.mmsgw.codec.mms.MmsDecoder;
import org.mmsgw.processors.Counters;
import org.mmsgw.processors.MmsHeaders;
import org.mmsgw.processors.mm1.Msisdn;
import org.mmsgw.processors.store.MessageStore;
import org.mmsgw.processors.store.Recipient;
import org.mmsgw.processors.store.RecipientState;
import org.mmsgw.processors.store.StoredMessage;

/**
 * The first step of phone delivery: for the hand-off ({@link MmsHeaders#MESSAGE_ID},
 * {@link MmsHeaders#RECIPIENT}) the body becomes the encoded m-notification-ind, {@link MmsHeaders#PUSH_TO}
 * the number, and {@link MmsHeaders#ACTION} {@code push}; or {@code skip} when there is nothing to send
 * (message gone, recipient already past notification).
 */
public final class NotifyProcessor implements Processor {
    private final MessageStore store;
    private final NotificationBuilder notifications;
    private final Clock clock;
    private final Counters counters;

    public NotifyProcessor(MessageStore store, NotificationBuilder notifications, Clock clock, Counters counters) {
        this.store = store;
        this.notifications = notifications;
        this.clock = clock;
        this.counters = counters;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        String messageId = in.getHeader(MmsHeaders.MESSAGE_ID, String.class);
        String address = in.getHeader(MmsHeaders.RECIPIENT, String.class);
        Optional<StoredMessage> message = messageId == null ? Optional.empty() : store.find(messageId);
        Optional<Recipient> recipient = message.flatMap(m -> m.recipient(address));
        Optional<byte[]> content = message.flatMap(m -> store.content(m.messageId()));
        Optional<String> msisdn = recipient.flatMap(r -> Msisdn.normalise(r.address()));
        if (recipient.isEmpty() || content.isEmpty() || msisdn.isEmpty()
                || recipient.get().state() != RecipientState.PENDING) {
            in.setHeader(MmsHeaders.ACTION, MmsHeaders.ACTION_SKIP);
            return;
        }
        byte[] notification = notifications.encode(message.get(), recipient.get(),
                new MmsDecoder().decodeHeaders(content.get()), clock.instant());
        counters.increment("mmsgw_notifications_total");
        in.setHeader(MmsHeaders.ACTION, MmsHeaders.ACTION_PUSH);
        SentSegments.start(exchange, store, messageId, address);
        in.setHeader(MmsHeaders.PUSH_TO, msisdn.get());
        in.setBody(notification);
    }
}
