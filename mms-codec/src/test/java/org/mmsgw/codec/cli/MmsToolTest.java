package org.mmsgw.codec.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.mmsgw.codec.json.Json;
import org.mmsgw.codec.mms.MmsDecoder;
import org.mmsgw.codec.mms.MmsEncoder;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.codec.multipart.Body;
import org.mmsgw.codec.multipart.Part;
import org.mmsgw.codec.wsp.Header;
import org.mmsgw.codec.wsp.HeaderValue;

/**
 * {@code mmsgw decode|encode|push|unpush} as README "The codec on the command line" describes them:
 * the JSON shape, exit codes (0 ok, 1 usage or I/O, 2 malformed input) and the one-line error.
 * Expected values are read off the vectors' octets (offsets given in the comments), not off the codec.
 */
class MmsToolTest {
    private static final Path VECTORS = Path.of(System.getProperty("mmsgw.vectors", "../../shared/vectors"));
    private static final Pattern MALFORMED_LINE = Pattern.compile("error: .+ at offset \\d+: .+");
    private static final Pattern ISO_UTC = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");

    private static final String NOTIFICATION = "crafted/m-notification-ind-utf8.mms";
    private static final String SEND_REQ = "crafted/m-send-req-related-utf8.mms";
    private static final String UTF16_TEXT = "mmsd/rc-mms-1-3-con-214.mms";

    @TempDir
    Path tmp;

