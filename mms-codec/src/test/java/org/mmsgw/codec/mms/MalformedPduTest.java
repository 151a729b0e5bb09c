package org.mmsgw.codec.mms;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mmsgw.codec.CodecLimits;
import org.mmsgw.codec.LimitExceededException;
import org.mmsgw.codec.MalformedPduException;
import org.mmsgw.codec.MmsCodecException;
import org.mmsgw.codec.multipart.Body;
import org.mmsgw.codec.wsp.ContentTypeCodec;
import org.mmsgw.codec.wsp.HeaderValue;
import org.mmsgw.codec.wsp.WspHeaderCodec;
import org.mmsgw.codec.wsp.WspReader;
import org.mmsgw.codec.wsp.WspWriter;

/**
 * Hostile and broken PDUs ({@code shared/reference/bad-inputs.md} P-1 to P-11): each one fails with a
 * {@link MalformedPduException} that names the field, the exact offset, what was expected and what was
 * found; limits fail with a {@link LimitExceededException} before memory or stack run out. Rules
 * about which headers a PDU needs are the validator's, so PDUs that are only incomplete still decode.
 */
class MalformedPduTest {
    /** m-retrieve-conf, MMS 1.3, Content-Type multipart.mixed: the body starts at offset 6. */
    private static final String ROOT = "8C 84 8D 93 84 A3";
    private static final int BODY = 6;

    // ---------------------------------------------------------------- headers

    @ParameterizedTest(name = "[{index}] {0}: {1} at {2}")
    @CsvSource({
        // P-1: nothing, one octet
        "'',                     X-Mms-Message-Type,    0, an MMS PDU,                      no octets",
        "8C,                     X-Mms-Message-Type,    1, an octet,                        end of input",
        "00,                     X-Mms-Message-Type,    0, a header field (0x80-0xFF) or an application header name, 0x00",
        "8C 05,                  X-Mms-Message-Type,    1, short-integer (0x80-0xFF),       0x05",
        "8C 80 05,               header,                2, a header field (0x80-0xFF) or an application header name, 0x05",
        // P-6: unterminated strings
        "8C 80 98 41 42,         X-Mms-Transaction-Id,  3, NUL-terminated text,             end of input after 2 octets",
        "8C 80 96 41 42,         Subject,               3, NUL-terminated text,             end of input after 2 octets",
        "8C 80 58 2D 41,         application header name, 2, NUL-terminated text,           end of input after 3 octets",
        "8C 80 58 2D 41 00 62,   X-A,                   6, NUL-terminated text,             end of input after 1 octets",
        "8C 80 96 03 EA 61 62,   Subject,               6, NUL at the end of the text,      0x62",
        "8C 80 96 01 EA,         Subject,               3, charset and NUL-terminated text, no text after the charset",
        "8C 80 96 05 EA 61,      Subject,               3, a value-length within the 2 remaining octets, 5",
        // From: bad token, empty value, value past the end, extra octets, unterminated address
        "8C 80 89 01 82,         From,                  4, address-present (0x80) or insert-address (0x81) token, 0x82",
        "8C 80 89 01 00,         From,                  4, address-present (0x80) or insert-address (0x81) token, 0x00",
        "8C 80 89 00,            From,                  4, an octet,                        end of input",
        "8C 80 89 10 80,         From,                  3, a value-length within the 1 remaining octets, 16",
        "8C 80 89 02 81 00,      From,                  5, end of the value-length,         1 more octets",
        "8C 80 89 03 80 61 62,   From,                  5, NUL-terminated text,             end of input after 2 octets",
        // P-9: Expiry with a bad token, no value, extra octets, an over-long date
        "8C 80 88 02 82 85,      X-Mms-Expiry,          4, absolute (0x80) or relative (0x81) token, 0x82",
        "8C 80 88 00,            X-Mms-Expiry,          4, an octet,                        end of input",
        "8C 80 88 03 81 85 00,   X-Mms-Expiry,          6, end of the value-length,         1 more octets",
        "8C 80 88 06 80 09 01 02 03 04, X-Mms-Expiry,   5, long-integer of at most 8 octets, 9 octets",
        "8C 80 85 00,            Date,                  3, long-integer length 1-30,        0",
        "8C 80 85 09 010203040506070809, Date,          3, long-integer of at most 8 octets, 9 octets",
        // P-7: short-integer where a long-integer is due, and the other way round
        "8C 80 8E 85,            X-Mms-Message-Size,    3, long-integer length 1-30,        133",
        "8C 80 86 00,            X-Mms-Delivery-Report, 3, short-integer (0x80-0xFF),       0x00",
        // a version as text: MMS versions are short-integers only
        "8C 80 8D 31 2E 30 00,   X-Mms-MMS-Version,     3, short-integer (0x80-0xFF),       0x31",
        "8C 80 A0 01 81,         X-Mms-Previously-Sent-By, 5, an octet,                     end of input",
        "8C 80 A1 04 81 01 05 00, X-Mms-Previously-Sent-Date, 7, end of the value-length,   1 more octets",
        // unknown field: its raw value still has to fit
        "8C 80 C5,               0xC5,                  3, an octet,                        end of input",
        "8C 80 C5 05 01,         0xC5,                  3, a value-length within the 1 remaining octets, 5",
        // Content-Type
        "8C 80 84,               Content-Type,          3, an octet,                        end of input",
        "8C 80 84 D3,            Content-Type,          3, a well-known content type (0x00-0x52), code 83",
        "8C 84 84 1F 21 B3,      Content-Type,          3, a value-length within the 1 remaining octets, 33",
    })
    void headerErrors(String hex, String field, long offset, String expected, String found) {
        assertMalformed(bytes(hex), CodecLimits.DEFAULTS, field, offset, expected, found);
    }

