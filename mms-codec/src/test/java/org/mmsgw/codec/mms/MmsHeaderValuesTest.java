package org.mmsgw.codec.mms;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mmsgw.codec.wsp.Bytes;
import org.mmsgw.codec.wsp.EncodedString;
import org.mmsgw.codec.wsp.Header;
import org.mmsgw.codec.wsp.HeaderValue;

/**
 * MMS header values (OMA-MMS-ENC-V1_3 §7.2-7.3), one or more per {@link MmsField.Kind}. Each row is
 * a header as it follows {@code 8C 80} (m-send-req) on the wire: the decoder must read it to the
 * header, and the encoder must write that header back to the same octets.
 */
class MmsHeaderValuesTest {
    private static final String MESSAGE_TYPE = "8C 80";
    private static final Header SEND_REQ = header(MmsField.MESSAGE_TYPE, new HeaderValue.Token(0));
    private static final String ALPHABET30 = "6162636465666768696A6B6C6D6E6F707172737475767778797A30313233";
    private static final long NOV_2023 = 1700604800L; // 0x655D2B80

    static Stream<Arguments> canonical() {
        return Stream.of(
                // TEXT
                Arguments.of("98 5431 00", header(MmsField.TRANSACTION_ID, new HeaderValue.Text("T1"))),
                Arguments.of("83 687474703A2F2F782F31 00",
                        header(MmsField.CONTENT_LOCATION, new HeaderValue.Text("http://x/1"))),
                Arguments.of("8B 00", header(MmsField.MESSAGE_ID, new HeaderValue.Text(""))),
                // ENCODED: Text-string
                Arguments.of("96 4869 00", header(MmsField.SUBJECT, plain("Hi"))),
                Arguments.of("97 2B313233 00", header(MmsField.TO, plain("+123"))),
                Arguments.of("96 7F C3BC 00", header(MmsField.SUBJECT, encoded(EncodedString.NO_CHARSET, "C3BC"))),
                // ENCODED: Value-length Char-set Text-string, utf-8 = EA, us-ascii = 83
                Arguments.of("96 09 EA 4772C3BCC39F65 00", header(MmsField.SUBJECT, utf8("Grüße"))),
                Arguments.of("96 08 EA 7F C3BC626572 00", header(MmsField.SUBJECT, utf8("über"))),
                Arguments.of("96 04 83 4869 00", header(MmsField.SUBJECT, encoded(3, "4869"))),
                Arguments.of("96 02 EA 00", header(MmsField.SUBJECT, encoded(106, ""))),
                // 32 octets of value: the 1F length-quote form
                Arguments.of("96 1F 20 EA " + ALPHABET30 + " 00", header(MmsField.SUBJECT, encoded(106, ALPHABET30))),
                // utf-16 (1015 = 02 03 F7): the text holds NULs of its own and starts with a BOM, so 7F-quoted
                Arguments.of("96 0B 02 03 F7 7F FEFF00480069 00",
                        header(MmsField.SUBJECT, encoded(1015, "FEFF00480069"))),
                Arguments.of("93 0B EA 4661696C6564E280A6 00",
                        header(MmsField.RESPONSE_TEXT, utf8("Failed…"))),
                // LONG
                Arguments.of("8E 03 01E240", header(MmsField.MESSAGE_SIZE, new HeaderValue.Int(123456))),
                Arguments.of("8E 01 05", header(MmsField.MESSAGE_SIZE, new HeaderValue.Int(5))),
                Arguments.of("9F 01 00", header(MmsField.REPLY_CHARGING_SIZE, new HeaderValue.Int(0))),
                // INTEGER
                Arguments.of("AD 85", header(MmsField.MESSAGE_COUNT, new HeaderValue.Int(5))),
                Arguments.of("AD 02 0100", header(MmsField.MESSAGE_COUNT, new HeaderValue.Int(256))),
                // DATE
                Arguments.of("85 04 655D2B80", header(MmsField.DATE, new HeaderValue.Date(NOV_2023))),
                Arguments.of("85 01 00", header(MmsField.DATE, new HeaderValue.Date(0))),
                // TIME: absolute (80) and relative (81)
                Arguments.of("88 06 80 04 655D2B80", header(MmsField.EXPIRY, new HeaderValue.Time(true, NOV_2023))),
                Arguments.of("88 05 81 03 015180", header(MmsField.EXPIRY, new HeaderValue.Time(false, 86400))),
                Arguments.of("87 03 81 01 00", header(MmsField.DELIVERY_TIME, new HeaderValue.Time(false, 0))),
                Arguments.of("9D 06 80 04 655D2B80",
                        header(MmsField.REPLY_CHARGING_DEADLINE, new HeaderValue.Time(true, NOV_2023))),
                // FROM: insert-address, address-present with a Text-string and with a charset
                Arguments.of("89 01 81", header(MmsField.FROM, HeaderValue.From.INSERT_ADDRESS)),
                Arguments.of("89 10 80 2B3132332F545950453D504C4D4E 00",
                        header(MmsField.FROM, new HeaderValue.From(string(EncodedString.NO_CHARSET, "+123/TYPE=PLMN")))),
                Arguments.of("89 07 80 05 EA 614062 00", header(MmsField.FROM, new HeaderValue.From(string(106, "a@b")))),
                // TOKEN, including codes the tables do not name (kept as numbers)
                Arguments.of("86 80", header(MmsField.DELIVERY_REPORT, new HeaderValue.Token(0))),
                Arguments.of("8F 82", header(MmsField.PRIORITY, new HeaderValue.Token(2))),
                Arguments.of("92 E7", header(MmsField.RESPONSE_STATUS, new HeaderValue.Token(0x67))),
                Arguments.of("95 FF", header(MmsField.STATUS, new HeaderValue.Token(0x7F))),
                // TOKEN_OR_TEXT
                Arguments.of("8A 80", header(MmsField.MESSAGE_CLASS, new HeaderValue.Token(0))),
                Arguments.of("8A 83", header(MmsField.MESSAGE_CLASS, new HeaderValue.Token(3))),
                Arguments.of("8A 84", header(MmsField.MESSAGE_CLASS, new HeaderValue.Token(4))),
                Arguments.of("8A 637573746F6D 00", header(MmsField.MESSAGE_CLASS, new HeaderValue.Text("custom"))),
                // VERSION: 0x80 | major << 4 | minor; minor 15 = none; 7.15 is the largest a short-integer holds
                Arguments.of("8D 90", header(MmsField.MMS_VERSION, new HeaderValue.Version(1, 0))),
                Arguments.of("8D 93", header(MmsField.MMS_VERSION, new HeaderValue.Version(1, 3))),
                Arguments.of("8D 9F", header(MmsField.MMS_VERSION, new HeaderValue.Version(1, 15))),
                Arguments.of("8D FF", header(MmsField.MMS_VERSION, new HeaderValue.Version(7, 15))),
                // PREVIOUSLY_SENT_BY: Value-length Integer-value Encoded-string-value
                Arguments.of("A0 04 81 2B31 00", header(MmsField.PREVIOUSLY_SENT_BY,
                        new HeaderValue.PreviouslySentBy(1, string(EncodedString.NO_CHARSET, "+1")))),
                Arguments.of("A0 06 82 04 EA 6162 00", header(MmsField.PREVIOUSLY_SENT_BY,
                        new HeaderValue.PreviouslySentBy(2, string(106, "ab")))),
                // PREVIOUSLY_SENT_DATE: Value-length Integer-value Date-value
                Arguments.of("A1 06 81 04 655D2B80", header(MmsField.PREVIOUSLY_SENT_DATE,
                        new HeaderValue.PreviouslySentDate(1, NOV_2023))),
                Arguments.of("A1 07 01 C8 04 655D2B80", header(MmsField.PREVIOUSLY_SENT_DATE,
                        new HeaderValue.PreviouslySentDate(200, NOV_2023))),
                // GENERIC: kept raw, length prefix included
                Arguments.of("A4 03 80 61 00", header(MmsField.MM_FLAGS, raw("03 80 61 00"))),
                Arguments.of("AE 81", header(MmsField.CONTENT, raw("81"))),
                // unknown field codes: raw by the WSP general rule, re-encoded identically
                Arguments.of("C5 85", unknown(0x45, "85")),
                Arguments.of("C5 03 010203", unknown(0x45, "03 010203")),
                Arguments.of("C5 1F 20 " + ALPHABET30 + "0000", unknown(0x45, "1F 20 " + ALPHABET30 + "0000")),
                Arguments.of("FF 616263 00", unknown(0x7F, "616263 00")),
                // application header: Token-text name, Text-string value
                Arguments.of("582D466F6F 00 626172 00",
                        new Header(Header.APPLICATION, "X-Foo", new HeaderValue.Text("bar"))),
                Arguments.of("582D466F6F 00 00", new Header(Header.APPLICATION, "X-Foo", new HeaderValue.Text(""))));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("canonical")
    void decodes(String hex, Header expected) {
        MmsPdu pdu = new MmsDecoder().decode(bytes(MESSAGE_TYPE + hex));
        assertEquals(List.of(SEND_REQ, expected), pdu.headers());
        assertFalse(pdu.hasBody());
    }

    @ParameterizedTest(name = "[{index}] {1} -> {0}")
    @MethodSource("canonical")
    void encodes(String hex, Header header) {
        MmsPdu pdu = new MmsPdu(List.of(SEND_REQ, header), null, null);
        assertEquals(norm(MESSAGE_TYPE + hex), text(new MmsEncoder().encode(pdu)));
    }

    /** Every value form the field table uses has a row above (Content-Type has its own codec test). */
    @Test
    void everyKindHasARow() {
        Set<MmsField.Kind> covered = canonical()
                .map(a -> (Header) a.get()[1])
                .filter(h -> !h.isApplication())
                .flatMap(h -> MmsField.fromCode(h.code()).stream())
                .map(MmsField::kind)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(MmsField.Kind.class)));
        Set<MmsField.Kind> wanted = EnumSet.complementOf(EnumSet.of(MmsField.Kind.CONTENT_TYPE));
        assertEquals(wanted, covered);
    }

    /** Valid but not canonical: decoded, then written in the canonical form. */
    static Stream<Arguments> lenient() {
        return Stream.of(
                // relative time as a Short-integer; written as a Long-integer
                Arguments.of("88 02 81 85", header(MmsField.EXPIRY, new HeaderValue.Time(false, 5)), "88 03 81 01 05"),
                Arguments.of("AD 01 05", header(MmsField.MESSAGE_COUNT, new HeaderValue.Int(5)), "AD 85"),
                Arguments.of("85 02 0005", header(MmsField.DATE, new HeaderValue.Date(5)), "85 01 05"),
                // length-quote for short values
                Arguments.of("89 1F 03 80 61 00",
                        header(MmsField.FROM, new HeaderValue.From(string(EncodedString.NO_CHARSET, "a"))),
                        "89 03 80 61 00"),
                Arguments.of("96 1F 04 EA 6162 00", header(MmsField.SUBJECT, encoded(106, "6162")), "96 04 EA 6162 00"),
                // charset 106 as a Long-integer
                Arguments.of("96 05 01 6A 6162 00", header(MmsField.SUBJECT, encoded(106, "6162")), "96 04 EA 6162 00"),
                // a 7F quote before ASCII text
                Arguments.of("96 7F 4869 00", header(MmsField.SUBJECT, plain("Hi")), "96 4869 00"),
                Arguments.of("A0 05 01 01 2B31 00", header(MmsField.PREVIOUSLY_SENT_BY,
                        new HeaderValue.PreviouslySentBy(1, string(EncodedString.NO_CHARSET, "+1"))), "A0 04 81 2B31 00"));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {2}")
    @MethodSource("lenient")
    void decodesLenientForms(String hex, Header expected, String canonicalHex) {
        MmsPdu pdu = new MmsDecoder().decode(bytes(MESSAGE_TYPE + hex));
        assertEquals(List.of(SEND_REQ, expected), pdu.headers());
        assertEquals(norm(MESSAGE_TYPE + canonicalHex), text(new MmsEncoder().encode(pdu)));
    }

    /**
     * An empty Text-string is the single octet 00, which an Encoded-string-value reader can take for a
     * Value-length of 0; AOSP's {@code parseEncodedStringValue} reads 00 as "", and so does ours:
     * what our encoder writes for an empty Subject or To decodes back.
     */
    @Test
    void emptyEncodedStringRoundTrips() {
        MmsPdu pdu = MmsPdu.builder(MessageType.SEND_REQ).encoded(MmsField.SUBJECT, "").build();
        byte[] wire = new MmsEncoder().encode(pdu);
        assertEquals("8C809600", text(wire));
        assertEquals(pdu.headers(), new MmsDecoder().decode(wire).headers());
    }

    @Test
    void decodedTextFollowsTheCharset() {
        MmsPdu pdu = new MmsDecoder().decode(bytes(MESSAGE_TYPE
                + "96 0B 02 03 F7 7F FEFF00480069 00"
                + "89 10 80 2B3132332F545950453D504C4D4E 00"
                + "97 09 EA 4772C3BCC39F65 00"));
        assertAll(
                () -> assertEquals("Hi", pdu.text(MmsField.SUBJECT).orElseThrow()),
                () -> assertEquals("+123/TYPE=PLMN", pdu.from().orElseThrow()),
                () -> assertEquals(List.of("Grüße"), pdu.texts(MmsField.TO)));
    }

    @Test
    void builderWritesTheSameOctetsAsTheTable() {
        MmsPdu pdu = MmsPdu.builder(MessageType.SEND_REQ)
                .transactionId("T1")
                .version(1, 3)
                .insertAddressFrom()
                .encoded(MmsField.SUBJECT, "Grüße")
                .absoluteTime(MmsField.EXPIRY, NOV_2023)
                .build();
        assertEquals(norm(MESSAGE_TYPE + "98 5431 00 8D 93 89 01 81 96 09 EA 4772C3BCC39F65 00 88 06 80 04 655D2B80"),
                text(new MmsEncoder().encode(pdu)));
        assertTrue(pdu.first(MmsField.FROM).map(v -> ((HeaderValue.From) v).isInsertAddress()).orElse(false));
    }

    // ---------------------------------------------------------------- helpers

    private static Header header(MmsField field, HeaderValue value) {
        return new Header(field.code(), field.specName(), value);
    }

    private static Header unknown(int code, String rawHex) {
        return new Header(code, Header.unknownName(code), raw(rawHex));
    }

    private static HeaderValue raw(String hex) {
        return new HeaderValue.Raw(Bytes.fromHex(hex));
    }

    private static EncodedString string(long charset, String text) {
        return new EncodedString(charset, Bytes.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static HeaderValue plain(String text) {
        return new HeaderValue.Encoded(string(EncodedString.NO_CHARSET, text));
    }

    private static HeaderValue utf8(String text) {
        return new HeaderValue.Encoded(string(106, text));
    }

    private static HeaderValue encoded(long charset, String hex) {
        return new HeaderValue.Encoded(new EncodedString(charset, Bytes.fromHex(hex)));
    }

    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }

    private static String norm(String hex) {
        return hex.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
    }

    private static String text(byte[] octets) {
        return HexFormat.of().withUpperCase().formatHex(octets);
    }
}
