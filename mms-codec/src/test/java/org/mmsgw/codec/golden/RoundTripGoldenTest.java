package org.mmsgw.codec.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mmsgw.codec.golden.GoldenVectors.Kind;
import org.mmsgw.codec.golden.GoldenVectors.Vector;
import org.mmsgw.codec.mms.MmsDecoder;
import org.mmsgw.codec.mms.MmsEncoder;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.codec.push.WapPush;
import org.mmsgw.codec.push.WapPushCodec;

/**
 * decode -> encode -> decode gives the same model for every vector, and the encoder gives back the very
 * octets of every vector in canonical form. The vectors that are not canonical are listed with the
 * reason and the length change, and the test holds the list to it: a listed vector must re-encode to
 * other octets, longer or shorter by exactly that many.
 */
class RoundTripGoldenTest {
    private static final String PART_CONTENT_TYPE_GENERAL_FORM = "a part Content-Type in the general form"
            + " (Value-length, media type) without parameters, which the encoder writes as the bare media type";
    private static final String SUBJECT_211 = "Subject: Value-length 30 written with the Length-quote (1F 1E);"
            + " and its UTF-8 text starts with a BOM (0xEF) without the Quote 0x7F that WAP-230-WSP §8.4.2.1 asks"
            + " for before a first octet >= 0x80. The encoder writes the quote, so the value grows to 31 (1F 1F).";

    /**
     * Why a vector does not re-encode byte for byte, and by how many octets the re-encoding differs in
     * length (each general-form Content-Type is one octet longer than the bare media type).
     */
    record NonCanonical(String reason, int lengthChange) {
    }

    /** MMS PDUs (vector id, or id of the push vector that carries them) that are not in canonical form. */
    static final Map<String, NonCanonical> NON_CANONICAL_MMS = Map.of(
            // Subject +1 octet, part 1 -1 octet
            "mmsd/rc-mms-1-3-con-211.mms",
            new NonCanonical(SUBJECT_211 + " Also part 1: " + PART_CONTENT_TYPE_GENERAL_FORM, 0),
            "mmsd/rc-mms-1-3-con-216.mms", new NonCanonical("parts 1 and 2: " + PART_CONTENT_TYPE_GENERAL_FORM, -2),
            "mmsd/rc-mms-1-3-con-220.mms", new NonCanonical("parts 1 and 2: " + PART_CONTENT_TYPE_GENERAL_FORM, -2),
            "mmsd/rc-mms-1-3-con-224.mms", new NonCanonical("parts 1 and 2: " + PART_CONTENT_TYPE_GENERAL_FORM, -2),
            "mmsd/rc-mms-1-3-con-228.mms", new NonCanonical("parts 1 and 2: " + PART_CONTENT_TYPE_GENERAL_FORM, -2),
            "mmsd/rc-mms-1-3-con-271.mms", new NonCanonical("one part: " + PART_CONTENT_TYPE_GENERAL_FORM, -1),
            "mmsd/rc-mms-1-3-con-281.mms", new NonCanonical("one part: " + PART_CONTENT_TYPE_GENERAL_FORM, -1),
            "mmsd/rc-mms-1-3-con-282.mms", new NonCanonical("one part: " + PART_CONTENT_TYPE_GENERAL_FORM, -1),
            "mmsd/sr-mms-related-multi-to.mms", new NonCanonical("one part: " + PART_CONTENT_TYPE_GENERAL_FORM, -1));

    /** WSP push PDUs (vector id) that are not in canonical form. */
    static final Map<String, NonCanonical> NON_CANONICAL_PUSH = Map.of();

    static Stream<String> mmsVectors() {
        return GoldenVectors.ids(Kind.MMS);
    }

    /** Push vectors, segmented ones included, whose push carries an MMS PDU by their expected file. */
    static Stream<String> mmsInPushVectors() {
        return GoldenVectors.all().stream()
                .filter(v -> v.kind() == Kind.WSP || v.segmented())
                .filter(GoldenVectors::expectsMms)
                .map(Vector::id);
    }

    static Stream<String> pushVectors() {
        return GoldenVectors.ids(Kind.WSP, Kind.SMS, Kind.UD);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mmsVectors")
    void mmsVectorRoundTrips(String id) {
        assertMmsRoundTrip(id, GoldenVectors.bytes(GoldenVectors.vector(id)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mmsInPushVectors")
    void mmsInPushRoundTrips(String id) {
        WapPush push = new WapPushCodec().decode(GoldenVectors.pushPdu(GoldenVectors.vector(id)));
        assertMmsRoundTrip(id, push.body().toByteArray());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pushVectors")
    void pushRoundTrips(String id) {
        WapPushCodec codec = new WapPushCodec();
        byte[] original = GoldenVectors.pushPdu(GoldenVectors.vector(id));
        WapPush decoded = codec.decode(original);
        byte[] encoded = codec.encode(decoded);

        assertEquals(decoded, codec.decode(encoded), id + ": decode(encode(decode(x))) == decode(x)");
        assertCanonical(id, original, encoded, NON_CANONICAL_PUSH);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mmsVectors")
    void headersAloneAreTheHeadersOfTheWholeDecode(String id) {
        byte[] pdu = GoldenVectors.bytes(GoldenVectors.vector(id));
        MmsPdu whole = new MmsDecoder().decode(pdu);
        MmsPdu headers = new MmsDecoder().decodeHeaders(pdu);

        assertEquals(whole.headers(), headers.headers(), id);
        assertEquals(null, headers.contentType(), id);
        assertEquals(false, headers.hasBody(), id);
        if (whole.hasBody()) {
            // the body is not read: a body cut short does not matter
            byte[] cut = java.util.Arrays.copyOf(pdu, pdu.length - 1);
            assertEquals(whole.headers(), new MmsDecoder().decodeHeaders(cut).headers(), id);
        }
    }

    @Test
    void nonCanonicalListsNameExistingVectors() {
        Set<String> ids = GoldenVectors.all().stream().map(Vector::id).collect(Collectors.toSet());
        for (String id : NON_CANONICAL_MMS.keySet()) {
            assertTrue(ids.contains(id), "NON_CANONICAL_MMS names " + id + ", which is no vector");
        }
        for (String id : NON_CANONICAL_PUSH.keySet()) {
            assertTrue(ids.contains(id), "NON_CANONICAL_PUSH names " + id + ", which is no vector");
        }
    }

    private static void assertMmsRoundTrip(String id, byte[] original) {
        MmsPdu decoded = new MmsDecoder().decode(original);
        byte[] encoded = new MmsEncoder().encode(decoded);

        assertEquals(decoded, new MmsDecoder().decode(encoded), id + ": decode(encode(decode(x))) == decode(x)");
        assertCanonical(id, original, encoded, NON_CANONICAL_MMS);
    }

    private static void assertCanonical(String id, byte[] original, byte[] encoded,
            Map<String, NonCanonical> nonCanonical) {
        NonCanonical listed = nonCanonical.get(id);
        if (listed == null) {
            assertEquals(hex(original), hex(encoded), id + ": encode(decode(x)) == x for a canonical vector");
            return;
        }
        assertNotEquals(hex(original), hex(encoded),
                id + " is listed as not canonical (" + listed.reason() + ") but re-encodes byte for byte");
        assertEquals(listed.lengthChange(), encoded.length - original.length,
                id + ": octets gained by re-encoding (" + listed.reason() + ")");
    }

    private static String hex(byte[] octets) {
        return HexFormat.of().formatHex(octets);
    }
}
