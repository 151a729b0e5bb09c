package org.mmsgw.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmsgw.gateway.e2e.Pushes.assertOk;
import static org.mmsgw.gateway.e2e.Pushes.awaitPushes;
import static org.mmsgw.gateway.e2e.Pushes.plmn;
import static org.mmsgw.gateway.e2e.Pushes.sendReq;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.mmsgw.codec.mms.MessageType;
import org.mmsgw.codec.mms.MmsEncoder;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.codec.multipart.Body;
import org.mmsgw.codec.multipart.Part;
import org.mmsgw.codec.sms.Concatenation;
import org.mmsgw.codec.sms.PortAddress;
import org.mmsgw.codec.sms.UserData;
import org.mmsgw.codec.sms.UserDataHeader;
import org.mmsgw.codec.wsp.ContentType;
import org.mmsgw.gateway.fixtures.TestPhone;
import org.mmsgw.gateway.fixtures.TestSmsc;
import org.mmsgw.gateway.fixtures.WapPushDelivery;

/**
 * A large image MMS goes through whole; a notification too long for one SMS goes as concatenated segments
 * (on the shipped default; {@link OneSmsNotificationTest} has subjects shortened to fit one SMS).
 */
class LargeAndSegmentedTest extends GatewayTest {
    private static final String ALICE = "+491701111111";
    private static final String BOB = "+491702222222";

    @Test
    void imageOf300KbIsAcceptedNotifiedAndRetrievedByteForByte() throws Exception {
        byte[] image = new byte[300 * 1024];
        new Random(42).nextBytes(image);
        MmsPdu sendReq = sendReq("L-1", List.of(BOB), "Big picture",
                Part.text("<text>", "text.txt", "see the picture"),
                Part.of(ContentType.of("image/jpeg"), "<image>", "picture.jpg", image));
        int encodedSize = new MmsEncoder().encode(sendReq).length;
        assertTrue(encodedSize > 300 * 1024, "the m-send-req itself is over 300 KB: " + encodedSize);

        String messageId = assertOk(gateway.phone(ALICE).send(sendReq));

        MmsPdu notification = awaitPushes(smsc, BOB, 1).get(0).pdu();
        assertEquals(MessageType.NOTIFICATION_IND, notification.messageType());
        long announced = notification.number(MmsField.MESSAGE_SIZE).orElseThrow();
        assertTrue(announced >= image.length && announced < image.length + 1024,
                "X-Mms-Message-Size " + announced + " for an image of " + image.length);

        TestPhone bob = gateway.phone(BOB);
        MmsPdu retrieved = bob.retrieve(notification.text(MmsField.CONTENT_LOCATION).orElseThrow());
        assertEquals(messageId, retrieved.text(MmsField.MESSAGE_ID).orElseThrow());
        assertEquals(plmn(ALICE), retrieved.from().orElseThrow());
        assertEquals("Big picture", retrieved.text(MmsField.SUBJECT).orElseThrow());
        List<Part> parts = ((Body.Multipart) retrieved.body()).parts();
        assertEquals(2, parts.size());
        assertEquals("see the picture", parts.get(0).text().orElseThrow());
        assertEquals("image/jpeg", parts.get(1).contentType().mediaType());
        assertArrayEquals(image, parts.get(1).data().orElseThrow().toByteArray(), "the image, byte for byte");
    }

    @Test
    void notificationLongerThanOneSmsArrivesInTwoConcatenatedSegments() throws Exception {
        String subject = "Photos from the summer holiday at the lake, day one (of seven)";
        MmsPdu sendReq = TestPhone.typicalSendReq("S-1", BOB, subject, "Greetings from the lake");

        String messageId = assertOk(gateway.phone(ALICE).send(sendReq));

        WapPushDelivery push = awaitPushes(smsc, BOB, 1).get(0);
        assertEquals(2, push.segments().size(), "segments of the push");
        assertEquals(2, smsc.submits().size(), "submit_sm in all");
        Concatenation first = concatenation(push.segments().get(0));
        Concatenation second = concatenation(push.segments().get(1));
        assertEquals(2, first.total());
        assertEquals(2, second.total());
        assertEquals(1, first.sequence());
        assertEquals(2, second.sequence());
        assertEquals(first.reference(), second.reference(), "one concatenation reference");
        for (TestSmsc.Submit segment : push.segments()) {
            UserDataHeader udh = UserData.parse(segment.userData()).header();
            PortAddress ports = udh.ports().orElseThrow();
            assertEquals(PortAddress.WAP_PUSH_PORT, ports.destination());
            assertEquals(PortAddress.WAP_WSP_PORT, ports.source());
            assertTrue(segment.userData().length <= 140, "at most 140 octets: " + segment.userData().length);
            assertEquals(0x40, segment.esmClass() & 0x40, "UDHI");
            assertEquals(0x04, segment.dataCoding(), "8-bit data");
        }

        MmsPdu notification = push.pdu();
        assertEquals(MessageType.NOTIFICATION_IND, notification.messageType());
        assertEquals(subject, notification.text(MmsField.SUBJECT).orElseThrow());
        assertEquals(plmn(ALICE), notification.from().orElseThrow());
        MmsPdu retrieved = gateway.phone(BOB).retrieve(notification.text(MmsField.CONTENT_LOCATION).orElseThrow());
        assertEquals(messageId, retrieved.text(MmsField.MESSAGE_ID).orElseThrow());
        assertEquals(subject, retrieved.text(MmsField.SUBJECT).orElseThrow());
        List<Part> parts = ((Body.Multipart) retrieved.body()).parts();
        assertEquals("Greetings from the lake", parts.get(1).text().orElseThrow());
        assertArrayEquals(TestPhone.tinyGif(), parts.get(2).data().orElseThrow().toByteArray());
    }

    private static Concatenation concatenation(TestSmsc.Submit submit) {
        return UserData.parse(submit.userData()).header().concatenation()
                .orElseThrow(() -> new AssertionError("no concatenation element in " + submit));
    }
}