    @Test
    void onlyAMessageTypeDecodes() {
        MmsPdu pdu = decode("8C 80");
        assertAll(
                () -> assertEquals(MessageType.SEND_REQ, pdu.messageType()),
                () -> assertEquals(1, pdu.headers().size()),
                () -> assertFalse(pdu.hasBody()));
    }

    @Test
    void unknownMessageTypeIsKeptAndRefusedOnUse() {
        MmsPdu pdu = decode("8C FF");
        assertEquals(new HeaderValue.Token(0x7F), pdu.first(MmsField.MESSAGE_TYPE).orElseThrow());
        assertThrows(MmsCodecException.class, pdu::messageType);
    }

    /** P-2: a second Transaction-Id is the validator's business; the decoder keeps both, in order. */
    @Test
    void duplicateTransactionIdDecodes() {
        byte[] wire = bytes("8C 80 98 41 00 98 42 00");
        MmsPdu pdu = new MmsDecoder().decode(wire);
        assertAll(
                () -> assertEquals(List.of(new HeaderValue.Text("A"), new HeaderValue.Text("B")),
                        pdu.all(MmsField.TRANSACTION_ID)),
                () -> assertEquals("A", pdu.transactionId().orElseThrow()),
                () -> assertEquals(text(wire), text(new MmsEncoder().encode(pdu))));
    }

    /**
     * A version is a short-integer {@code 0x80 | major << 4 | minor}: 3 bits of major, so 7.15 (FF) is the
     * most it can say and a major above 7 has no encoding at all. (The decoder's own "major 0-7" check can
     * therefore never fire.) The model refuses one, so the encoder cannot write one either.
     */
    @Test
    void versionMajorAboveSevenCannotBeExpressed() {
        assertEquals(new HeaderValue.Version(7, 15), decode("8C 80 8D FF").first(MmsField.MMS_VERSION).orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> new HeaderValue.Version(8, 0));
    }

