package org.mmsgw.codec.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mmsgw.codec.golden.GoldenVectors.Kind;
import org.mmsgw.codec.golden.GoldenVectors.Vector;
import org.mmsgw.codec.push.WapPush;
import org.mmsgw.codec.push.WapPushCodec;

/**
 * Segmented vectors: SMS-DELIVER TPDUs ({@code python-messaging-sms/X-segN.sca-tpdu.hex}) and bare
 * TP-User-Data ({@code crafted/X.udN}). The TP-UD of every segment is reassembled by the sms package,
 * and the WSP push and the MMS PDU inside decode to what tshark reports for the same segments.
 */
class SmsGoldenTest {
    private static final String CRAFTED = "crafted/wap-push-notification-utf8";

    static Stream<String> segmentedVectors() {
        return GoldenVectors.ids(Kind.SMS, Kind.UD);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("segmentedVectors")
    void reassemblesAndDecodesAsTsharkDoes(String id) {
        Vector v = GoldenVectors.vector(id);
        Map<String, Object> expected = GoldenVectors.expected(v);
        ViewAssert.assertHeader(expected, v);

        byte[] pdu = GoldenVectors.pushPdu(v);
        // a segmented vector next to the push it was split from must give back that push exactly
        if (Files.exists(GoldenVectors.dir().resolve(id + ".wsp"))) {
            assertEquals(hex(GoldenVectors.read(id + ".wsp")), hex(pdu), id + ": reassembled push");
        }
        WapPush push = new WapPushCodec().decode(pdu);

        ViewAssert.assertSection(id, "push", expected.get("push"), TsharkView.push(push, v.files().size()));
        ViewAssert.assertSection(id, "mms", expected.get("mms"), TsharkView.mmsOf(push).orElse(null));
    }

    /** Named on purpose, so that the check above cannot pass by the .wsp file going missing. */
    @Test
    void craftedSegmentsReassembleToTheCraftedPush() {
        Vector v = GoldenVectors.vector(CRAFTED);
        assertEquals(List.of(CRAFTED + ".ud1", CRAFTED + ".ud2"), v.files());
        assertEquals(hex(GoldenVectors.read(CRAFTED + ".wsp")), hex(GoldenVectors.pushPdu(v)));
    }

    private static String hex(byte[] octets) {
        return HexFormat.of().formatHex(octets);
    }
}
