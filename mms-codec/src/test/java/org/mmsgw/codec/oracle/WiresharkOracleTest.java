package org.mmsgw.codec.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mmsgw.codec.mms.MessageType;
import org.mmsgw.codec.mms.MmsDecoder;
import org.mmsgw.codec.mms.MmsEncoder;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.codec.mms.MmsPdus;
import org.mmsgw.codec.multipart.Body;
import org.mmsgw.codec.multipart.Part;
import org.mmsgw.codec.push.WapPush;
import org.mmsgw.codec.push.WapPushCodec;
import org.mmsgw.codec.sms.SmsSegmenter;
import org.mmsgw.codec.wsp.ContentType;
import org.mmsgw.codec.wsp.Parameter;

/**
 * Every PDU type the gateway and its test phones write, built from the model, must decode in
 * Wireshark's MMSE dissector with no malformed flag and with the values we put in; every push must
 * come back through Wireshark's SMS reassembly as the same m-notification-ind.
 */
class WiresharkOracleTest {
    private static final long DATE = 1_764_000_000L;

    @TempDir
    Path dir;

    @BeforeAll
    static void tshark() {
        Oracle.requireTshark();
    }

    static Stream<Arguments> pdus() {
        byte[] jpeg = new byte[3000];
        for (int i = 0; i < jpeg.length; i++) {
            jpeg[i] = (byte) (i * 31 + 7);
        }
        String smil = "<smil><body><par><img src=\"pic.jpg\"/><text src=\"t.txt\"/></par></body></smil>";
        Body content = MmsPdus.multipart(
                Part.of(ContentType.of("application/smil", Parameter.charset(106)), "<smil>", "smil.xml",
                        smil.getBytes(StandardCharsets.UTF_8)),
                Part.text("<t>", "t.txt", "Grüße aus Köln"),
                Part.of(ContentType.of("image/jpeg", Parameter.of("name", "pic.jpg")), "<pic>", "pic.jpg", jpeg));
        return Stream.of(
                Arguments.of(MmsPdus.sendReq("T-1", List.of("+491702222222/TYPE=PLMN", "a@b.example"), "Hello")
                        .body(MmsPdus.relatedType("<smil>"), content).build(), 3),
                Arguments.of(MmsPdus.sendConf("T-1", 0, null, "MSG-1"), 0),
                Arguments.of(MmsPdus.sendConf("T-2", 0x65, "content not accepted", null), 0),
                Arguments.of(MmsPdus.notificationInd("T-3", "http://127.0.0.1:8080/mms/abcDEF123", 4200, 604800,
                        "+491701111111/TYPE=PLMN", "Hello"), 0),
                Arguments.of(MmsPdus.notifyRespInd("T-3", "Retrieved", true), 0),
                Arguments.of(MmsPdus.notifyRespInd("T-4", "Deferred", false), 0),
                Arguments.of(MmsPdus.retrieveConf("T-3", "MSG-1", DATE, "+491701111111/TYPE=PLMN",
                        MmsPdus.relatedType("<smil>"), content).to("+491702222222/TYPE=PLMN")
                        .encoded(MmsField.SUBJECT, "Hello").build(), 3),
                Arguments.of(MmsPdus.retrieveConfError("T-5", DATE, 0x62, "message not found"), 0),
                Arguments.of(MmsPdus.acknowledgeInd("T-4", true), 0),
                Arguments.of(MmsPdus.deliveryInd("MSG-1", "+491702222222/TYPE=PLMN", DATE, "Retrieved"), 0),
                Arguments.of(MmsPdus.readRecInd("MSG-1", "+491701111111/TYPE=PLMN", "+491702222222/TYPE=PLMN", "Read"), 0),
                Arguments.of(MmsPdus.readOrigInd("MSG-1", "+491701111111/TYPE=PLMN", "+491702222222/TYPE=PLMN", DATE,
                        "Read"), 0),
                Arguments.of(MmsPdus.forwardReq("T-6", List.of("+491703333333/TYPE=PLMN"),
                        "http://127.0.0.1:8080/mms/abcDEF123"), 0),
                Arguments.of(MmsPdus.forwardConf("T-6", 0, "MSG-2"), 0),
                Arguments.of(MmsPdus.cancelReq("T-7", "MSG-1"), 0),
                Arguments.of(MmsPdus.cancelConf("T-7", true), 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pdus")
    void wiresharkDecodesWhatWeWrite(MmsPdu pdu, int parts) throws Exception {
        Path file = dir.resolve("pdu.mms");
        Files.write(file, new MmsEncoder().encode(pdu));
        Oracle.Result result = Oracle.run("mms", file);
        assertEquals(0, result.exitStatus(), "oracle exit status (4 = malformed):\n" + result.stderr());
        assertEquals(1, result.frames().size(), "one MMSE frame");
        Map<String, String> f = result.frames().get(0);
        assertEquals(String.format("0x%02x", pdu.messageType().code() | 0x80), f.get("mmse.message_type"));
        assertEquals(pdu.transactionId().orElse(""), f.get("mmse.transaction_id"));
        assertEquals(pdu.text(MmsField.MESSAGE_ID).orElse(""), f.get("mmse.message_id"));
        assertEquals(String.join("|", pdu.texts(MmsField.TO)), f.get("mmse.to"));
        assertEquals(pdu.text(MmsField.SUBJECT).orElse(""), f.get("mmse.subject"));
        assertEquals(pdu.text(MmsField.CONTENT_LOCATION).orElse(""), f.get("mmse.content_location"));
        String from = pdu.first(MmsField.FROM).isEmpty() ? "" : pdu.from().orElse("<insert address>");
        assertEquals(from, f.get("mmse.from"));
        if (parts > 0) {
            assertEquals(parts, f.get("wsp.multipart").split("\\|").length, "parts seen by Wireshark");
            List<String> types = new ArrayList<>(List.of(pdu.contentType().mediaType()));
            ((Body.Multipart) pdu.body()).parts().forEach(p -> types.add(p.contentType().mediaType()));
            assertEquals(String.join("|", types), f.get("wsp.header.content_type"));
        }
    }

    @Test
    void notificationPushSurvivesWiresharkSmsReassembly() throws Exception {
        MmsPdu notification = MmsPdus.notificationInd("T-PUSH-1",
                "http://127.0.0.1:8080/mms/" + "x".repeat(40), 123_456, 604_800, "+491701111111/TYPE=PLMN",
                "A subject long enough to need a second SMS segment");
        byte[] mms = new MmsEncoder().encode(notification);
        byte[] wsp = new WapPushCodec().encode(WapPush.forMms(0x42, mms, null));
        List<byte[]> segments = SmsSegmenter.split(wsp, 0x5A, false, 2948, 9200);
        assertEquals(2, segments.size(), "the notification needs two segments");
        Path[] files = new Path[segments.size()];
        for (int i = 0; i < files.length; i++) {
            files[i] = Files.write(dir.resolve("seg" + (i + 1) + ".ud"), segments.get(i));
        }
        Oracle.Result result = Oracle.run("ud", files);
        assertEquals(0, result.exitStatus(), "oracle exit status (4 = malformed):\n" + result.stderr());
        assertEquals(1, result.frames().size(), "one reassembled MMSE frame");
        Map<String, String> f = result.frames().get(0);
        assertEquals("0x82", f.get("mmse.message_type"));
        assertEquals("T-PUSH-1", f.get("mmse.transaction_id"));
        assertEquals(notification.text(MmsField.CONTENT_LOCATION).orElseThrow(), f.get("mmse.content_location"));
        assertEquals("123456", f.get("mmse.message_size"));
        assertEquals("+491701111111/TYPE=PLMN", f.get("mmse.from"));
        // and our own decoder reads back the same model from what we wrote
        assertEquals(notification, new MmsDecoder().decode(mms));
        assertEquals(MessageType.NOTIFICATION_IND, new MmsDecoder().decode(mms).messageType());
    }

    @Test
    void deliveryReportPushWithSixteenBitReferenceAndInitiatorSurvivesWiresharkSmsReassembly() throws Exception {
        MmsPdu report = MmsPdus.deliveryInd("M-" + "0123456789".repeat(8), "+491702222222/TYPE=PLMN",
                1_800_000_000L, "Retrieved");
        byte[] mms = new MmsEncoder().encode(report);
        byte[] wsp = new WapPushCodec().encode(WapPush.forMms(0x17, mms, "http://mms.example.net/"));
        List<byte[]> segments = SmsSegmenter.split(wsp, 0x1234, true, 2948, 9200);
        assertEquals(2, segments.size(), "the report needs two segments");
        Path[] files = new Path[segments.size()];
        for (int i = 0; i < files.length; i++) {
            // in reverse order: the reassembly must not depend on arrival order
            files[files.length - 1 - i] = Files.write(dir.resolve("dr" + (i + 1) + ".ud"), segments.get(i));
        }
        Oracle.Result result = Oracle.run("ud", files);
        assertEquals(0, result.exitStatus(), "oracle exit status (4 = malformed):\n" + result.stderr());
        assertEquals(1, result.frames().size(), "one reassembled MMSE frame");
        Map<String, String> f = result.frames().get(0);
        assertEquals("0x86", f.get("mmse.message_type"), "m-delivery-ind");
        assertEquals(report.text(MmsField.MESSAGE_ID).orElseThrow(), f.get("mmse.message_id"));
        assertEquals("+491702222222/TYPE=PLMN", f.get("mmse.to"));
        String text = Oracle.text("ud", files);
        assertTrue(text.contains("16-bit reference number"), "16-bit concatenation seen by Wireshark");
        assertTrue(text.contains("Initiator-Uri: http://mms.example.net/"), "X-Wap-Initiator-URI seen by Wireshark");
    }
}
