package org.mmsgw.codec.golden;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mmsgw.codec.golden.GoldenVectors.Kind;
import org.mmsgw.codec.golden.GoldenVectors.Vector;
import org.mmsgw.codec.push.WapPush;
import org.mmsgw.codec.push.WapPushCodec;

/**
 * Every connectionless WSP push vector ({@code mmsd-inline/push*.bin}, {@code crafted/*.wsp}) decodes to
 * tshark's transaction id, PDU type, content type and application id; when it carries an MMS PDU, that
 * PDU decodes to tshark's {@code mms} section, and when tshark found none, we find none.
 */
class WapPushGoldenTest {

    static Stream<String> pushVectors() {
        return GoldenVectors.ids(Kind.WSP);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pushVectors")
    void decodesAsTsharkDoes(String id) {
        Vector v = GoldenVectors.vector(id);
        Map<String, Object> expected = GoldenVectors.expected(v);
        ViewAssert.assertHeader(expected, v);

        WapPush push = new WapPushCodec().decode(GoldenVectors.bytes(v));

        ViewAssert.assertSection(id, "push", expected.get("push"), TsharkView.push(push, null));
        ViewAssert.assertSection(id, "mms", expected.get("mms"), TsharkView.mmsOf(push).orElse(null));
    }
}
