package org.mmsgw.codec.wsp;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.mmsgw.codec.CodecLimits;
import org.mmsgw.codec.LimitExceededException;
import org.mmsgw.codec.MalformedPduException;

/**
 * Content-type-value (WAP-230-WSP §8.4.2.24) and its parameters (§8.4.2.4, Table 38). Each hex string
 * is the decode input and the encode expectation. Byte values are from
 * {@code shared/reference/mms-tables.md} §4-5.
 */
class ContentTypeCodecTest {
    private static final String FIELD = "Content-Type";
    private static final String APPLICATION_SMIL = "6170706C69636174696F6E2F736D696C00"; // "application/smil\0"

    static Stream<Arguments> canonical() {
        return Stream.of(
                // constrained media, well-known (Table 40)
                Arguments.of("80", ContentType.of("*/*")),
                Arguments.of("83", ContentType.of("text/plain")),
                Arguments.of("9E", ContentType.of("image/jpeg")),
                Arguments.of("A3", ContentType.of(ContentType.MULTIPART_MIXED)),
                Arguments.of("B3", ContentType.of(ContentType.MULTIPART_RELATED)),
                Arguments.of("BE", ContentType.of(ContentType.MMS_MESSAGE)),
                Arguments.of("D2", ContentType.of("application/mikey")), // 0x52, the last code
                // constrained media, extension: application/smil has no code
                Arguments.of(APPLICATION_SMIL, ContentType.of("application/smil")),
                // a type that has a code but came as text stays text
                Arguments.of("696D6167652F6A70656700", new ContentType("image/jpeg", true, List.of())),
                // general form: text/plain; charset=utf-8 (106 = 0xEA as a short-integer)
                Arguments.of("03 83 81 EA", ContentType.of("text/plain", Parameter.charset(Charsets.UTF_8))),
                Arguments.of("03 83 81 83", ContentType.of("text/plain", Parameter.charset(Charsets.US_ASCII))),
                // long charsets: utf-16 (1015, rc-mms-1-3-con-214 part 1) and big5 (2026)
                Arguments.of("05 83 81 02 03 F7", ContentType.of("text/plain", Parameter.charset(Charsets.UTF_16))),
                Arguments.of("05 83 81 02 07 EA", ContentType.of("text/plain", Parameter.charset(Charsets.BIG5))),
                // charset as text
                Arguments.of("08 83 81 7574662D3800",
                        new ContentType("text/plain", false, List.of(new Parameter(Parameter.CHARSET, "charset", "utf-8")))),
                // textual media with a parameter
                Arguments.of("13" + APPLICATION_SMIL + "81 EA",
                        ContentType.of("application/smil", Parameter.charset(Charsets.UTF_8))),
                // mms-tables.md §4, real BT m-retrieve-conf: 33 octets, so the 1F length-quote; start before type
                Arguments.of("1F 21 B3 8A 3C62746D6D732E736D696C3E00 89" + APPLICATION_SMIL,
                        ContentType.of(ContentType.MULTIPART_RELATED, Parameter.of("start", "<btmms.smil>"),
                                Parameter.of("type", "application/smil"))),
                // crafted m-send-req-related-utf8: type before start, 27 octets
                Arguments.of("1B B3 89" + APPLICATION_SMIL + "8A 3C736D696C3E00",
                        ContentType.of(ContentType.MULTIPART_RELATED, Parameter.of("type", "application/smil"),
                                Parameter.of("start", "<smil>"))),
                // type (0x89) naming a well-known media: written as its short-integer
                Arguments.of("03 B3 89 83",
                        ContentType.of(ContentType.MULTIPART_RELATED, Parameter.of("type", "text/plain"))),
                // type (0x83) with an Integer-value
                Arguments.of("03 B3 83 85", ContentType.of(ContentType.MULTIPART_RELATED, Parameter.of("type", 5L))),
                // name (0x85)
                Arguments.of("0A 9E 85 7069632E6A706700", ContentType.of("image/jpeg", Parameter.of("name", "pic.jpg"))),
                // q (0x80) is a uintvar
                Arguments.of("03 83 80 01", new ContentType("text/plain", false, List.of(new Parameter(0, "q", 1L)))),
                // untyped parameters: Token-text name, then Integer-value, Text-string or No-value
                Arguments.of("0F 83 666F726D617400 666C6F77656400",
                        ContentType.of("text/plain", Parameter.of("format", "flowed"))),
                Arguments.of("06 83 782D6E00 85", ContentType.of("text/plain", Parameter.of("x-n", 5L))),
                Arguments.of("07 83 782D6E00 01 80", ContentType.of("text/plain", Parameter.of("x-n", 128L))),
                Arguments.of("09 83 666F726D617400 00", ContentType.of("text/plain", Parameter.of("format", ""))),
                // several parameters keep their wire order
                Arguments.of("14 83 81 EA 666F726D617400 666C6F77656400 85 6100",
                        ContentType.of("text/plain", Parameter.charset(Charsets.UTF_8), Parameter.of("format", "flowed"),
                                Parameter.of("name", "a"))));
    }

    @ParameterizedTest(name = "[{index}] {0} <-> {1}")
    @MethodSource("canonical")
    void decodes(String hex, ContentType expected) {
        WspReader r = reader(hex + "55");
        assertEquals(expected, ContentTypeCodec.read(r, FIELD));
        assertEquals(bytes(hex).length, r.position(), "stops after the value");
    }

    @ParameterizedTest(name = "[{index}] {1} <-> {0}")
    @MethodSource("canonical")
    void encodes(String hex, ContentType type) {
        WspWriter w = new WspWriter();
        ContentTypeCodec.write(w, type);
        assertEquals(norm(hex), text(w.toByteArray()));
    }

