package org.mmsgw.processors.deliver;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.mmsgw.codec.mms.MessageType;
import org.mmsgw.codec.mms.MmsEncoder;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.codec.mms.MmsPdus;
import org.mmsgw.codec.push.WapPush;
import org.mmsgw.codec.push.WapPushCodec;
import org.mmsgw.codec.sms.SmsSegmenter;
import org.mmsgw.codec.wsp.EncodedString;
import org.mmsgw.codec.wsp.HeaderValue;
import org.mmsgw.processors.store.Recipient;
import org.mmsgw.processors.store.StoredMessage;

/**
 * Builds the m-notification-ind for one phone recipient (OMA-MMS-ENC §6.2): From unless the sender
 * hid it, Subject, Class, Size, Expiry, Content-Location {@code {public-url}/mms/{token}}, and the
 * recipient's token as the transaction id, so its m-notifyresp-ind names the recipient.
 *
 * <p>With {@code fitOneSms}, a notification whose WAP Push would need a second SMS gets the longest
 * start of its subject (whole characters) that lets it fit one, or no subject; when even that does not
 * fit, the subject stays whole, since it goes in two SMS anyway. The message itself keeps its subject.
 */
public final class NotificationBuilder {
    private final String publicUrl;
    private final boolean fitOneSms;

    public NotificationBuilder(String publicUrl, boolean fitOneSms) {
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.fitOneSms = fitOneSms;
    }

    public String contentLocation(String token) {
        return publicUrl + "/mms/" + token;
    }

    /** The encoded notification, its subject shortened when that makes the push fit one SMS. */
    public byte[] encode(StoredMessage message, Recipient recipient, MmsPdu content, Instant now) {
        Optional<HeaderValue> subject = content.first(MmsField.SUBJECT);
        byte[] whole = encode(message, recipient, content, now, subject);
        if (!fitOneSms || subject.isEmpty() || fitsOneSms(whole)) {
            return whole;
        }
        byte[] without = encode(message, recipient, content, now, Optional.empty());
        if (!fitsOneSms(without)) {
            return whole;
        }
        if (!(subject.get() instanceof HeaderValue.Encoded encoded) || encoded.string().decoded().isEmpty()) {
            return without; // a subject that cannot be read cannot be cut between characters
        }
        EncodedString value = encoded.string();
        String text = value.decoded().get();
        // the encoded length grows with the number of characters kept: the longest start that fits
        int fits = 0;
        int tooLong = text.codePointCount(0, text.length());
        while (tooLong - fits > 1) {
            int middle = (fits + tooLong) >>> 1;
            if (fitsOneSms(encode(message, recipient, content, now, Optional.of(start(value, text, middle))))) {
                fits = middle;
            } else {
                tooLong = middle;
            }
        }
        String kept = text.substring(0, text.offsetByCodePoints(0, fits)).stripTrailing();
        return kept.isEmpty() ? without : encode(message, recipient, content, now, Optional.of(encoded(value, kept)));
    }

    /** True when the WAP Push carrying {@code pdu} goes in a single SMS. */
    public static boolean fitsOneSms(byte[] pdu) {
        return new WapPushCodec().encode(WapPush.forMms(0, pdu, null)).length <= SmsSegmenter.MAX_UNSEGMENTED_PAYLOAD;
    }

    private static HeaderValue start(EncodedString subject, String text, int codePoints) {
        return encoded(subject, text.substring(0, text.offsetByCodePoints(0, codePoints)));
    }

    /** {@code text} in the charset of {@code subject}. */
    private static HeaderValue encoded(EncodedString subject, String text) {
        return new HeaderValue.Encoded(subject.hasCharset() ? EncodedString.of(text, subject.charset())
                : EncodedString.of(text));
    }

    private byte[] encode(StoredMessage message, Recipient recipient, MmsPdu content, Instant now,
            Optional<HeaderValue> subject) {
        MmsPdu.Builder b = MmsPdu.builder(MessageType.NOTIFICATION_IND).transactionId(recipient.token())
                .version(MmsPdus.MAJOR, MmsPdus.MINOR);
        if (!message.hideSender()) {
            content.first(MmsField.FROM).ifPresent(from -> b.add(MmsField.FROM, from));
        }
        subject.ifPresent(s -> b.add(MmsField.SUBJECT, s));
        Optional<HeaderValue> messageClass = content.first(MmsField.MESSAGE_CLASS);
        b.add(MmsField.MESSAGE_CLASS, messageClass.orElse(new HeaderValue.Token(0)));
        content.first(MmsField.PRIORITY).ifPresent(p -> b.add(MmsField.PRIORITY, p));
        long remaining = Math.max(60, Duration.between(now, message.expiry()).toSeconds());
        return new MmsEncoder().encode(b.number(MmsField.MESSAGE_SIZE, message.size())
                .relativeTime(MmsField.EXPIRY, remaining)
                .text(MmsField.CONTENT_LOCATION, contentLocation(recipient.token()))
                .build());
    }
}
