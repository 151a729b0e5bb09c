package org.mmsgw.codec.sms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shared vectors: the crafted 2-segment split of a WSP push, and real operator SMS-DELIVER
 * PDUs from python-messaging (see ../shared/vectors/README.md).
 */
class SmsVectorsTest {
    private static final String CRAFTED = "crafted/wap-push-notification-utf8";

    @Test
    void craftedSegmentsReassembleToThePush() {
        byte[] ud1 = Vectors.read(CRAFTED + ".ud1");
        byte[] ud2 = Vectors.read(CRAFTED + ".ud2");
        byte[] wsp = Vectors.read(CRAFTED + ".wsp");
        assertArrayEquals(wsp, SmsReassembler.reassemble(List.of(ud1, ud2)));
        assertArrayEquals(wsp, SmsReassembler.reassemble(List.of(ud2, ud1)));

        SmsReassembler reassembler = new SmsReassembler(4);
        assertEquals(Optional.empty(), reassembler.accept("+4915112345678", ud2));
        assertEquals(new WdpDatagram("+4915112345678", PortAddress.WAP_PUSH, wsp),
                reassembler.accept("+4915112345678", ud1).orElseThrow());
    }

    @Test
    void craftedSegmentsDecodeAndEncodeByteForByte() {
        byte[] ud1 = Vectors.read(CRAFTED + ".ud1");
        UserData userData = UserData.parse(ud1);
        assertEquals(UserDataHeader.of(PortAddress.WAP_PUSH, Concatenation.eightBit(0x7B, 2, 1)), userData.header());
        assertEquals(128, userData.payloadLength());
        assertArrayEquals(ud1, userData.encode());
    }

    @Test
    void splittingThePushGivesTheCraftedSegments() {
        List<byte[]> segments = SmsSegmenter.splitWapPush(Vectors.read(CRAFTED + ".wsp"), 0x7B);
        assertEquals(2, segments.size());
        assertEquals(Hex.text(Vectors.read(CRAFTED + ".ud1")), Hex.text(segments.get(0)));
        assertEquals(Hex.text(Vectors.read(CRAFTED + ".ud2")), Hex.text(segments.get(1)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // name,  expected header of segment 1,                 payload length, text the payload ends with
            "notif1, 0C 08 04 9F 8E 02 01 05 04 0B 84 23 F0, 182, http://promms/servlets/NOK5CiKcoTMYSG4MBSwAAsKv14FUHAAAAAAAA",
            "notif2, 0C 08 04 DF D3 02 01 05 04 0B 84 23 F0, 182, http://promms/servlets/NOK5A1ZdFTMYSG4O3VQAAsJv94GoNAAAAAAAA",
            "si-push, 0B 05 04 0B 84 23 F0 00 03 96 02 01,   176, ' Team'",
    })
    void operatorPdusReassemble(String name, String header, int length, String tail) {
        SmsDeliverTpdu seg1 = tpdu(name + "-seg1");
        SmsDeliverTpdu seg2 = tpdu(name + "-seg2");
        assertEquals(Hex.text(Hex.bytes(header)),
                Hex.text(Arrays.copyOf(seg1.userData(), Hex.bytes(header).length)));

        byte[] payload = SmsReassembler.reassemble(List.of(seg2.userData(), seg1.userData()));
        assertEquals(length, payload.length);
        assertArrayEquals(Hex.bytes("01 06"), Arrays.copyOf(payload, 2), "TID 01, WSP Push");
        String text = new String(payload, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains(tail), text);

        SmsReassembler reassembler = new SmsReassembler(4);
        assertEquals(Optional.empty(), reassembler.accept(seg1.originatingAddress(), seg1.userData()));
        WdpDatagram datagram = reassembler.accept(seg2.originatingAddress(), seg2.userData()).orElseThrow();
        assertEquals(PortAddress.WAP_PUSH, datagram.ports());
        assertArrayEquals(payload, datagram.payload());

        // decode -> encode keeps the operator's element order
        assertArrayEquals(seg1.userData(), UserData.parse(seg1.userData()).encode());
        assertArrayEquals(seg2.userData(), UserData.parse(seg2.userData()).encode());

        // and a re-split of the payload reassembles to the same bytes
        assertArrayEquals(payload, SmsReassembler.reassemble(SmsSegmenter.split(payload, 0x9F8E, true, 2948, 9200)));
        assertArrayEquals(payload, SmsReassembler.reassemble(SmsSegmenter.splitWapPush(payload, 0x96)));
    }

    private static SmsDeliverTpdu tpdu(String name) {
        SmsDeliverTpdu tpdu = SmsDeliverTpdu.parseWithSca(Vectors.readHex("python-messaging-sms/" + name + ".sca-tpdu.hex"));
        assertTrue(tpdu.userDataHeaderIndicator(), name + ": TP-UDHI");
        return tpdu;
    }
}
