package org.mmsgw.processors.deliver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.mmsgw.codec.mms.MessageType;
import org.mmsgw.codec.mms.MmsDecoder;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.codec.push.WapPush;
import org.mmsgw.codec.push.WapPushCodec;
import org.mmsgw.codec.sms.SmsSegmenter;
import org.mmsgw.codec.wsp.Bytes;
import org.mmsgw.codec.wsp.Charsets;
import org.mmsgw.codec.wsp.EncodedString;
import org.mmsgw.codec.wsp.HeaderValue;
import org.mmsgw.processors.store.Recipient;
import org.mmsgw.processors.store.RecipientState;
import org.mmsgw.processors.store.StoredMessage;

class NotificationBuilderTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final String TOKEN = "AbCdEfGhIjKlMnOpQrStUv";
    private static final Recipient BOB = new Recipient("+491702222222", TOKEN, RecipientState.PENDING);
    private static final StoredMessage MESSAGE = new StoredMessage("M-1", "+491701111111", NOW,
            NOW.plusSeconds(3 * 86_400), false, false, false, 1210, List.of(BOB));
    private static final String URL = "http://127.0.0.1:8080";
    private static final String LONG = "Photos from the summer holiday at the lake, day one (of seven)";

    @Test
    void aShortSubjectGoesWholeInOneSms() {
        MmsPdu notification = decode(new NotificationBuilder(URL, true).encode(MESSAGE, BOB, content(ascii("Hi")), NOW));
        assertEquals(Optional.of("Hi"), notification.text(MmsField.SUBJECT));
        assertEquals(Optional.of(URL + "/mms/" + TOKEN), notification.text(MmsField.CONTENT_LOCATION));
        assertEquals(Optional.of(TOKEN), notification.text(MmsField.TRANSACTION_ID));
    }

    @Test
    void aLongSubjectIsCutToTheLongestStartThatFitsOneSms() {
        byte[] pdu = new NotificationBuilder(URL, true).encode(MESSAGE, BOB, content(ascii(LONG)), NOW);
        String subject = decode(pdu).text(MmsField.SUBJECT).orElseThrow();
        assertTrue(NotificationBuilder.fitsOneSms(pdu), "one SMS: " + pushLength(pdu));
        assertTrue(LONG.startsWith(subject) && !subject.isEmpty() && subject.length() < LONG.length(), subject);
        // one character more would not fit: nothing was cut that need not be (but spaces at the end)
        int spaces = 0;
        while (LONG.charAt(subject.length() + spaces) == ' ') {
            spaces++;
        }
        assertEquals(SmsSegmenter.MAX_UNSEGMENTED_PAYLOAD, pushLength(pdu) + spaces, "the push fills the SMS");
    }

    @Test
    void aShortenedSubjectDoesNotEndInASpace() {
        // one of the two is cut right after a space
        for (String long_ : new String[] {"x ".repeat(40), "xx" + "x ".repeat(40)}) {
            byte[] pdu = new NotificationBuilder(URL, true).encode(MESSAGE, BOB, content(ascii(long_)), NOW);
            String subject = decode(pdu).text(MmsField.SUBJECT).orElseThrow();
            assertTrue(long_.startsWith(subject) && !subject.endsWith(" "), "'" + subject + "'");
            assertTrue(NotificationBuilder.fitsOneSms(pdu));
        }
    }

    @Test
    void withoutFittingTheLongSubjectGoesWholeInTwoSms() {
        byte[] pdu = new NotificationBuilder(URL, false).encode(MESSAGE, BOB, content(ascii(LONG)), NOW);
        assertEquals(Optional.of(LONG), decode(pdu).text(MmsField.SUBJECT));
        assertFalse(NotificationBuilder.fitsOneSms(pdu));
        assertEquals(2, SmsSegmenter.splitWapPush(push(pdu), 1).size());
    }

    @Test
    void aUtf8SubjectIsCutBetweenCharactersAndKeepsItsCharset() {
        String subject = "Grüße vom Sommerfest am See 👋👋👋 — Bilder und Grüße an alle daheim";
        byte[] pdu = new NotificationBuilder(URL, true).encode(MESSAGE, BOB,
                content(new HeaderValue.Encoded(EncodedString.of(subject))), NOW);
        HeaderValue cut = decode(pdu).first(MmsField.SUBJECT).orElseThrow();
        EncodedString value = ((HeaderValue.Encoded) cut).string();
        assertEquals(Charsets.UTF_8, value.charset());
        String text = value.decoded().orElseThrow();
        assertTrue(subject.startsWith(text) && text.length() < subject.length(), text);
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), value.octets().toByteArray(), "whole UTF-8 sequences");
        assertTrue(NotificationBuilder.fitsOneSms(pdu));
    }

    @Test
    void aSubjectInACharsetThatCannotBeReadIsLeftOutRatherThanCut() {
        HeaderValue unknown = new HeaderValue.Encoded(new EncodedString(9999, Bytes.wrap(
                LONG.getBytes(StandardCharsets.US_ASCII))));
        byte[] pdu = new NotificationBuilder(URL, true).encode(MESSAGE, BOB, content(unknown), NOW);
        assertTrue(decode(pdu).first(MmsField.SUBJECT).isEmpty());
        assertTrue(NotificationBuilder.fitsOneSms(pdu));
    }

    @Test
    void whenEvenNoSubjectFitsTheSubjectStaysWhole() {
        String longUrl = "https://mms.operator.example.net/multimedia-messaging/retrieval/for-phones";
        byte[] pdu = new NotificationBuilder(longUrl, true).encode(MESSAGE, BOB, content(ascii(LONG)), NOW);
        assertEquals(Optional.of(LONG), decode(pdu).text(MmsField.SUBJECT));
        assertFalse(NotificationBuilder.fitsOneSms(pdu));
    }

    private static HeaderValue ascii(String text) {
        return new HeaderValue.Encoded(EncodedString.of(text));
    }

    private static MmsPdu content(HeaderValue subject) {
        return MmsPdu.builder(MessageType.SEND_REQ).transactionId("T-1").version(1, 2)
                .from("+491701111111/TYPE=PLMN").to("+491702222222/TYPE=PLMN")
                .add(MmsField.SUBJECT, subject).build();
    }

    private static MmsPdu decode(byte[] pdu) {
        MmsPdu decoded = new MmsDecoder().decode(pdu);
        assertEquals(MessageType.NOTIFICATION_IND, decoded.messageType());
        return decoded;
    }

    private static byte[] push(byte[] pdu) {
        return new WapPushCodec().encode(WapPush.forMms(0, pdu, null));
    }

    private static int pushLength(byte[] pdu) {
        return push(pdu).length;
    }
}