    /** Valid but not canonical: decoded, then written in the canonical form. */
    static Stream<Arguments> lenient() {
        return Stream.of(
                // general form without parameters
                Arguments.of("01 9E", ContentType.of("image/jpeg"), "9E"),
                // well-known media as a Long-integer inside the general form
                Arguments.of("02 01 33", ContentType.of(ContentType.MULTIPART_RELATED), "B3"),
                // length-quote for a short value
                Arguments.of("1F 03 83 81 EA", ContentType.of("text/plain", Parameter.charset(106)), "03 83 81 EA"),
                // charset 106 as a Long-integer
                Arguments.of("04 83 81 01 6A", ContentType.of("text/plain", Parameter.charset(106)), "03 83 81 EA"),
                // an untyped name in capitals: names are kept in lower case
                Arguments.of("0F 83 466F726D617400 666C6F77656400",
                        ContentType.of("text/plain", Parameter.of("format", "flowed")),
                        "0F 83 666F726D617400 666C6F77656400"),
                // an untyped value as a Quoted-string
                Arguments.of("10 83 666F726D617400 22 666C6F77656400",
                        ContentType.of("text/plain", Parameter.of("format", "flowed")),
                        "0F 83 666F726D617400 666C6F77656400"));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {2}")
    @MethodSource("lenient")
    void decodesLenientForms(String hex, ContentType expected, String canonicalHex) {
        WspReader r = reader(hex);
        assertEquals(expected, ContentTypeCodec.read(r, FIELD));
        assertEquals(bytes(hex).length, r.position());
        WspWriter w = new WspWriter();
        ContentTypeCodec.write(w, expected);
        assertEquals(norm(canonicalHex), text(w.toByteArray()));
    }

    @ParameterizedTest(name = "[{index}] {0}: {4}")
    @CsvSource({
        // unknown well-known codes (Table 40 ends at 0x52)
        "D3,             Content-Type,                  0, a well-known content type (0x00-0x52), code 83",
        "FF,             Content-Type,                  0, a well-known content type (0x00-0x52), code 127",
        "01 D3,          Content-Type,                  1, a well-known content type (0x00-0x52), code 83",
        "03 02 01 00,    Content-Type,                  1, a well-known content type (0x00-0x52), code 256",
        "03 B3 89 D3,    Content-Type parameter type,   3, a well-known content type (0x00-0x52), code 83",
        // unassigned and out-of-table parameter codes (Table 38)
        "02 83 84,       Content-Type parameter,        2, a well-known parameter (Table 38),     0x84",
        "02 83 9E,       Content-Type parameter,        2, a well-known parameter (Table 38),     0x9E",
        "02 83 05,       Content-Type parameter,        2, parameter token or text name,          0x05",
        // lengths and ends
        "05 83 81,       Content-Type,                  0, a value-length within the 2 remaining octets, 5",
        "'',             Content-Type,                  0, an octet,                              end of input",
        "00,             Content-Type,                  1, an octet,                              end of input",
        "02 83 81,       Content-Type parameter charset, 3, an octet,                             end of input",
        "61 62,          Content-Type,                  0, NUL-terminated text,                   end of input after 2 octets",
        // the start text may not run past its value-length, even when a NUL follows it
        "04 B3 8A 3C 61 00, Content-Type parameter start, 3, NUL-terminated text,                 end of input after 2 octets",
    })
    void errors(String hex, String field, long offset, String expected, String found) {
        WspReader r = reader(hex);
        MalformedPduException e = assertThrows(MalformedPduException.class, () -> ContentTypeCodec.read(r, FIELD));
        assertError(e, field, offset, expected, found);
    }

    @Test
    void parameterCountIsLimited() {
        WspReader r = new WspReader(bytes("05 83 81 EA 81 EA"), CodecLimits.DEFAULTS.withMaxHeaders(1));
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> ContentTypeCodec.read(r, FIELD));
        assertError(e, "Content-Type parameter", 4, "at most 1 (maxHeaders)", "2");
    }

    @Test
    void modelAnswersWhatTheRelayAsks() {
        ContentType related = ContentTypeCodec.read(
                reader("1F 21 B3 8A 3C62746D6D732E736D696C3E00 89" + APPLICATION_SMIL), FIELD);
        ContentType utf16 = ContentTypeCodec.read(reader("05 83 81 02 03 F7"), FIELD);
        assertAll(
                () -> assertTrue(related.isMultipart()),
                () -> assertEquals("<btmms.smil>", related.parameterText("start").orElseThrow()),
                () -> assertEquals("application/smil", related.parameterText("type").orElseThrow()),
                () -> assertEquals(1015L, utf16.charset().orElseThrow()),
                () -> assertEquals("text/plain; charset=utf-16", utf16.toString()));
    }

    @Test
    void typeWithoutCodeCannotBeMarkedWellKnown() {
        assertThrows(IllegalArgumentException.class, () -> new ContentType("application/smil", false, List.of()));
    }

    // ---------------------------------------------------------------- helpers

    private static void assertError(MalformedPduException e, String field, long offset, String expected,
            String found) {
        assertAll(e.getMessage(),
                () -> assertEquals(field, e.field(), "field"),
                () -> assertEquals(offset, e.offset(), "offset"),
                () -> assertEquals(expected, e.expected(), "expected"),
                () -> assertEquals(found, e.found(), "found"));
    }

    private static WspReader reader(String hex) {
        return new WspReader(bytes(hex), CodecLimits.DEFAULTS);
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
