package org.mmsgw.codec.golden;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mmsgw.codec.golden.GoldenVectors.Kind;
import org.mmsgw.codec.golden.GoldenVectors.Vector;
import org.mmsgw.codec.mms.MmsDecoder;
import org.mmsgw.codec.mms.MmsPdu;

/**
 * Every MMS vector ({@code *.mms}, {@code mmsd-inline/mms_*.bin}) decodes, and our decoder reports what
 * tshark reports: the fields and conventions of {@link TsharkView}, every part in wire order.
 */
class MmsGoldenTest {

    static Stream<String> mmsVectors() {
        return GoldenVectors.ids(Kind.MMS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mmsVectors")
    void decodesAsTsharkDoes(String id) {
        Vector v = GoldenVectors.vector(id);
        Map<String, Object> expected = GoldenVectors.expected(v);
        ViewAssert.assertHeader(expected, v);
        assertFalse(expected.containsKey("push"), id + ": an MMS vector's expected file has no push section");

        MmsPdu pdu = new MmsDecoder().decode(GoldenVectors.bytes(v));

        ViewAssert.assertSection(id, "mms", expected.get("mms"), TsharkView.mms(pdu));
    }
}