    @Test
    void pduSizeIsLimited() {
        CodecLimits limits = CodecLimits.DEFAULTS.withMaxPduSize(4);
        assertEquals(2, new MmsDecoder(limits).decode(bytes("8C 80 86 80")).headers().size());
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> new MmsDecoder(limits).decode(bytes("8C 80 86 80 00")));
        assertError(e, "PDU", 0, "at most 4 (maxPduSize)", "5");
    }

    /** P-7: 10,000 headers; the 1,001st is refused where it starts. */
    @Test
    void tenThousandHeaders() {
        byte[] pdu = bytes("8C 80" + "86 80".repeat(9_999));
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> new MmsDecoder().decode(pdu));
        assertError(e, "header", 2 + 999 * 2, "at most 1000 (maxHeaders)", "1001");
        assertEquals(10_000, new MmsDecoder(CodecLimits.DEFAULTS.withMaxHeaders(10_000)).decode(pdu).headers().size());
    }

    /** P-7: an application header with a 1 MB name stops at maxStringLength, without reading on. */
    @Test
    void applicationHeaderWithAOneMegabyteName() {
        byte[] pdu = bytes("8C 80" + "61".repeat(1 << 20) + "00 62 00");
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> new MmsDecoder().decode(pdu));
        assertError(e, "application header name", 2, "at most 32768 (maxStringLength)", "32769");
    }

    @Test
    void oneMegabyteHeaderValue() {
        byte[] pdu = bytes("8C 80 98" + "61".repeat(1 << 20) + "00");
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> new MmsDecoder().decode(pdu));
        assertError(e, "X-Mms-Transaction-Id", 3, "at most 32768 (maxStringLength)", "32769");
    }

    // ---------------------------------------------------------------- multipart (P-4, P-5)

    @Test
    void smallestMultipartDecodes() {
        MmsPdu pdu = decode(ROOT + "01 01 02 83 6869");
        Body.Multipart body = assertInstanceOf(Body.Multipart.class, pdu.body());
        assertEquals(1, body.parts().size());
        assertEquals("hi", body.parts().get(0).text().orElseThrow());
    }

    @ParameterizedTest(name = "[{index}] body {0}: {1} at {2}")
    @CsvSource({
        "'',                         multipart entry count,   6, uintvar,                                       end of input after 0 octets",
        "01,                         multipart entry count,   6, at most 0 entries in the 0 remaining octets,   1",
        "02 01 02 83 6869,           multipart entry count,   6, at most 1 entries in the 5 remaining octets,   2",
        // declared lengths past the end
        "01 7F 02 83 6869,           part 1 headers length,   7, a length within the 4 remaining octets,        127",
        "01 01 05 83 6869,           part 1 data length,      8, a length within the 2 octets after the headers, 5",
        "02 01 02 83 6869 01 02 83 68, part 2 data length,   13, a length within the 1 octets after the headers, 2",
        // headersLen + dataLen would overflow an int
        "01 01 8F FFFFFF7F 83 6869,  part 1 data length,      8, a length within the 2 octets after the headers, 4294967295",
        "01 8F FFFFFF7F 01 83 6869,  part 1 headers length,   7, a length within the 4 remaining octets,        4294967295",
        // a part's own content type and headers
        "01 00 00 AA,                part 1 Content-Type,     9, an octet,                                      end of input",
        "01 01 00 D3,                part 1 Content-Type,     9, a well-known content type (0x00-0x52),         code 83",
        "01 02 00 83 05,             part 1 headers header,  10, a header field (0x80-0xFF or text),            0x05",
        "01 04 00 83 8E 6162,        Content-Location,       11, NUL-terminated text,                           end of input after 2 octets",
        // a nested multipart that does not fill its part
        "01 01 06 A3 01 01 01 83 78 FF, part 1 data,         15, end of the nested multipart,                   1 more octets",
    })
    void multipartErrors(String body, String field, long offset, String expected, String found) {
        assertMalformed(bytes(ROOT + body), CodecLimits.DEFAULTS, field, offset, expected, found);
    }

    /**
     * Octets after the last part of the message body are neither read nor kept, so a decode-encode
     * round trip drops them silently; a nested multipart with the same fault is refused ("end of the
     * nested multipart"); the root multipart is refused the same way.
     */
    @Test
    void octetsAfterTheLastPartOfTheBody() {
        MalformedPduException e = assertThrows(MalformedPduException.class,
                () -> new MmsDecoder().decode(bytes(ROOT + "01 01 02 83 6869 FF")));
        assertEquals(12, e.offset(), e.getMessage());
    }

    /** P-5: entry count 2^32-1 with a 3-octet body: refused before any list is sized by it. */
    @Test
    void entryCountOfFourBillion() {
        byte[] pdu = bytes(ROOT + "8F FFFFFF7F 01 01 83");
        assertMalformed(pdu, CodecLimits.DEFAULTS, LimitExceededException.class, "multipart entry count", BODY,
                "at most 1000 (maxParts)", "4294967295");
        assertMalformed(pdu, CodecLimits.DEFAULTS.withMaxParts(Integer.MAX_VALUE), LimitExceededException.class,
                "multipart entry count", BODY, "at most 2147483647 (maxParts)", "4294967295");
    }

    /** With no part limit to speak of, the count is still checked against the octets that could hold it. */
    @Test
    void entryCountBeyondTheOctets() {
        byte[] pdu = bytes(ROOT + "87 FFFFFF7F 01 01 83");
        MalformedPduException e = assertThrows(MalformedPduException.class,
                () -> new MmsDecoder(CodecLimits.DEFAULTS.withMaxParts(Integer.MAX_VALUE)).decode(pdu));
        assertFalse(e instanceof LimitExceededException, "a structural error, not a limit");
        assertError(e, "multipart entry count", BODY, "at most 1 entries in the 3 remaining octets", "2147483647");
    }

    /** P-5: 100,000 tiny parts (3 octets each). */
    @Test
    void hundredThousandParts() {
        WspWriter w = new WspWriter(400_000).writeBytes(bytes(ROOT)).writeUintvar(100_000);
        for (int i = 0; i < 100_000; i++) {
            w.writeBytes(bytes("01 00 83"));
        }
        byte[] pdu = w.toByteArray();
        assertMalformed(pdu, CodecLimits.DEFAULTS, LimitExceededException.class, "multipart entry count", BODY,
                "at most 1000 (maxParts)", "100000");
        assertMalformed(pdu, CodecLimits.DEFAULTS.withMaxParts(99_999), LimitExceededException.class,
                "multipart entry count", BODY, "at most 99999 (maxParts)", "100000");
        MmsPdu decoded = assertTimeout(Duration.ofSeconds(10),
                () -> new MmsDecoder(CodecLimits.DEFAULTS.withMaxParts(100_000)).decode(pdu));
        assertEquals(100_000, ((Body.Multipart) decoded.body()).parts().size());
    }

    /** maxParts counts parts over all nesting levels: the nested count that goes past it is refused. */
    @Test
    void partsAreCountedOverAllLevels() {
        byte[] pdu = bytes(ROOT + "02" + "01 05 A3 01 01 01 83 78" + "01 05 A3 01 01 01 83 79");
        assertMalformed(pdu, CodecLimits.DEFAULTS.withMaxParts(3), LimitExceededException.class,
                "multipart entry count", 18, "at most 3 (maxParts)", "4");
        assertEquals(2, ((Body.Multipart) new MmsDecoder(CodecLimits.DEFAULTS.withMaxParts(4)).decode(pdu).body())
                .parts().size());
    }

    /** P-7 inside a part: 10,000 part headers; the 1,001st is refused where it starts. */
    @Test
    void tenThousandPartHeaders() {
        String headers = "81 80".repeat(10_000);
        byte[] pdu = new WspWriter().writeBytes(bytes(ROOT)).writeUintvar(1).writeUintvar(1 + 20_000)
                .writeUintvar(0).writeBytes(bytes("83" + headers)).toByteArray();
        int firstHeader = BODY + 1 + WspWriter.uintvarSize(20_001) + 1 + 1;
        assertMalformed(pdu, CodecLimits.DEFAULTS, LimitExceededException.class, "part 1 headers",
                firstHeader + 1000 * 2, "at most 1000 (maxHeaders)", "1001");
    }

    @Test
    void alternativeWithNoChildrenDecodes() {
        MmsPdu pdu = decode("8C 84 8D 93 84 A6 00");
        assertEquals(List.of(), ((Body.Multipart) pdu.body()).parts());
    }

    // ---------------------------------------------------------------- nesting (P-5)

    /**
     * Nested multipart.mixed, each the single part of the one around it. The message body is depth 1;
     * depth maxDepth decodes, maxDepth + 1 is refused at the start of that multipart, however deep the
     * input goes, and without a StackOverflowError.
     */
    @ParameterizedTest(name = "[{index}] maxDepth {0}, depth {1}")
    @CsvSource({
        "8,    8",
        "8,    9",
        "8,    1000",
        "30,   30",
        "30,   31",
        "30,   100",
        "30,   10000",
        "100,  100",
        "100,  101",
    })
    void nesting(int maxDepth, int depth) {
        Nested nested = nested(depth);
        MmsDecoder decoder = new MmsDecoder(CodecLimits.DEFAULTS.withMaxDepth(maxDepth));
        if (depth <= maxDepth) {
            Body body = decoder.decode(nested.pdu()).body();
            int levels = 0;
            while (body instanceof Body.Multipart m) {
                levels++;
                body = m.parts().get(0).body();
            }
            assertEquals(depth, levels);
            assertEquals("78", ((Body.Data) body).bytes().toHex());
        } else {
            LimitExceededException e = assertThrows(LimitExceededException.class, () -> decoder.decode(nested.pdu()));
            assertError(e, "multipart", nested.starts()[maxDepth], "at most " + maxDepth + " (maxDepth)",
                    String.valueOf(maxDepth + 1));
        }
    }

    /**
     * The decoder recurses once per level, so a configured maxDepth is only safe as far as the thread's
     * stack goes (on a 1 MB stack: somewhere between 1,000 and 2,000 levels), so CodecLimits caps maxDepth: 10,000
     * levels under the largest maxDepth allowed end in a MalformedPduException, never a StackOverflowError.
     */
    @Test
    void noConfiguredDepthOverflowsTheStack() {
        CodecLimits limits;
        try {
            limits = CodecLimits.DEFAULTS.withMaxDepth(10_000).withMaxParts(10_000);
        } catch (IllegalArgumentException refused) {
            return; // CodecLimits caps maxDepth: the decoder never recurses that deep
        }
        byte[] pdu = nested(10_000).pdu();
        MmsDecoder decoder = new MmsDecoder(limits);
        try {
            decoder.decode(pdu);
        } catch (MalformedPduException acceptable) {
            // a refusal is fine; running out of stack is not
        } catch (StackOverflowError e) {
            throw new AssertionError("StackOverflowError decoding 10,000 nested multiparts under maxDepth 10,000");
        }
    }

    private record Nested(byte[] pdu, int[] starts) {
    }

    /** {@code depth} levels of multipart; {@code starts[i]} is where the multipart of depth i+1 starts. */
    private static Nested nested(int depth) {
        byte[] innermost = bytes("01 01 01 83 78"); // one text/plain part "x"
        long[] length = new long[depth];
        length[depth - 1] = innermost.length;
        for (int i = depth - 2; i >= 0; i--) {
            length[i] = 3 + WspWriter.uintvarSize(length[i + 1]) + length[i + 1];
        }
        WspWriter w = new WspWriter((int) length[0] + 16).writeBytes(bytes(ROOT));
        int[] starts = new int[depth];
        for (int i = 0; i < depth - 1; i++) {
            starts[i] = w.size();
            w.writeUintvar(1).writeUintvar(1).writeUintvar(length[i + 1]).writeOctet(0xA3);
        }
        starts[depth - 1] = w.size();
        w.writeBytes(innermost);
        return new Nested(w.toByteArray(), starts);
    }

    // ---------------------------------------------------------------- truncation (P-1)

    /**
     * Every prefix of a real PDU either decodes or fails with a MalformedPduException whose offset lies
     * in the prefix; never another exception. A prefix that ends inside the body never decodes, and an
     * error for a cut inside a part points at or after that part's start (the entry count may also be
     * refused up front when the octets left cannot hold the parts it announces).
     */
    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "mmsd/sr-mms-mixed.mms",
        "crafted/m-send-req-related-utf8.mms",
        "mmsd/rc-mms-1-3-con-213.mms",
        "crafted/m-notification-ind-utf8.mms",
        "mmsd/sr-mms-related-multi-to.mms",
        "mmsd/rc-mms-1-3-con-214.mms",
        "mmsd-inline/mms_m_retrieve_conf_1.bin",
        "mmsd/rc-mms-1-3-con-281.mms",
    })
    void everyPrefix(String vector) {
        byte[] pdu = vector(vector);
        Layout layout = layout(pdu);
        MmsDecoder decoder = new MmsDecoder();
        List<String> problems = new ArrayList<>();
        for (int cut = 0; cut < pdu.length; cut++) {
            try {
                decoder.decode(Arrays.copyOf(pdu, cut));
                if (layout.contentType() >= 0 && cut > layout.contentType()) {
                    problems.add("cut " + cut + ": a truncated body decoded");
                }
            } catch (MalformedPduException e) {
                if (e.offset() < 0 || e.offset() > cut) {
                    problems.add("cut " + cut + ": offset outside the prefix: " + e.getMessage());
                }
                int[] header = layout.headerAt(cut);
                // a cut inside a header: the error is at that header (or inside it) and says the input ended,
                // or that a declared length runs past what remains
                boolean truncation = e.found().contains("end of input") || e.expected().contains("remaining octets");
                if (header != null && (e.offset() < header[0] || !truncation)) {
                    problems.add("cut " + cut + " in the header at " + header[0] + ".." + header[1]
                            + ": expected a truncation error at or after " + header[0] + ", got " + e.getMessage());
                }
                int part = layout.partAt(cut);
                boolean upFront = e.field().equals("multipart entry count") && e.offset() == layout.count();
                if (part >= 0 && e.offset() < layout.parts().get(part)[0] && !upFront) {
                    problems.add("cut " + cut + " in part " + (part + 1) + " (from " + layout.parts().get(part)[0]
                            + "): " + e.getMessage());
                }
            } catch (Throwable t) {
                problems.add("cut " + cut + ": " + t);
            }
        }
        assertTrue(problems.isEmpty(),
                () -> problems.size() + " bad prefixes, first: " + problems.subList(0, Math.min(5, problems.size())));
    }

    /** A cut just before Content-Type leaves a complete header block: it decodes, to the same headers. */
    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "mmsd/sr-mms-mixed.mms",
        "crafted/m-send-req-related-utf8.mms",
        "mmsd/rc-mms-1-3-con-213.mms",
        "mmsd/rc-mms-1-3-con-214.mms",
    })
    void cutBeforeTheContentTypeDecodes(String vector) {
        byte[] pdu = vector(vector);
        Layout layout = layout(pdu);
        assertTrue(layout.contentType() > 0 && !layout.parts().isEmpty(), "a multipart vector");
        MmsPdu whole = new MmsDecoder().decode(pdu);
        MmsPdu headersOnly = new MmsDecoder().decode(Arrays.copyOf(pdu, layout.contentType()));
        assertEquals(whole.headers(), headersOnly.headers());
        assertFalse(headersOnly.hasBody());
    }

    /**
     * Where the Content-Type header, the entry count and each top-level part sit, read independently of
     * the decoder's error paths. {@code parts} holds [start, end) pairs.
     */
    private record Layout(int contentType, int count, List<int[]> parts, List<int[]> headers) {
        /** The header a cut at {@code cut} ends inside (start < cut < end), or null. */
        int[] headerAt(int cut) {
            for (int[] h : headers) {
                if (h[0] < cut && cut < h[1]) {
                    return h;
                }
            }
            return null;
        }

        /** The part a cut at {@code cut} ends inside (start < cut <= end), or -1. */
        int partAt(int cut) {
            for (int i = 0; i < parts.size(); i++) {
                if (parts.get(i)[0] < cut && cut <= parts.get(i)[1]) {
                    return i;
                }
            }
            return -1;
        }
    }

    private static Layout layout(byte[] pdu) {
        WspReader r = new WspReader(pdu, CodecLimits.DEFAULTS);
        List<int[]> headers = new ArrayList<>();
        while (r.hasRemaining() && r.peek("header") != 0x84) {
            int start = r.position();
            int b = r.peek("header");
            if (b >= 0x80) {
                r.readOctet("header");
                MmsField field = MmsField.fromCode(b & 0x7F).orElse(null);
                if (field == null) {
                    WspHeaderCodec.readGeneric(r, "unknown");
                } else {
                    MmsHeaderCodec.read(r, field);
                }
            } else {
                r.readTextString("name");
                r.readTextString("value");
            }
            headers.add(new int[] {start, r.position()});
        }
        if (!r.hasRemaining()) {
            return new Layout(-1, -1, List.of(), headers);
        }
        int contentType = r.position();
        r.readOctet("Content-Type");
        boolean multipart = ContentTypeCodec.read(r, "Content-Type").isMultipart();
        List<int[]> parts = new ArrayList<>();
        int count = r.position();
        if (multipart) {
            long entries = r.readUintvar("count");
            for (long i = 0; i < entries; i++) {
                int start = r.position();
                long headersLength = r.readUintvar("headers length");
                long dataLength = r.readUintvar("data length");
                r.skip("part", (int) (headersLength + dataLength));
                parts.add(new int[] {start, r.position()});
            }
        }
        return new Layout(contentType, count, parts, headers);
    }

    // ---------------------------------------------------------------- helpers

    private static MmsPdu decode(String hex) {
        return new MmsDecoder().decode(bytes(hex));
    }

    private static void assertMalformed(byte[] pdu, CodecLimits limits, String field, long offset, String expected,
            String found) {
        assertMalformed(pdu, limits, MalformedPduException.class, field, offset, expected, found);
    }

    private static void assertMalformed(byte[] pdu, CodecLimits limits, Class<? extends MalformedPduException> type,
            String field, long offset, String expected, String found) {
        MalformedPduException e = assertThrows(type, () -> new MmsDecoder(limits).decode(pdu));
        assertError(e, field, offset, expected, found);
    }

    private static void assertError(MalformedPduException e, String field, long offset, String expected,
            String found) {
        assertAll(e.getMessage(),
                () -> assertEquals(field, e.field(), "field"),
                () -> assertEquals(offset, e.offset(), "offset"),
                () -> assertEquals(expected, e.expected(), "expected"),
                () -> assertEquals(found, e.found(), "found"));
    }

    private static byte[] vector(String relative) {
        Path path = Path.of(System.getProperty("mmsgw.vectors", "../../shared/vectors")).resolve(relative);
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException("vector " + path.toAbsolutePath(), e);
        }
    }

    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }

    private static String text(byte[] octets) {
        return HexFormat.of().withUpperCase().formatHex(octets);
    }
}
