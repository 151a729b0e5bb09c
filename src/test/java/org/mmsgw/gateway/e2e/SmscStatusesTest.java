package org.mmsgw.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmsgw.gateway.e2e.Pushes.accepted;
import static org.mmsgw.gateway.e2e.Pushes.assertOk;
import static org.mmsgw.gateway.e2e.Pushes.awaitPushes;
import static org.mmsgw.gateway.e2e.Pushes.awaitState;
import static org.mmsgw.gateway.e2e.Pushes.plmn;
import static org.mmsgw.gateway.e2e.Pushes.settle;
import static org.mmsgw.gateway.e2e.Pushes.state;
import static org.mmsgw.gateway.e2e.Pushes.submitsTo;
import static org.mmsgw.gateway.e2e.Pushes.withDeliveryReport;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.mmsgw.codec.mms.MessageType;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.gateway.fixtures.TestPhone;
import org.mmsgw.gateway.fixtures.TestSmsc;
import org.mmsgw.processors.inbound.SmscIds;
import org.mmsgw.processors.store.RecipientState;

/**
 * submit_sm_resp statuses (SMPP 3.4 §5.1.3) and no answer at all (bad-inputs S-5): a queue full, a
 * system error and a temporary application error are retried until the SMSC takes the notification,
 * which then arrives once and without a report; a permanent application error ends the recipient as
 * Unreachable with a failure report; a submit_sm that is never answered times out (transactionTimer
 * 10 s) and is sent again.
 */
class SmscStatusesTest extends GatewayTest {
    private static final String ALICE = "+491701111111";
    private static final String BOB = "+491702222222";
    private static final String DAVE = "+491704444444";
    /** ESME_RX_P_APPN: permanent application error. */
    private static final int ESME_RX_P_APPN = 0x65;

    @ParameterizedTest(name = "command_status 0x{0}")
    @ValueSource(strings = {"14", "08", "64"}) // ESME_RMSGQFUL, ESME_RSYSERR, ESME_RX_T_APPN
    void temporaryRefusalIsRetriedAndTheNotificationArrivesOnce(String hexStatus) throws Exception {
        int status = Integer.parseInt(hexStatus, 16);
        smsc.respondWith(status, 1);
        String messageId = assertOk(gateway.phone(ALICE).send(
                withDeliveryReport(TestPhone.typicalSendReq("ST-" + hexStatus, BOB, "Again", "try again"))));

        MmsPdu notification = awaitPushes(smsc, BOB, 1).get(0).pdu();
        assertEquals(MessageType.NOTIFICATION_IND, notification.messageType());
        awaitState(gateway.store(), messageId, plmn(BOB), RecipientState.NOTIFIED);
        settle();
        List<TestSmsc.Submit> toBob = submitsTo(smsc, BOB);
        assertEquals(List.of(status, 0), toBob.stream().map(TestSmsc.Submit::commandStatus).toList(),
                "command_status of the submit_sm to Bob, in order");
        assertSameNotification(notification);
        assertEquals(1, accepted(smsc, BOB).size(), "notifications to Bob");
        assertEquals(List.of(), accepted(smsc, ALICE), "no failure report for a temporary refusal");
        assertEquals(RecipientState.NOTIFIED, state(gateway.store(), messageId, plmn(BOB)));
        assertEquals(0, gateway.broker().depth("DLQ"), "dead letters");

        MmsPdu retrieved = gateway.phone(BOB).retrieve(notification.text(MmsField.CONTENT_LOCATION).orElseThrow());
        assertEquals(messageId, retrieved.text(MmsField.MESSAGE_ID).orElseThrow());
    }

