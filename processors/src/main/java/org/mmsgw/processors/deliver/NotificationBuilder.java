package org.mmsgw.processors.deliver;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.mmsgw.codec.mms.MessageType;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.codec.mms.MmsPdus;
import org.mmsgw.codec.wsp.HeaderValue;
import org.mmsgw.processors.store.Recipient;
import org.mmsgw.processors.store.StoredMessage;

/**
 * Builds the m-notification-ind for one phone recipient (OMA-MMS-ENC §6.2): From unless the sender
 * hid it, Subject, Class, Size, Expiry, Content-Location {@code {public-url}/mms/{token}}, and the
 * recipient's token as the transaction id, so its m-notifyresp-ind names the recipient.
 */
public final class NotificationBuilder {
    private final String publicUrl;

    public NotificationBuilder(String publicUrl) {
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    public String contentLocation(String token) {
        return publicUrl + "/mms/" + token;
    }

    public MmsPdu build(StoredMessage message, Recipient recipient, MmsPdu content, Instant now) {
        MmsPdu.Builder b = MmsPdu.builder(MessageType.NOTIFICATION_IND).transactionId(recipient.token())
                .version(MmsPdus.MAJOR, MmsPdus.MINOR);
        if (!message.hideSender()) {
            content.first(MmsField.FROM).ifPresent(from -> b.add(MmsField.FROM, from));
        }
        content.first(MmsField.SUBJECT).ifPresent(subject -> b.add(MmsField.SUBJECT, subject));
        Optional<HeaderValue> messageClass = content.first(MmsField.MESSAGE_CLASS);
        b.add(MmsField.MESSAGE_CLASS, messageClass.orElse(new HeaderValue.Token(0)));
        content.first(MmsField.PRIORITY).ifPresent(p -> b.add(MmsField.PRIORITY, p));
        long remaining = Math.max(60, Duration.between(now, message.expiry()).toSeconds());
        return b.number(MmsField.MESSAGE_SIZE, message.size())
                .relativeTime(MmsField.EXPIRY, remaining)
                .text(MmsField.CONTENT_LOCATION, contentLocation(recipient.token()))
                .build();
    }
}
