package org.mmsgw.codec.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonTest {

    /** Builds a LinkedHashMap from alternating keys and values. */
    private static Map<String, Object> obj(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static List<Object> arr(Object... values) {
        return new ArrayList<>(Arrays.asList(values));
    }

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("null", null),
                Arguments.of(" true ", true),
                Arguments.of("\t\r\nfalse\n", false),
                Arguments.of("0", 0L),
                Arguments.of("-0", 0L),
                Arguments.of("42", 42L),
                Arguments.of("-17", -17L),
                Arguments.of("9223372036854775807", Long.MAX_VALUE),
                Arguments.of("-9223372036854775808", Long.MIN_VALUE),
                Arguments.of("9223372036854775808", new BigDecimal("9223372036854775808")),
                Arguments.of("-9223372036854775809", new BigDecimal("-9223372036854775809")),
                Arguments.of("1.50", new BigDecimal("1.50")),
                Arguments.of("-0.5e-3", new BigDecimal("-0.0005")),
                Arguments.of("1E3", new BigDecimal("1E3")),
                Arguments.of("2e+2", new BigDecimal("2E2")),
                Arguments.of("\"\"", ""),
                Arguments.of("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"", "a\"b\\c/d\b\f\n\r\t"),
                Arguments.of("\"\\u00e9\\u00C9\"", "éÉ"),
                Arguments.of("\"\\ud83d\\ude00\"", "\uD83D\uDE00"),
                Arguments.of("\"grüß 😀\"", "grüß \uD83D\uDE00"),
                Arguments.of("\"\\u0000\"", "\0"),
                Arguments.of("[]", arr()),
                Arguments.of("{}", obj()),
                Arguments.of("[1, \"x\", null, true, [ ], { }]", arr(1L, "x", null, true, arr(), obj())),
                Arguments.of("{\"b\":1,\"a\":{\"c\":[false]},\"n\":null}",
                        obj("b", 1L, "a", obj("c", arr(false)), "n", null)));
    }

    @ParameterizedTest
    @MethodSource
    void valid(String text, Object expected) {
        Object actual = Json.parse(text);
        assertEquals(expected, actual);
        if (expected != null) {
            assertEquals(expected.getClass(), actual.getClass());
        }
    }

    @Test
    void objectKeepsMemberOrder() {
        Map<String, Object> m = Json.asObject(Json.parse("{\"z\":1,\"a\":2,\"m\":3}"), "doc");
        assertEquals(List.of("z", "a", "m"), new ArrayList<>(m.keySet()));
        assertInstanceOf(LinkedHashMap.class, m);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                // text, line, column, message fragment
                Arguments.of("", 1, 1, "expected a value but found end of input"),
                Arguments.of("   ", 1, 4, "expected a value"),
                Arguments.of("[1,]", 1, 4, "expected a value but found ']'"),
                Arguments.of("{\"a\":1,}", 1, 8, "expected '\"' starting a member name but found '}'"),
                Arguments.of("[1 2]", 1, 4, "expected ',' or ']' but found '2'"),
                Arguments.of("{\"a\" 1}", 1, 6, "expected ':' but found '1'"),
                Arguments.of("{\"a\":1 \"b\":2}", 1, 8, "expected ',' or '}'"),
                Arguments.of("{a:1}", 1, 2, "member name but found 'a'"),
                Arguments.of("{\"a\":1,\"a\":2}", 1, 8, "duplicate member name \"a\""),
                Arguments.of("01", 1, 2, "leading zero"),
                Arguments.of("-01", 1, 3, "leading zero"),
                Arguments.of("-", 1, 2, "expected a digit but found end of input"),
                Arguments.of("1.", 1, 3, "expected a digit"),
                Arguments.of("1.e5", 1, 3, "expected a digit but found 'e'"),
                Arguments.of("1e", 1, 3, "expected a digit"),
                Arguments.of("+1", 1, 1, "expected a value but found '+'"),
                Arguments.of(".5", 1, 1, "expected a value"),
                Arguments.of("1e99999999999", 1, 1, "number out of range"),
                Arguments.of("NaN", 1, 1, "expected a value but found 'N'"),
                Arguments.of("tru", 1, 4, "expected 'true' but found end of input"),
                Arguments.of("nulL", 1, 4, "expected 'null' but found 'L'"),
                Arguments.of("true false", 1, 6, "expected end of input but found 'f'"),
                Arguments.of("{}x", 1, 3, "expected end of input but found 'x'"),
                Arguments.of("'a'", 1, 1, "expected a value but found '''"),
                Arguments.of("// c\n1", 1, 1, "expected a value but found '/'"),
                Arguments.of("[1] /* c */", 1, 5, "expected end of input but found '/'"),
                Arguments.of("\uFEFF{}", 1, 1, "found U+FEFF"),
                Arguments.of("\"abc", 1, 5, "expected '\"' closing the string but found end of input"),
                Arguments.of("\"a\nb\"", 1, 3, "unescaped control character U+000A"),
                Arguments.of("\"a\tb\"", 1, 3, "unescaped control character U+0009"),
                Arguments.of("\"\\x\"", 1, 3, "after '\\' but found 'x'"),
                Arguments.of("\"\\u12g4\"", 1, 6, "expected a hex digit but found 'g'"),
                Arguments.of("\"\\u12\"", 1, 6, "expected a hex digit but found '\"'"),
                Arguments.of("\"\\ud800\"", 1, 8, "low surrogate but found '\"'"),
                Arguments.of("\"\\ud800\\u0041\"", 1, 8, "expected a low surrogate but found \\u0041"),
                Arguments.of("\"\\udc00\"", 1, 2, "unpaired low surrogate \\uDC00"),
                Arguments.of("\"\uD800x\"", 1, 2, "unpaired surrogate U+D800"),
                Arguments.of("\"\uDC00\"", 1, 2, "unpaired surrogate U+DC00"),
                Arguments.of("{\n  \"a\": [\n    1,\n  ]\n}", 4, 3, "expected a value but found ']'"),
                Arguments.of("[\r\n1,\r\n\r\n x]", 4, 2, "expected a value but found 'x'"),
                Arguments.of("[1,\r2,\r\rx]", 4, 1, "found 'x'"));
    }

    @ParameterizedTest
    @MethodSource
    void invalid(String text, int line, int column, String fragment) {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse(text));
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(column, e.column(), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertTrue(e.getMessage().contains("at line " + line + ", column " + column), e.getMessage());
    }

    @Test
    void errorCarriesOffset() {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse("{\n\"a\":x}"));
        assertEquals(6, e.offset());
        assertEquals("expected a value but found 'x' at line 2, column 5 (offset 6)", e.getMessage());
    }

    @Test
    void deepNestingRejectedWithoutStackOverflow() {
        String ok = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        Object parsed = Json.parse(ok);
        assertEquals(ok, Json.write(parsed));

        String arrays = "[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1);
        JsonException e = assertThrows(JsonException.class, () -> Json.parse(arrays));
        assertTrue(e.getMessage().contains("nesting deeper than 512"), e.getMessage());
        assertEquals(Json.MAX_DEPTH, e.offset());

        String huge = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);
        assertThrows(JsonException.class, () -> Json.parse(huge));
        String unclosed = "[".repeat(1_000_000);
        assertThrows(JsonException.class, () -> Json.parse(unclosed));
    }

    @Test
    void writerRejectsCyclesAndTooDeepNesting() {
        List<Object> cyclic = new ArrayList<>();
        cyclic.add(cyclic);
        assertThrows(IllegalArgumentException.class, () -> Json.write(cyclic));
        Map<String, Object> self = new LinkedHashMap<>();
        self.put("self", self);
        assertThrows(IllegalArgumentException.class, () -> Json.writePretty(self));
    }

    @Test
    void bigIntegers() {
        String big = "123456789012345678901234567890123456789";
        assertEquals(new BigDecimal(big), Json.parse(big));
        assertEquals("[" + big + ",-" + big + "]", Json.write(Json.parse("[" + big + ", -" + big + "]")));
        assertEquals(big, Json.write(new BigInteger(big)));
        JsonException e = assertThrows(JsonException.class, () -> Json.asLong(Json.parse(big), "size"));
        assertEquals("size: expected an integer in the range of long but found number " + big, e.getMessage());
        String tooLong = "1".repeat(Json.MAX_NUMBER_LENGTH + 1);
        assertThrows(JsonException.class, () -> Json.parse(tooLong));
        assertEquals(new BigDecimal("1".repeat(Json.MAX_NUMBER_LENGTH)), Json.parse("1".repeat(Json.MAX_NUMBER_LENGTH)));
    }

    @Test
    void roundTripNested() {
        Map<String, Object> doc = obj(
                "to", arr("+49170/TYPE=PLMN", "a@example.org"),
                "size", 12345L,
                "big", new BigDecimal("98765432109876543210"),
                "ratio", new BigDecimal("0.125"),
                "sci", new BigDecimal("1E+3"),
                "flags", obj("read", true, "delivery", false, "none", null),
                "parts", arr(
                        obj("type", "text/plain; charset=utf-8", "text", "Hällo \"wörld\"\n\u2028😀"),
                        obj("type", "image/jpeg", "data", arr(), "headers", obj())),
                "matrix", arr(arr(1L, 2L), arr(), arr(arr(obj()))),
                "empty", "");
        assertEquals(doc, Json.parse(Json.write(doc)));
        assertEquals(doc, Json.parse(Json.writePretty(doc)));
        assertEquals(Json.write(doc), Json.write(Json.parse(Json.writePretty(doc))));
    }

    @Test
    void writeCompact() {
        assertEquals("{\"a\":[1,\"x\",null,true],\"b\":{},\"c\":[]}",
                Json.write(obj("a", arr(1L, "x", null, true), "b", obj(), "c", arr())));
        assertEquals("null", Json.write(null));
        assertEquals("[1,2,3,4,1.5,2.5,1E+3]", Json.write(List.of((byte) 1, (short) 2, 3, 4L, 1.5, 2.5f,
                new BigDecimal("1E3"))));
    }

    @Test
    void writePrettyStyle() {
        Map<String, Object> doc = obj(
                "type", "m-send-req",
                "headers", arr(arr("From", "+49170/TYPE=PLMN"), arr("X-Mms-Message-Size", 1024L)),
                "to", arr("a", "b"),
                "cc", arr(),
                "flags", obj(),
                "mixed", arr(1L, obj("k", null)),
                "parts", arr(obj("ct", "text/plain", "sizes", arr(1L, true, null))));
        String expected = String.join("\n",
                "{",
                "  \"type\": \"m-send-req\",",
                "  \"headers\": [",
                "    [\"From\", \"+49170/TYPE=PLMN\"],",
                "    [\"X-Mms-Message-Size\", 1024]",
                "  ],",
                "  \"to\": [\"a\", \"b\"],",
                "  \"cc\": [],",
                "  \"flags\": {},",
                "  \"mixed\": [",
                "    1,",
                "    {",
                "      \"k\": null",
                "    }",
                "  ],",
                "  \"parts\": [",
                "    {",
                "      \"ct\": \"text/plain\",",
                "      \"sizes\": [1, true, null]",
                "    }",
                "  ]",
                "}");
        assertEquals(expected, Json.writePretty(doc));
        assertEquals("[\"From\", \"+49170/TYPE=PLMN\"]", Json.writePretty(List.of("From", "+49170/TYPE=PLMN")));
        assertEquals("\"x\"", Json.writePretty("x"));
        assertEquals("[\n  []\n]", Json.writePretty(arr(arr())));
    }

    @Test
    void escapesOnWrite() {
        assertEquals("\"q\\\" b\\\\ s/ \\b\\f\\n\\r\\t \\u0000\\u001F \\u2028\\u2029 é€😀 \u007f\"",
                Json.write("q\" b\\ s/ \b\f\n\r\t \0\u001f \u2028\u2029 é€😀 \u007f"));
        assertThrows(IllegalArgumentException.class, () -> Json.write("bad \uD800"));
        assertThrows(IllegalArgumentException.class, () -> Json.write("bad \uDC00\uD800"));
        String all = new StringBuilder().appendCodePoint(0x10FFFF).append("\u0001\u007f\u00a0\uFFFF").toString();
        assertEquals(all, Json.parse(Json.write(all)));
    }

    @Test
    void writerRejectsUnsupportedValues() {
        assertThrows(IllegalArgumentException.class, () -> Json.write(new byte[] {1}));
        assertThrows(IllegalArgumentException.class, () -> Json.write(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Json.write(Float.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> Json.write(Collections.singletonMap(1, "x")));
        assertThrows(IllegalArgumentException.class, () -> Json.write(new java.util.concurrent.atomic.AtomicLong()));
        assertThrows(IllegalArgumentException.class, () -> Json.write(new Object()));
    }

    @Test
    void typedAccessors() {
        Map<String, Object> m = Json.asObject(Json.parse(
                "{\"s\":\"x\",\"n\":7,\"f\":2.0,\"h\":2.5,\"b\":true,\"z\":null,\"l\":[1],\"big\":4294967296}"), "doc");
        assertEquals("x", Json.asString(m.get("s"), "doc.s"));
        assertEquals(7L, Json.asLong(m.get("n"), "doc.n"));
        assertEquals(7, Json.asInt(m.get("n"), "doc.n"));
        assertEquals(2L, Json.asLong(m.get("f"), "doc.f"));
        assertTrue(Json.asBoolean(m.get("b"), "doc.b"));
        assertEquals(List.of(1L), Json.asList(m.get("l"), "doc.l"));
        assertEquals("x", Json.optString(m, "s"));
        assertNull(Json.optString(m, "missing"));
        assertNull(Json.optString(m, "z"));
        assertEquals(7L, Json.optLong(m, "n", "doc"));
        assertNull(Json.optLong(m, "z", "doc"));
        assertEquals(true, Json.optBoolean(m, "b", "doc"));
        assertNull(Json.require(m, "z", "doc"));

        assertEquals("doc.s: expected integer but found string",
                assertThrows(JsonException.class, () -> Json.optLong(m, "s", "doc")).getMessage());
        assertEquals("parts[0]: expected object but found array",
                assertThrows(JsonException.class, () -> Json.asObject(m.get("l"), "parts[0]")).getMessage());
        assertEquals("to: expected array but found null",
                assertThrows(JsonException.class, () -> Json.asList(null, "to")).getMessage());
        assertEquals("object.n: expected string but found number 7",
                assertThrows(JsonException.class, () -> Json.optString(m, "n")).getMessage());
        assertEquals("doc.h: expected an integer in the range of long but found number 2.5",
                assertThrows(JsonException.class, () -> Json.asLong(m.get("h"), "doc.h")).getMessage());
        assertEquals("doc.big: expected an integer in the range of int but found number 4294967296",
                assertThrows(JsonException.class, () -> Json.asInt(m.get("big"), "doc.big")).getMessage());
        assertEquals("doc.b: expected string but found boolean true",
                assertThrows(JsonException.class, () -> Json.asString(m.get("b"), "doc.b")).getMessage());
        assertEquals("doc: missing member \"q\"",
                assertThrows(JsonException.class, () -> Json.require(m, "q", "doc")).getMessage());
        assertEquals(-1, assertThrows(JsonException.class, () -> Json.asString(1L, "x")).line());

        Json.allowOnly(obj("a", 1L), "hdr", "a", "b");
        assertEquals("hdr: unknown member \"c\", expected one of [a, b]",
                assertThrows(JsonException.class, () -> Json.allowOnly(obj("a", 1L, "c", 2L), "hdr", "a", "b"))
                        .getMessage());
    }
}
