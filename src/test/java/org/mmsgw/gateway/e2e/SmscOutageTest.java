package org.mmsgw.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmsgw.gateway.e2e.Pushes.accepted;
import static org.mmsgw.gateway.e2e.Pushes.assertOk;
import static org.mmsgw.gateway.e2e.Pushes.awaitPushes;
import static org.mmsgw.gateway.e2e.Pushes.awaitState;
import static org.mmsgw.gateway.e2e.Pushes.awaitUntil;
import static org.mmsgw.gateway.e2e.Pushes.plmn;
import static org.mmsgw.gateway.e2e.Pushes.settle;
import static org.mmsgw.gateway.e2e.Pushes.submitsTo;
import static org.mmsgw.gateway.e2e.Pushes.withDeliveryReport;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.mmsgw.codec.mms.MessageType;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.gateway.fixtures.TestPhone;
import org.mmsgw.gateway.fixtures.TestSmsc;
import org.mmsgw.processors.store.RecipientState;

/**
 * The SMSC going away or throttling is temporary: messages are still accepted, wait on the broker and
 * are notified once the SMSC takes them, once each. (A permanent refusal is in {@link RecipientsTest}.)
 */
class SmscOutageTest extends GatewayTest {
    private static final String ALICE = "+491701111111";
    private static final String BOB = "+491702222222";
    private static final String CAROL = "+491703333333";
    private static final String DAVE = "+491704444444";


    @Test
    void messagesAcceptedDuringAnOutageAreNotifiedOnceWhenTheSmscReturns() throws Exception {
        TestPhone alice = gateway.phone(ALICE);
        // the SMPP session is bound and in use before the SMSC goes away
        assertOk(alice.send(TestPhone.typicalSendReq("O-0", DAVE, "Before", "while up")));
        awaitPushes(smsc, DAVE, 1);
        Pushes.stopSmsc(smsc);

        String toBob = assertOk(alice.send(withDeliveryReport(TestPhone.typicalSendReq("O-1", BOB, "During", "one"))));
        String toCarol = assertOk(alice.send(withDeliveryReport(TestPhone.typicalSendReq("O-2", CAROL, "During", "two"))));
        // both wait for the SMSC: routed, pending, their hand-offs on the delivery queue
        awaitState(gateway.store(), toBob, plmn(BOB), RecipientState.PENDING);
        awaitState(gateway.store(), toCarol, plmn(CAROL), RecipientState.PENDING);
        awaitUntil("both hand-offs on the delivery queue", () -> gateway.broker().depth("mms.deliver.mm1") == 2);
        List<TestSmsc.Submit> beforeReturn = smsc.submits();
        smsc.start();

        MmsPdu bobs = awaitPushes(smsc, BOB, 1).get(0).pdu();
        MmsPdu carols = awaitPushes(smsc, CAROL, 1).get(0).pdu();
        assertEquals(MessageType.NOTIFICATION_IND, bobs.messageType());
        assertEquals(MessageType.NOTIFICATION_IND, carols.messageType());
        assertTrue(bobs.text(MmsField.CONTENT_LOCATION).orElseThrow().startsWith(gateway.baseUrl() + "/mms/"));
        awaitState(gateway.store(), toBob, plmn(BOB), RecipientState.NOTIFIED);
        awaitState(gateway.store(), toCarol, plmn(CAROL), RecipientState.NOTIFIED);
        settle();
        assertEquals(submitsTo(smsc, DAVE), beforeReturn, "only Dave's push reached the SMSC before it came back");
        assertEquals(1, accepted(smsc, BOB).size(), "notifications to Bob");
        assertEquals(1, accepted(smsc, CAROL).size(), "notifications to Carol");
        assertEquals(1, accepted(smsc, DAVE).size(), "notifications to Dave");
        assertEquals(List.of(), accepted(smsc, ALICE), "no failure report for a temporary outage");
        assertEquals(0, gateway.broker().depth("DLQ"), "dead letters");
    }

