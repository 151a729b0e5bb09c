package org.mmsgw.processors.mm1;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.mmsgw.codec.CodecLimits;
import org.mmsgw.codec.MalformedPduException;
import org.mmsgw.codec.mms.Address;
import org.mmsgw.codec.mms.MessageType;
import org.mmsgw.codec.mms.MmsDecoder;
import org.mmsgw.codec.mms.MmsEncoder;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.codec.mms.MmsPdus;
import org.mmsgw.codec.mms.MmsValidator;
import org.mmsgw.codec.mms.Violation;
import org.mmsgw.codec.multipart.Body;
import org.mmsgw.codec.multipart.Part;
import org.mmsgw.codec.wsp.EncodedString;
import org.mmsgw.codec.wsp.Header;
import org.mmsgw.codec.wsp.HeaderValue;

/**
 * Decides on one m-send-req (OMA-MMS-CTR §8.1, OMA-MMS-ENC §6.1): decode, validate, check the sender,
 * size, recipients and media types, then either refuse it with the precise X-Mms-Response-Status or
 * accept it with a new Message-ID, the sender written into From and the Date set.
 */
public final class SubmitHandler {
    private final SubmitPolicy policy;
    private final Supplier<String> messageIds;
    private final Clock clock;
    private final MmsDecoder decoder;

    public SubmitHandler(SubmitPolicy policy, Supplier<String> messageIds, Clock clock) {
        this.policy = policy;
        this.messageIds = messageIds;
        this.clock = clock;
        this.decoder = new MmsDecoder(CodecLimits.DEFAULTS.withMaxPduSize(policy.maxSize()));
    }

    /** @param sender the identified sender ({@code +49...}), empty when it could not be told */
    public SubmitOutcome handle(byte[] body, Optional<String> sender) {
        if (body.length > policy.maxSize()) {
            return reject(TransactionIds.peek(body), ResponseStatus.CONTENT_NOT_ACCEPTED,
                    "message too large: " + body.length + " octets, at most " + policy.maxSize());
        }
        MmsPdu pdu;
        try {
            pdu = decoder.decode(body);
        } catch (MalformedPduException e) {
            return reject(TransactionIds.peek(body), ResponseStatus.MESSAGE_FORMAT_CORRUPT, e.getMessage());
        }
        String tid = pdu.transactionId().orElse("");
        Optional<Integer> type = pdu.token(MmsField.MESSAGE_TYPE);
        if (type.isEmpty() || type.get() != MessageType.SEND_REQ.code()) {
            return reject(tid, ResponseStatus.UNSUPPORTED_MESSAGE, "not an m-send-req");
        }
        List<Violation> violations = MmsValidator.validate(pdu);
        if (!violations.isEmpty()) {
            return reject(tid, ResponseStatus.MESSAGE_FORMAT_CORRUPT, violations.get(0).toString());
        }
        if (sender.isEmpty()) {
            return reject(tid, ResponseStatus.SENDING_ADDRESS_UNRESOLVED, "sender not identified");
        }
        List<String> recipients = new ArrayList<>();
        recipients.addAll(pdu.texts(MmsField.TO));
        recipients.addAll(pdu.texts(MmsField.CC));
        recipients.addAll(pdu.texts(MmsField.BCC));
        if (recipients.size() > policy.maxRecipients()) {
            return reject(tid, ResponseStatus.SERVICE_DENIED,
                    "too many recipients: " + recipients.size() + ", at most " + policy.maxRecipients());
        }
        if (recipients.stream().map(Address::parse).noneMatch(Address::isDeliverable)) {
            return reject(tid, ResponseStatus.PERMANENT_FAILURE, "no recipient is a phone number or an e-mail address");
        }
        Optional<String> refused = refusedMedia(pdu.body());
        if (refused.isPresent()) {
            return reject(tid, ResponseStatus.CONTENT_NOT_ACCEPTED, "media type not accepted: " + refused.get());
        }
        String messageId = messageIds.get();
        Instant now = clock.instant();
        Instant expiry = now.plus(expiry(pdu, now));
        byte[] kept = new MmsEncoder().encode(rewrite(pdu, sender.get(), now));
        byte[] conf = new MmsEncoder().encode(MmsPdus.sendConf(tid, ResponseStatus.OK, null, messageId));
        return new SubmitOutcome.Accepted(messageId, sender.get(), expiry, kept, conf);
    }

    private Duration expiry(MmsPdu pdu, Instant now) {
        Optional<HeaderValue> asked = pdu.first(MmsField.EXPIRY);
        Duration wanted = policy.expiryDefault();
        if (asked.isPresent() && asked.get() instanceof HeaderValue.Time t) {
            wanted = t.absolute() ? Duration.between(now, Instant.ofEpochSecond(t.value()))
                    : Duration.ofSeconds(t.value());
        }
        if (wanted.isNegative() || wanted.isZero()) {
            wanted = policy.expiryDefault();
        }
        return wanted.compareTo(policy.expiryMax()) > 0 ? policy.expiryMax() : wanted;
    }

    /** From becomes the identified sender; Date is the time of acceptance. */
    private static MmsPdu rewrite(MmsPdu pdu, String sender, Instant now) {
        List<Header> headers = new ArrayList<>();
        boolean dated = false;
        for (Header h : pdu.headers()) {
            if (!h.isApplication() && h.code() == MmsField.FROM.code()) {
                headers.add(new Header(h.code(), h.name(),
                        new HeaderValue.From(EncodedString.of(Msisdn.toMms(sender)))));
            } else if (!h.isApplication() && h.code() == MmsField.DATE.code()) {
                headers.add(new Header(h.code(), h.name(), new HeaderValue.Date(now.getEpochSecond())));
                dated = true;
            } else {
                headers.add(h);
            }
        }
        if (!dated) {
            headers.add(new Header(MmsField.DATE.code(), MmsField.DATE.specName(),
                    new HeaderValue.Date(now.getEpochSecond())));
        }
        return pdu.withHeaders(headers);
    }

    private Optional<String> refusedMedia(Body body) {
        if (body instanceof Body.Multipart m) {
            for (Part part : m.parts()) {
                if (part.body() instanceof Body.Multipart) {
                    Optional<String> nested = refusedMedia(part.body());
                    if (nested.isPresent()) {
                        return nested;
                    }
                } else if (!policy.mediaAllowed(part.contentType().mediaType())) {
                    return Optional.of(part.contentType().mediaType());
                }
            }
        }
        return Optional.empty();
    }

    private static SubmitOutcome reject(String tid, int status, String reason) {
        String text = reason.length() > 200 ? reason.substring(0, 200) : reason;
        byte[] conf = new MmsEncoder().encode(MmsPdus.sendConf(tid, status, text, null));
        return new SubmitOutcome.Rejected(conf, status, reason);
    }
}