    @Test
    void permanentApplicationErrorMakesTheRecipientUnreachableWithAFailureReport() throws Exception {
        smsc.respondWith(ESME_RX_P_APPN, 1);
        String messageId = assertOk(gateway.phone(ALICE).send(
                withDeliveryReport(TestPhone.typicalSendReq("ST-65", BOB, "Never", "not for you"))));

        MmsPdu report = awaitPushes(smsc, ALICE, 1).get(0).pdu();
        assertEquals(MessageType.DELIVERY_IND, report.messageType());
        assertEquals(messageId, report.text(MmsField.MESSAGE_ID).orElseThrow());
        assertEquals(List.of(plmn(BOB)), report.texts(MmsField.TO));
        assertEquals(7, report.token(MmsField.STATUS).orElseThrow(), "X-Mms-Status Unreachable");
        awaitState(gateway.store(), messageId, plmn(BOB), RecipientState.UNREACHABLE);

        settle();
        assertEquals(List.of(0x65), submitsTo(smsc, BOB).stream().map(TestSmsc.Submit::commandStatus).toList(),
                "one submit_sm to Bob, refused, not retried");
        assertEquals(List.of(), accepted(smsc, BOB));
        assertEquals(1, accepted(smsc, ALICE).size(), "one report to Alice");
        assertEquals(RecipientState.UNREACHABLE, state(gateway.store(), messageId, plmn(BOB)));
        assertEquals(0, gateway.broker().depth("DLQ"), "dead letters");
        assertEquals(0, gateway.broker().depth("mms.deliver.mm1"), "hand-offs left");
    }

    @Test
    void unansweredSubmitIsRetriedAfterTheTransactionTimerAndThePushArrives() throws Exception {
        TestPhone alice = gateway.phone(ALICE);
        // the transmitter session is bound before the SMSC goes silent on it
        assertOk(alice.send(TestPhone.typicalSendReq("ST-0", DAVE, "Before", "answered")));
        awaitPushes(smsc, DAVE, 1);
        smsc.leaveUnanswered(1);
        long sent = System.nanoTime();
        String messageId = assertOk(alice.send(
                withDeliveryReport(TestPhone.typicalSendReq("ST-T", BOB, "Silent", "no answer"))));

        Pushes.awaitUntil("a second submit_sm to Bob", () -> submitsTo(smsc, BOB).size() >= 2);
        long retriedAfter = Duration.ofNanos(System.nanoTime() - sent).toMillis();
        awaitState(gateway.store(), messageId, plmn(BOB), RecipientState.NOTIFIED);
        settle();

        List<TestSmsc.Submit> toBob = submitsTo(smsc, BOB);
        assertEquals(2, toBob.size(), "submit_sm to Bob: the unanswered one and its retry");
        List<String> silent = smsc.unansweredIds();
        assertEquals(List.of(toBob.get(0).messageId()), silent, "only the first submit_sm to Bob went unanswered");
        assertTrue(retriedAfter >= 9_000, "retried " + retriedAfter + " ms after sending, not before the 10 s timer");
        // the phone may get both (the SMSC may deliver what it never answered): one transaction, one message
        assertSameNotification(accepted(smsc, BOB).get(1).pdu());
        // the answered retry is the notification the gateway knows about: its id is the one recorded
        assertFalse(toBob.get(1).messageId().isEmpty());
        assertEquals(messageId, gateway.store().findSegment(SmscIds.key(toBob.get(1).messageId())).orElseThrow()
                .messageId());
        assertTrue(gateway.store().findSegment(SmscIds.key(toBob.get(0).messageId())).isEmpty(),
                "the id of an unanswered submit_sm the gateway never learnt");
        assertEquals(2, accepted(smsc, BOB).size(), "pushes the SMSC took for Bob, the unanswered one included");
        assertEquals(1, toBob.stream().filter(s -> s.accepted() && !silent.contains(s.messageId())).count(),
                "submit_sm to Bob answered with a message id");
        assertEquals(List.of(), accepted(smsc, ALICE), "no failure report for a timeout");
        assertEquals(RecipientState.NOTIFIED, state(gateway.store(), messageId, plmn(BOB)));
        assertEquals(0, gateway.broker().depth("DLQ"), "dead letters");
    }

    /** Every push the SMSC got for Bob, refused or not, is this notification again (a retry, not a new one). */
    private void assertSameNotification(MmsPdu notification) {
        List<MmsPdu> all = TestPhone.pushesFor(smsc, BOB).stream().map(p -> p.pdu()).toList();
        assertEquals(2, all.size(), "pushes sent to Bob");
        for (MmsPdu pdu : all) {
            assertEquals(MessageType.NOTIFICATION_IND, pdu.messageType());
            assertEquals(notification.transactionId(), pdu.transactionId(), "transaction id of every attempt");
            assertEquals(notification.text(MmsField.CONTENT_LOCATION), pdu.text(MmsField.CONTENT_LOCATION));
        }
    }
}