    @Test
    void throttledSubmitIsRetriedAndTheNotificationArrives() throws Exception {
        smsc.respondWith(TestSmsc.THROTTLED, 1);
        String messageId = assertOk(gateway.phone(ALICE).send(
                withDeliveryReport(TestPhone.typicalSendReq("T-1", BOB, "Throttled", "try again"))));

        MmsPdu notification = awaitPushes(smsc, BOB, 1).get(0).pdu();
        awaitState(gateway.store(), messageId, plmn(BOB), RecipientState.NOTIFIED);
        settle();
        List<TestSmsc.Submit> toBob = submitsTo(smsc, BOB);
        assertEquals(0x58, toBob.get(0).commandStatus(), "the first submit_sm was throttled");
        assertEquals(List.of(0x58), toBob.stream().map(TestSmsc.Submit::commandStatus).filter(s -> s != 0).toList(),
                "refused submit_sm to Bob");
        assertEquals(1, accepted(smsc, BOB).size(), "notifications to Bob");
        assertEquals(List.of(), accepted(smsc, ALICE), "no failure report for a throttled submit");
        assertEquals(RecipientState.NOTIFIED, Pushes.state(gateway.store(), messageId, plmn(BOB)));

        MmsPdu retrieved = gateway.phone(BOB).retrieve(notification.text(MmsField.CONTENT_LOCATION).orElseThrow());
        assertEquals(messageId, retrieved.text(MmsField.MESSAGE_ID).orElseThrow());
    }

    @Test
    void smscDownAtStartIsWaitedFor() throws Exception {
        Pushes.stopSmsc(smsc);
        String messageId = assertOk(gateway.phone(ALICE).send(TestPhone.typicalSendReq("O-3", BOB, "Cold", "start")));
        awaitUntil("hand-off on the delivery queue", () -> gateway.broker().depth("mms.deliver.mm1") == 1);
        Thread.sleep(Duration.ofSeconds(1).toMillis()); // a few failed connection attempts, within the back-off
        smsc.start();

        awaitPushes(smsc, BOB, 1);
        awaitState(gateway.store(), messageId, plmn(BOB), RecipientState.NOTIFIED);
        settle();
        assertEquals(1, accepted(smsc, BOB).size(), "notifications to Bob");
    }

    /**
     * An SMSC restarting behind a TCP proxy (or a listener going away) accepts the connection and drops
     * it before answering bind. That is one more temporary failure: once the SMSC is back, the
     * notification must go out within the usual back-off, not after a long stall.
     */
    @Test
    void smscDroppingTheConnectionDuringBindDoesNotStallDelivery() throws Exception {
        int port = smsc.port();
        Pushes.stopSmsc(smsc);
        CompletableFuture<Integer> bindCommand = new CompletableFuture<>();
        String messageId;
        try (ServerSocket dropper = new ServerSocket()) {
            dropper.setReuseAddress(true);
            dropper.bind(new InetSocketAddress("127.0.0.1", port));
            Thread accepter = new Thread(() -> {
                try (Socket connection = dropper.accept()) {
                    DataInputStream in = new DataInputStream(connection.getInputStream());
                    byte[] pdu = new byte[in.readInt() - 4];
                    in.readFully(pdu);
                    // command_id of the PDU just read; then the connection closes unanswered
                    bindCommand.complete(((pdu[0] & 0xFF) << 24) | ((pdu[1] & 0xFF) << 16) | ((pdu[2] & 0xFF) << 8)
                            | (pdu[3] & 0xFF));
                } catch (IOException e) {
                    bindCommand.completeExceptionally(e);
                }
            }, "dropping-smsc");
            accepter.setDaemon(true);
            accepter.start();

            messageId = assertOk(gateway.phone(ALICE).send(TestPhone.typicalSendReq("O-4", BOB, "Dropped", "bind")));
            int command = bindCommand.get(Pushes.WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(0x00000002, command, "the gateway's first PDU is bind_transmitter");
        }
        smsc.start();
        long back = System.nanoTime();

        awaitPushes(smsc, BOB, 1);
        long seconds = Duration.ofNanos(System.nanoTime() - back).toSeconds();
        awaitState(gateway.store(), messageId, plmn(BOB), RecipientState.NOTIFIED);
        assertTrue(seconds < 15, "notified " + seconds + " s after the SMSC came back");
    }
}
