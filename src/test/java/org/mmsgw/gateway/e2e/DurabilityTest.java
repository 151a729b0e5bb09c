package org.mmsgw.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mmsgw.gateway.e2e.Pushes.accepted;
import static org.mmsgw.gateway.e2e.Pushes.assertOk;
import static org.mmsgw.gateway.e2e.Pushes.awaitPushes;
import static org.mmsgw.gateway.e2e.Pushes.awaitState;
import static org.mmsgw.gateway.e2e.Pushes.plmn;
import static org.mmsgw.gateway.e2e.Pushes.sendReq;
import static org.mmsgw.gateway.e2e.Pushes.settle;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.codec.multipart.Body;
import org.mmsgw.codec.multipart.Part;
import org.mmsgw.codec.wsp.ContentType;
import org.mmsgw.processors.store.RecipientState;

/**
 * A message acknowledged with m-send-conf Ok survives the gateway going down before delivery, by crash
 * or by a graceful stop, and is then notified exactly once per recipient. The SMSC is down while the
 * message is sent, so the notification cannot have left before the gateway goes down.
 */
class DurabilityTest extends GatewayTest {
    private static final String ALICE = "+491701111111";
    private static final String BOB = "+491702222222";
    private static final String CAROL = "+491703333333";


    @Test
    void crashRightAfterSendConfLosesNothingAndDuplicatesNothing() throws Exception {
        byte[] image = new byte[150 * 1024];
        new Random(3).nextBytes(image);
        MmsPdu sendReq = sendReq("C-1", List.of(BOB, CAROL), "Survives", Part.text("<t>", "t.txt", "still here"),
                Part.of(ContentType.of("image/jpeg"), "<i>", "i.jpg", image));
        Pushes.stopSmsc(smsc);

        String messageId = assertOk(gateway.phone(ALICE).send(sendReq));
        gateway.crash();
        smsc.start();
        gateway = gateway.restart();

        MmsPdu bobs = awaitPushes(smsc, BOB, 1).get(0).pdu();
        MmsPdu carols = awaitPushes(smsc, CAROL, 1).get(0).pdu();
        awaitState(gateway.store(), messageId, plmn(BOB), RecipientState.NOTIFIED);
        awaitState(gateway.store(), messageId, plmn(CAROL), RecipientState.NOTIFIED);
        settle();
        assertEquals(1, accepted(smsc, BOB).size(), "notifications to Bob");
        assertEquals(1, accepted(smsc, CAROL).size(), "notifications to Carol");
        assertEquals(0, gateway.broker().depth("DLQ"), "dead letters");

        for (MmsPdu n : List.of(bobs, carols)) {
            MmsPdu retrieved = gateway.phone(n == bobs ? BOB : CAROL).retrieve(
                    n.text(MmsField.CONTENT_LOCATION).orElseThrow());
            assertEquals(messageId, retrieved.text(MmsField.MESSAGE_ID).orElseThrow());
            assertArrayEquals(image, ((Body.Multipart) retrieved.body()).parts().get(1).data().orElseThrow()
                    .toByteArray(), "the image after the crash");
        }
    }

    @Test
    void gracefulRestartWithAQueuedMessageDeliversItOnce() throws Exception {
        Pushes.stopSmsc(smsc);
        String messageId = assertOk(gateway.phone(ALICE).send(sendReq("G-1", List.of(BOB), "Queued",
                Part.text("<t>", "t.txt", "waiting"))));
        // routed and waiting for the SMSC: stored, Bob still pending, his hand-off on the delivery queue
        awaitState(gateway.store(), messageId, plmn(BOB), RecipientState.PENDING);
        Pushes.awaitUntil("hand-off queued for delivery", () -> gateway.broker().depth("mms.deliver.mm1") == 1);
        gateway.close();

        smsc.start();
        gateway = gateway.restart();

        MmsPdu notification = awaitPushes(smsc, BOB, 1).get(0).pdu();
        awaitState(gateway.store(), messageId, plmn(BOB), RecipientState.NOTIFIED);
        settle();
        assertEquals(1, accepted(smsc, BOB).size(), "notifications to Bob");
        assertEquals(0, gateway.broker().depth("mms.deliver.mm1"));
        assertEquals(messageId, gateway.phone(BOB).retrieve(notification.text(MmsField.CONTENT_LOCATION).orElseThrow())
                .text(MmsField.MESSAGE_ID).orElseThrow());
    }
}