    /** One run of the tool: exit code, stdout octets, stderr text. */
    record Run(int code, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, UTF_8);
        }

        Object json() {
            return Json.parse(out());
        }

        List<String> errLines() {
            return stderr.lines().toList();
        }
    }

    /**
     * Runs the tool. An exception escaping {@code run} is recorded as exit code -1 with the exception on
     * stderr, so the assertion that follows names it instead of the test dying in the helper.
     */
    private static Run run(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, UTF_8); PrintStream e = new PrintStream(err, true, UTF_8)) {
            try {
                code = new MmsTool(new ByteArrayInputStream(stdin), o, e).run(args);
            } catch (RuntimeException escaped) {
                e.println("escaped run(): " + escaped);
                code = -1;
            }
        }
        return new Run(code, out.toByteArray(), err.toString(UTF_8));
    }

    private static Run run(String... args) {
        return run(new byte[0], args);
    }

    /** Exit 2, nothing on stdout, exactly one {@code error:} line on stderr and no stack trace. */
    private static void assertMalformed(Run r, String what) {
        assertAll(what,
                () -> assertEquals(MmsTool.MALFORMED, r.code(), "exit code; stderr: " + r.stderr()),
                () -> assertEquals("", r.out(), "stdout"),
                () -> assertEquals(1, r.errLines().size(), "stderr lines: " + r.stderr()),
                () -> assertTrue(r.stderr().startsWith("error: "), "stderr: " + r.stderr()),
                () -> assertFalse(r.stderr().contains("\tat ") || r.stderr().contains("Exception"),
                        "stack trace on stderr: " + r.stderr()));
    }

    private static void assertOk(Run r) {
        assertEquals(MmsTool.OK, r.code(), "exit code; stderr: " + r.stderr());
        assertEquals("", r.stderr(), "stderr");
    }

    // ------------------------------------------------------------------ vectors

    static Stream<String> mmsVectors() {
        List<String> ids = new ArrayList<>();
        ids.addAll(list("mmsd", "glob:*.mms"));
        ids.addAll(list("mmsd-inline", "glob:mms_*.bin"));
        ids.addAll(list("crafted", "glob:*.mms"));
        ids.addAll(list("nokia-mmslib", "glob:*.mms"));
        return ids.stream();
    }

    private static List<String> list(String dir, String glob) {
        var matcher = VECTORS.getFileSystem().getPathMatcher(glob);
        try (Stream<Path> files = Files.list(VECTORS.resolve(dir))) {
            List<String> ids = files.filter(p -> matcher.matches(p.getFileName()))
                    .map(p -> dir + "/" + p.getFileName()).sorted().toList();
            if (ids.isEmpty()) {
                throw new IllegalStateException("no " + glob + " in " + VECTORS.resolve(dir).toAbsolutePath());
            }
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException("vectors dir " + VECTORS.toAbsolutePath() + " (set -Dmmsgw.vectors)", e);
        }
    }

    private static String path(String id) {
        return VECTORS.resolve(id).toString();
    }

    private static byte[] read(String id) {
        try {
            return Files.readAllBytes(VECTORS.resolve(id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> decodeJson(String id, boolean withData) {
        Run r = withData ? run("decode", "--with-data", path(id)) : run("decode", path(id));
        assertOk(r);
        return Json.asObject(r.json(), id);
    }

    // ------------------------------------------------------------------ decode

    /** Every octet of the PDU read off the file: 8C82 98.. 8D92 89 1A 80.. 96 1B EA.. 8A80 8E03.. 8806 80 04.. 83... */
    @Test
    void decodePrintsTypeAndHeadersInWireOrderWithSpecNames() {
        Object expected = Json.parse("""
                {
                  "messageType": "m-notification-ind",
                  "headers": [
                    ["X-Mms-Transaction-Id", "NTF-0001"],
                    ["X-Mms-MMS-Version", "1.2"],
                    ["From", "+4915112345678/TYPE=PLMN"],
                    ["Subject", "Grüße 👋 Привет"],
                    ["X-Mms-Message-Class", "Personal"],
                    ["X-Mms-Message-Size", 123456],
                    ["X-Mms-Expiry", "2023-11-21T22:13:20Z"],
                    ["X-Mms-Content-Location", "http://mmsc.example.com/retrieve?id=%s"]
                  ]
                }""".formatted("A".repeat(120)));

        assertEquals(expected, decodeJson(NOTIFICATION, false));
    }

    /** 89 01 81 is the insert-address-token; 8A80 8F81 8680 9081 are Personal, Normal, Yes, No. */
    @Test
    void decodeNamesInsertAddressTokensAndContentTypeParameters() {
        Map<String, Object> json = decodeJson(SEND_REQ, false);

        assertEquals(List.of("messageType", "headers", "contentType", "parts"), List.copyOf(json.keySet()));
        assertEquals("m-send-req", json.get("messageType"));
        assertEquals(Json.parse("""
                [
                  ["X-Mms-Transaction-Id", "SR-0001"],
                  ["X-Mms-MMS-Version", "1.2"],
                  ["From", "<insert-address>"],
                  ["To", "+15557654321/TYPE=PLMN"],
                  ["Cc", "user@example.com"],
                  ["Subject", "Urlaub 🏖 – Grüße"],
                  ["X-Mms-Message-Class", "Personal"],
                  ["X-Mms-Priority", "Normal"],
                  ["X-Mms-Delivery-Report", "Yes"],
                  ["X-Mms-Read-Report", "No"]
                ]"""), json.get("headers"));
        assertEquals(Json.parse("""
                {"mediaType": "application/vnd.wap.multipart.related",
                 "params": {"type": "application/smil", "start": "<smil>"}}"""), json.get("contentType"));

        List<Object> parts = Json.asList(json.get("parts"), "parts");
        assertEquals(3, parts.size());
        Map<String, Object> smil = Json.asObject(parts.get(0), "part 1");
        Map<String, Object> text = Json.asObject(parts.get(1), "part 2");
        assertEquals(Json.parse("[[\"Content-ID\", \"<smil>\"], [\"Content-Location\", \"smil.smil\"]]"),
                smil.get("headers"));
        assertFalse(smil.containsKey("text"), "application/smil is no text part");
        assertEquals(Json.parse("""
                {"mediaType": "text/plain", "params": {"charset": "utf-8", "name": "msg.txt"}}"""),
                text.get("contentType"));
        assertEquals("Hällo wörld – 日本語 ✓", text.get("text"));
        assertEquals(31L, text.get("size"));
    }

    /**
     * The part's Content-Type is {@code 05 83 81 02 03 F7} (text/plain; charset=utf-16, offset 0x62) and
     * its 216 data octets start with the little-endian BOM FF FE (offset 0x8C).
     */
    @Test
    void decodeGivesTheTextOfAUtf16Part() {
        byte[] file = read(UTF16_TEXT);
        String fromOctets = new String(file, 0x8E, 214, StandardCharsets.UTF_16LE);
        List<Object> parts = Json.asList(decodeJson(UTF16_TEXT, false).get("parts"), "parts");
        Map<String, Object> part = Json.asObject(parts.get(0), "part 1");

        assertEquals(Json.parse("{\"mediaType\": \"text/plain\", \"params\": {\"charset\": \"utf-16\"}}"),
                part.get("contentType"));
        assertEquals(216L, part.get("size"));
        assertEquals("French ê has a roof over the e. German ü is a u with two dots. Portuguese ã is an a with a ~"
                + " (tilde) above.", part.get("text"));
        assertEquals(fromOctets, part.get("text"));
        assertEquals(sha256(Arrays.copyOfRange(file, 0x8C, 0x8C + 216)), part.get("sha256"));
    }

    /** Date 85 04 4DE8D66C (offset 0x11) is 2011-06-03T12:41:16Z; Subject has charset us-ascii (83). */
    @Test
    void decodeWritesDatesInIsoUtcAndKeepsANamedCharset() {
        List<Object> headers = Json.asList(decodeJson(UTF16_TEXT, false).get("headers"), "headers");

        assertEquals(List.of("Date", "2011-06-03T12:41:16Z"), headers.get(2));
        assertEquals(Json.parse("[\"Subject\", {\"text\": \"MMS-1.3-con-214\", \"charset\": \"us-ascii\"}]"),
                headers.get(3));
    }

    /**
     * For every MMS vector the JSON follows the decoded model: type, header names in wire order, dates in
     * ISO-8601 UTC, token names, content type and parts with size, SHA-256 (computed here), text for
     * text parts only, and base64 data with {@code --with-data}. Without it the JSON is the same minus data.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("mmsVectors")
    void decodeFollowsTheModel(String id) {
        MmsPdu pdu = new MmsDecoder().decode(read(id));
        Map<String, Object> json = decodeJson(id, true);

        List<String> keys = new ArrayList<>(List.of("messageType", "headers"));
        if (pdu.hasBody()) {
            keys.addAll(pdu.body() instanceof Body.Multipart ? List.of("contentType", "parts")
                    : List.of("contentType", "size", "sha256", "data"));
        }
        assertEquals(keys, List.copyOf(json.keySet()), "top-level keys (a valid vector has no violations)");
        assertEquals(pdu.messageType().specName(), json.get("messageType"));
        assertHeaders(pdu.headers().subList(1, pdu.headers().size()), Json.asList(json.get("headers"), "headers"));
        if (pdu.body() instanceof Body.Multipart m) {
            assertEquals(pdu.contentType().mediaType(), Json.asObject(json.get("contentType"), "ct").get("mediaType"));
            assertParts(id, m.parts(), Json.asList(json.get("parts"), "parts"));
        }
        assertEquals(withoutData(json), decodeJson(id, false), "decode without --with-data");
    }

    private static void assertHeaders(List<Header> model, List<Object> json) {
        assertEquals(model.size(), json.size(), "header count");
        for (int i = 0; i < model.size(); i++) {
            Header h = model.get(i);
            List<Object> pair = Json.asList(json.get(i), "header " + i);
            assertEquals(2, pair.size(), "header " + i + " is a [name, value] pair");
            assertEquals(h.name(), pair.get(0), "header " + i + " name");
            Object value = pair.get(1);
            if (h.value() instanceof HeaderValue.Date d) {
                assertTrue(ISO_UTC.matcher(Json.asString(value, h.name())).matches(), h.name() + ": " + value);
                assertEquals(d.epochSeconds(), Instant.parse((String) value).getEpochSecond(), h.name());
            } else if (h.value() instanceof HeaderValue.Time t && t.absolute()) {
                assertTrue(ISO_UTC.matcher(Json.asString(value, h.name())).matches(), h.name() + ": " + value);
                assertEquals(t.value(), Instant.parse((String) value).getEpochSecond(), h.name());
            } else if (h.value() instanceof HeaderValue.Token t && !h.isApplication()) {
                MmsField.fromCode(h.code()).flatMap(MmsField::tokens).filter(table -> table.contains(t.code()))
                        .ifPresent(table -> assertEquals(table.name(t.code()), value, h.name() + " by spec name"));
            } else if (h.value() instanceof HeaderValue.From f && f.isInsertAddress()) {
                assertEquals("<insert-address>", value);
            }
        }
    }

    private static void assertParts(String where, List<Part> model, List<Object> json) {
        assertEquals(model.size(), json.size(), where + ": part count");
        for (int i = 0; i < model.size(); i++) {
            Part part = model.get(i);
            String at = where + " part " + (i + 1);
            Map<String, Object> p = Json.asObject(json.get(i), at);
            assertEquals(part.contentType().mediaType(), Json.asObject(p.get("contentType"), at).get("mediaType"), at);
            List<Object> headers = Json.asList(p.get("headers"), at);
            assertEquals(part.headers().stream().map(Header::name).toList(),
                    headers.stream().map(h -> Json.asList(h, at).get(0)).toList(), at + " header names");
            if (part.body() instanceof Body.Multipart nested) {
                assertParts(at, nested.parts(), Json.asList(p.get("parts"), at));
                continue;
            }
            byte[] data = part.data().orElseThrow().toByteArray();
            assertEquals((long) data.length, p.get("size"), at + " size");
            assertEquals(sha256(data), p.get("sha256"), at + " sha256");
            assertArrayEquals(data, Base64.getDecoder().decode(Json.asString(p.get("data"), at)), at + " data");
            boolean textPart = part.contentType().mediaType().toLowerCase(Locale.ROOT).startsWith("text/");
            assertEquals(textPart, p.containsKey("text"), at + ": text exactly for text/* parts");
        }
    }

    @SuppressWarnings("unchecked")
    private static Object withoutData(Object json) {
        if (json instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<String, Object>) m).forEach((k, v) -> {
                if (!k.equals("data")) {
                    copy.put(k, withoutData(v));
                }
            });
            return copy;
        }
        if (json instanceof List<?> l) {
            return l.stream().map(MmsToolTest::withoutData).toList();
        }
        return json;
    }

    @Test
    void decodeReadsStdinForDash() {
        Run r = run(read(NOTIFICATION), "decode", "-");

        assertOk(r);
        assertEquals(decodeJson(NOTIFICATION, false), r.json());
    }

    /**
     * The first 200 octets of rc-mms-1-3-con-214: part 1 has HeadersLen 2A (offset 0x5F) and DataLen
     * 81 58 = 216 (offset 0x60), but only 200 - 0x62 - 42 = 60 octets follow the headers.
     */
    @Test
    void decodeOfATruncatedVectorIsOneErrorLineWithTheOffset() {
        Path truncated = write("truncated.mms", Arrays.copyOf(read(UTF16_TEXT), 200));

        Run r = run("decode", truncated.toString());

        assertMalformed(r, "truncated");
        assertEquals("error: part 1 data length at offset 96: expected a length within the 60 octets after the"
                + " headers, found 216", r.errLines().get(0));
    }

    @Test
    void decodeOfNoOctetsIsOneErrorLine() {
        Run r = run(new byte[0], "decode", "-");

        assertMalformed(r, "empty");
        assertEquals("error: X-Mms-Message-Type at offset 0: expected an MMS PDU, found no octets",
                r.errLines().get(0));
    }

    /** P-1 of bad-inputs.md: every prefix decodes or gives exit 2 and one {@code error: F at offset N: W} line. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("smallVectors")
    void everyPrefixDecodesOrFailsWithOneLine(String id) {
        byte[] pdu = read(id);
        for (int n = 0; n < pdu.length; n++) {
            Run r = run(Arrays.copyOf(pdu, n), "decode", "-");
            if (r.code() == MmsTool.OK) {
                assertEquals("", r.stderr(), id + " prefix " + n);
                continue;
            }
            assertMalformed(r, id + " prefix " + n);
            assertTrue(MALFORMED_LINE.matcher(r.errLines().get(0)).matches(), id + " prefix " + n + ": " + r.stderr());
        }
    }

    static Stream<String> smallVectors() {
        return Stream.of(SEND_REQ, NOTIFICATION, UTF16_TEXT);
    }

    @Test
    void garbageIsOneErrorLineWithTheOffset() {
        Run r = run(HexFormat.of().parseHex("8c80981f"), "decode", "-");

        assertMalformed(r, "garbage");
        assertTrue(MALFORMED_LINE.matcher(r.errLines().get(0)).matches(), r.stderr());
    }

    @Test
    void usageAndIoErrorsExitOne() {
        Run unknown = run("frobnicate");
        Run missing = run("decode", tmp.resolve("no-such.mms").toString());
        Run none = run();
        Run twoFiles = run("decode", path(NOTIFICATION), path(SEND_REQ));

        assertAll(
                () -> assertEquals(MmsTool.FAILED, unknown.code()),
                () -> assertEquals("error: unknown command frobnicate", unknown.errLines().get(0)),
                () -> assertEquals("", unknown.out()),
                () -> assertEquals(MmsTool.FAILED, missing.code()),
                () -> assertEquals(1, missing.errLines().size(), missing.stderr()),
                () -> assertTrue(missing.stderr().startsWith("error: ") && missing.stderr().contains("no-such.mms"),
                        missing.stderr()),
                () -> assertEquals("", missing.out()),
                () -> assertEquals(MmsTool.FAILED, none.code()),
                () -> assertEquals(MmsTool.FAILED, twoFiles.code()),
                () -> assertEquals("", twoFiles.out()));
    }

    // ------------------------------------------------------------------ encode

    /**
     * decode --with-data then encode gives a PDU that decodes to the same model, with the octets the
     * encoder writes for that model; for a vector in canonical form, the vector's own octets.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("mmsVectors")
    void encodeOfDecodeJsonGivesThePduBack(String id) {
        byte[] original = read(id);
        MmsPdu model = new MmsDecoder().decode(original);
        byte[] canonical = new MmsEncoder().encode(model);
        Run decoded = run("decode", "--with-data", path(id));
        assertOk(decoded);

        Run encoded = run(decoded.stdout(), "encode", "-");

        assertOk(encoded);
        assertEquals(model, new MmsDecoder().decode(encoded.stdout()), id + ": decode(encode(json)) == decode(x)");
        assertEquals(HexFormat.of().formatHex(canonical), HexFormat.of().formatHex(encoded.stdout()),
                id + ": encode(json) == MmsEncoder.encode(decode(x))");
        if (Arrays.equals(original, canonical)) {
            assertArrayEquals(original, encoded.stdout(), id + " is canonical: encode(json) == x");
        }
    }

    @Test
    void mostVectorsAreCanonicalSoTheByteComparisonBites() {
        long canonical = mmsVectors().filter(id -> {
            byte[] x = read(id);
            return Arrays.equals(x, new MmsEncoder().encode(new MmsDecoder().decode(x)));
        }).count();

        assertTrue(canonical >= 20, "canonical vectors: " + canonical);
    }

    /** A text part given as "text" is written in its charset; octets worked out by hand below. */
    @Test
    void encodeWritesATextPartGivenAsText() {
        Path json = write("send-req.json", """
                {
                  "messageType": "m-send-req",
                  "headers": [
                    ["X-Mms-Transaction-Id", "T1"],
                    ["X-Mms-MMS-Version", "1.2"],
                    ["From", "<insert-address>"],
                    ["To", "+491701234567/TYPE=PLMN"]
                  ],
                  "contentType": {"mediaType": "application/vnd.wap.multipart.mixed"},
                  "parts": [
                    {
                      "contentType": {"mediaType": "text/plain", "params": {"charset": "utf-8"}},
                      "headers": [["Content-ID", "<t>"]],
                      "text": "Grüße"
                    }
                  ]
                }""".getBytes(UTF_8));
        String expected = "8c80" + "98" + "543100" + "8d92" + "890181"
                + "97" + HexFormat.of().formatHex("+491701234567/TYPE=PLMN".getBytes(UTF_8)) + "00"
                + "84a3" // Content-Type multipart.mixed
                + "01" // one entry
                + "0a07" // HeadersLen 10, DataLen 7
                + "038381ea" // Value-length 3, text/plain, charset utf-8
                + "c0223c743e00" // Content-ID "<t>"
                + "4772c3bcc39f65"; // Grüße in UTF-8

        Run r = run("encode", json.toString());

        assertOk(r);
        assertEquals(expected, HexFormat.of().formatHex(r.stdout()));
    }

    @Test
    void encodeWritesATextPartInItsOwnCharset() {
        String json = """
                {"messageType": "m-retrieve-conf",
                 "headers": [["X-Mms-MMS-Version", "1.3"], ["Date", "2024-02-29T23:59:59Z"]],
                 "contentType": "application/vnd.wap.multipart.mixed",
                 "parts": [{"contentType": {"mediaType": "text/plain", "params": {"charset": "utf-16"}},
                            "text": "ê ü ã 👋"}]}""";

        Run encoded = run(json.getBytes(UTF_8), "encode", "-");
        assertOk(encoded);
        MmsPdu pdu = new MmsDecoder().decode(encoded.stdout());
        Part part = ((Body.Multipart) pdu.body()).parts().get(0);

        assertEquals(Instant.parse("2024-02-29T23:59:59Z").getEpochSecond(), pdu.number(MmsField.DATE).orElseThrow());
        assertEquals("ê ü ã 👋", new String(part.data().orElseThrow().toByteArray(), StandardCharsets.UTF_16));
        assertEquals("ê ü ã 👋", part.text().orElseThrow());
    }

    static Stream<Arguments> badJson() {
        String part = "\"contentType\": \"application/vnd.wap.multipart.mixed\", \"parts\": [%s]";
        return Stream.of(
                Arguments.of("not JSON", "{\"messageType\": \"m-send-conf\",}"),
                Arguments.of("unknown messageType", "{\"messageType\": \"m-bogus-req\"}"),
                Arguments.of("part without data or text", "{\"messageType\": \"m-send-req\", "
                        + part.formatted("{\"contentType\": \"text/plain\"}") + "}"),
                Arguments.of("unknown token name",
                        "{\"messageType\": \"m-send-conf\", \"headers\": [[\"X-Mms-Priority\", \"Urgent\"]]}"),
                Arguments.of("data that is not base64", "{\"messageType\": \"m-send-req\", "
                        + part.formatted("{\"contentType\": \"image/gif\", \"data\": \"***\"}") + "}"),
                Arguments.of("header that is no pair",
                        "{\"messageType\": \"m-send-conf\", \"headers\": [[\"X-Mms-Transaction-Id\"]]}"),
                Arguments.of("version out of range",
                        "{\"messageType\": \"m-send-conf\", \"headers\": [[\"X-Mms-MMS-Version\", \"9.0\"]]}"),
                Arguments.of("unknown member", "{\"messageType\": \"m-send-conf\", \"header\": []}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badJson")
    void encodeOfBadJsonIsOneErrorLine(String name, String json) {
        assertMalformed(run(json.getBytes(UTF_8), "encode", "-"), name);
    }

    /**
     * JSON that parses and has the right shape but holds a value the model refuses (a negative number, a
     * date before 1970, hex that is not hex, a NUL in a text-string) is malformed input too: exit 2 and
     * one line, not an exception out of {@code run}.
     */
    static Stream<Arguments> valuesTheModelRefuses() {
        String headers = "{\"messageType\": \"m-send-conf\", \"headers\": [%s]}";
        return Stream.of(
                Arguments.of("negative Message-Size", headers.formatted("[\"X-Mms-Message-Size\", -1]")),
                Arguments.of("Date before 1970", headers.formatted("[\"Date\", \"1960-01-01T00:00:00Z\"]")),
                Arguments.of("negative relative Expiry", headers.formatted("[\"X-Mms-Expiry\", {\"relative\": -3}]")),
                Arguments.of("raw that is not hex", headers.formatted("[\"Subject\", {\"raw\": \"zz\"}]")),
                Arguments.of("NUL in a text-string", headers.formatted("[\"X-Mms-Transaction-Id\", \"a\\u0000b\"]")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valuesTheModelRefuses")
    void encodeOfAValueTheModelRefusesIsOneErrorLine(String name, String json) {
        assertMalformed(run(json.getBytes(UTF_8), "encode", "-"), name);
    }

    // ------------------------------------------------------------------ push, unpush

    /**
     * 244 octets of PDU in a 10-octet push envelope need two segments of at most 140 octets; each
     * starts with UDH 0B 05 04 0B84 23F0 (ports 2948/9200) 00 03 07 02 0i (8-bit reference 7).
     */
    @Test
    void pushPrintsSegmentsAndUnpushGivesTheDecodeJsonBack() {
        Run push = run("push", "--ref", "7", path(NOTIFICATION));
        assertOk(push);
        List<String> lines = push.out().lines().toList();

        assertEquals(2, lines.size(), push.out());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            assertTrue(line.matches("[0-9a-f]+") && line.length() % 2 == 0, "hex line " + (i + 1) + ": " + line);
            assertTrue(line.length() <= 280, "line " + (i + 1) + " has " + line.length() + " hex chars");
            assertEquals("0b05040b8423f0000307020" + (i + 1), line.substring(0, 24), "UDH of segment " + (i + 1));
        }

        Run unpush = run(Stream.concat(Stream.of("unpush"), lines.stream()).toArray(String[]::new));

        assertOk(unpush);
        Map<String, Object> json = Json.asObject(unpush.json(), "unpush");
        assertEquals("Push", json.get("pduType"));
        assertEquals("x-wap-application:mms.ua", json.get("applicationId"));
        assertEquals((long) read(NOTIFICATION).length, json.get("bodySize"));
        assertEquals(decodeJson(NOTIFICATION, false), json.get("mms"));
    }

    @Test
    void pushOfASendReqIsRefused() {
        Run r = run("push", "--ref", "7", path(SEND_REQ));

        assertMalformed(r, "push m-send-req");
        assertTrue(r.stderr().contains("m-send-req"), r.stderr());
    }

    @Test
    void unpushWithAMissingSegmentNamesItsSequenceNumber() {
        Run push = run("push", "--ref", "7", path(NOTIFICATION));
        assertOk(push);
        String first = push.out().lines().findFirst().orElseThrow();

        Run r = run("unpush", first);

        assertMalformed(r, "segment 2 missing");
        assertTrue(r.errLines().get(0).matches(".*missing.*\\b2\\b.*"), r.stderr());
    }

    @Test
    void aLatin1TransactionIdShowsItsCharsetAndEncodesBackOctetForOctet() {
        byte[] pdu = HexFormat.of().parseHex("8c81987fe961008d928c80");
        Path file = write("latin1.mms", pdu);
        Run decode = run("decode", file.toString());
        assertOk(decode);
        Map<String, Object> json = Json.asObject(decode.json(), "decode");
        assertEquals(List.of("X-Mms-Transaction-Id", Map.of("text", "éa", "charset", "iso-8859-1")),
                ((List<?>) json.get("headers")).get(0));

        Run encode = run(decode.stdout(), "encode", "-");
        assertOk(encode);
        assertArrayEquals(pdu, encode.stdout());
    }

    @Test
    void pushWithAnInitiatorUriCarriesItInThePushHeaders() {
        Run push = run("push", "--ref", "9", "--initiator", "http://mms.example.net/", path(NOTIFICATION));
        assertOk(push);

        Run unpush = run(Stream.concat(Stream.of("unpush"), push.out().lines()).toArray(String[]::new));

        assertOk(unpush);
        Map<String, Object> json = Json.asObject(unpush.json(), "unpush");
        assertTrue(((List<?>) json.get("headers")).contains(List.of("X-Wap-Initiator-URI", "http://mms.example.net/")),
                String.valueOf(json.get("headers")));
    }

    @ParameterizedTest(name = "push {0}")
    @CsvSource(delimiter = '|', value = {"--ref abc|--ref must be a number from 0 to 255, was abc",
        "--ref 256|--ref must be a number from 0 to 255, was 256", "--ref -1|--ref must be a number from 0 to 255, was -1",
        "--16bit --ref 65536|--ref must be a number from 0 to 65535, was 65536", "--ref|--ref needs a value",
        "--initiator|--initiator needs a value"})
    void pushWithABadOptionIsOneErrorLine(String options, String message) {
        List<String> args = new ArrayList<>(List.of("push"));
        args.addAll(List.of(options.split(" ")));
        if (!options.endsWith("--ref") && !options.endsWith("--initiator")) {
            args.add(path(NOTIFICATION));
        }
        Run r = run(args.toArray(String[]::new));

        assertEquals(MmsTool.FAILED, r.code(), r.stderr());
        assertEquals(List.of("error: " + message), r.errLines());
        assertEquals("", r.out());
    }

    @Test
    void unpushOfTextThatIsNotHexIsOneErrorLine() {
        assertMalformed(run("unpush", "0b05zz"), "not hex");
    }

    // ------------------------------------------------------------------ helpers

    private Path write(String name, byte[] content) {
        try {
            return Files.write(tmp.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
