package org.mmsgw.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.mmsgw.gateway.e2e.Pushes.assertOk;
import static org.mmsgw.gateway.e2e.Pushes.accepted;
import static org.mmsgw.gateway.e2e.Pushes.awaitPushes;
import static org.mmsgw.gateway.e2e.Pushes.awaitState;
import static org.mmsgw.gateway.e2e.Pushes.awaitUntil;
import static org.mmsgw.gateway.e2e.Pushes.plmn;
import static org.mmsgw.gateway.e2e.Pushes.settle;
import static org.mmsgw.gateway.e2e.Pushes.state;
import static org.mmsgw.gateway.e2e.Pushes.submitsTo;
import static org.mmsgw.gateway.e2e.Pushes.withDeliveryReport;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mmsgw.codec.mms.MessageType;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.codec.multipart.Part;
import org.mmsgw.gateway.fixtures.TestPhone;
import org.mmsgw.gateway.fixtures.TestSmsc;
import org.mmsgw.gateway.fixtures.WapPushDelivery;
import org.mmsgw.processors.inbound.SmscIds;
import org.mmsgw.processors.store.SegmentRef;
import org.mmsgw.processors.store.RecipientState;

/**
 * Every notification segment asks the SMSC for a delivery receipt and is sent as binary SMS with a UDH
 * (SMPP 3.4 §5.2.12, §5.2.17, §5.2.19), and its SMSC message id is recorded against the message and
 * recipient so that the receipt can be matched; report pushes to the sender are not recorded.
 */
class SegmentRecordsTest extends GatewayTest {
    private static final String ALICE = "+491701111111";
    private static final String BOB = "+491702222222";

    @Test
    void singleSegmentNotificationAsksForAReceiptAndItsIdIsRecorded() throws Exception {
        String messageId = assertOk(gateway.phone(ALICE).send(TestPhone.typicalSendReq("G-1", BOB, "One", "short")));
        WapPushDelivery push = awaitPushes(smsc, BOB, 1).get(0);
        awaitState(gateway.store(), messageId, plmn(BOB), RecipientState.NOTIFIED);

        assertEquals(1, push.segments().size(), "segments of a short notification");
        TestSmsc.Submit segment = push.segments().get(0);
        assertSubmitFields(segment);
        assertEquals(Optional.of(new SegmentRef(messageId, plmn(BOB))),
                gateway.store().findSegment(SmscIds.key(segment.messageId())));
        assertEquals(List.of(new SegmentRef(messageId, plmn(BOB))), gateway.store().segments(messageId, plmn(BOB)));
    }

    @Test
    void bothSegmentsOfATwoSegmentNotificationAreRecorded() throws Exception {
        String subject = "Photos from the summer holiday at the lake, day one (of seven)";
        String messageId = assertOk(gateway.phone(ALICE).send(TestPhone.typicalSendReq("G-2", BOB, subject, "lake")));
        WapPushDelivery push = awaitPushes(smsc, BOB, 1).get(0);
        awaitState(gateway.store(), messageId, plmn(BOB), RecipientState.NOTIFIED);

        assertEquals(2, push.segments().size(), "segments of a long notification");
        assertEquals(subject, push.pdu().text(MmsField.SUBJECT).orElseThrow());
        for (TestSmsc.Submit segment : push.segments()) {
            assertSubmitFields(segment);
            assertEquals(Optional.of(new SegmentRef(messageId, plmn(BOB))),
                    gateway.store().findSegment(SmscIds.key(segment.messageId())), "segment " + segment.messageId());
        }
        assertFalse(push.segments().get(0).messageId().equals(push.segments().get(1).messageId()));
        assertEquals(2, gateway.store().segments(messageId, plmn(BOB)).size(), "segments recorded for Bob");
    }

    /**
     * The SMSC takes the first segment and refuses the second for now: the push is tried again later, and
     * the first attempt's accepted segment stays recorded, so its receipt still finds the message. Once
     * for a message to Bob alone (pushed by the routing step, which hands it on after the failure) and
     * once for a message to Bob and a mail address (Bob's push a hand-off of its own, rolled back). It is
     * recorded as stray: when the SMSC then reports it undeliverable, the retried push still decides.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"alone", "with a mail recipient"})
    void aSegmentTheSmscTookBeforeTheRestOfThePushFailedStaysRecorded(String recipients) throws Exception {
        String subject = "Photos from the summer holiday at the lake, day two (of seven)";
        List<String> to = recipients.equals("alone") ? List.of(BOB) : List.of(BOB, "carol@example.org");
        smsc.respondWith(0, 1);
        smsc.respondWith(0x14, 1); // ESME_RMSGQFUL: try again later
        String messageId = assertOk(gateway.phone(ALICE).send(
                Pushes.sendReq("G-4", to, subject, Part.text("<t>", "t.txt", "lake"))));
        awaitState(gateway.store(), messageId, plmn(BOB), RecipientState.NOTIFIED);

        List<TestSmsc.Submit> toBob = smsc.submits().stream().filter(s -> s.isTo(BOB)).toList();
        assertEquals(List.of(0, 0x14, 0, 0), toBob.stream().map(TestSmsc.Submit::commandStatus).toList(),
                "command_status of the submit_sm to Bob, in order");
        TestSmsc.Submit takenFirst = toBob.get(0);
        assertEquals(Optional.of(new SegmentRef(messageId, plmn(BOB), "", true)),
                gateway.store().findSegment(SmscIds.key(takenFirst.messageId())), "the first attempt's segment, stray");
        for (TestSmsc.Submit retried : toBob.subList(2, 4)) {
            assertEquals(Optional.of(new SegmentRef(messageId, plmn(BOB))),
                    gateway.store().findSegment(SmscIds.key(retried.messageId())), "segment " + retried.messageId());
        }
        assertEquals(3, gateway.store().segments(messageId, plmn(BOB)).size(), "segments recorded for Bob");

        // the first attempt's segment is lost, the retried push arrives: Bob is not unreachable
        assertEquals(0, smsc.sendDeliveryReceipt(takenFirst, "UNDELIV", 1));
        awaitUntil("the stray segment's receipt recorded", () -> gateway.store()
                .findSegment(SmscIds.key(takenFirst.messageId())).map(SegmentRef::receipt).orElse("").equals("UNDELIV"));
        for (TestSmsc.Submit retried : toBob.subList(2, 4)) {
            assertEquals(0, smsc.sendDeliveryReceipt(retried, "DELIVRD", 0));
        }
        awaitState(gateway.store(), messageId, plmn(BOB), RecipientState.PUSHED);
    }

    /**
     * The first attempt's segment 1 taken, segment 2 refused for now; the retry refused for good
     * (ESME_RX_P_APPN): Bob is unreachable, with one report to Alice, and the stray segment's receipt
     * (undeliverable) afterwards brings no second report.
     */
    @Test
    void aStraySegmentsReceiptChangesNothingOnceTheRetryWasRefusedForGood() throws Exception {
        String subject = "Photos from the summer holiday at the lake, day three (of seven)";
        smsc.respondWith(0, 1);
        smsc.respondWith(0x14, 1); // ESME_RMSGQFUL: try again later
        smsc.respondWith(0x65, 1); // ESME_RX_P_APPN: permanent
        String messageId = assertOk(gateway.phone(ALICE).send(withDeliveryReport(
                Pushes.sendReq("G-5", List.of(BOB), subject, Part.text("<t>", "t.txt", "lake")))));
        MmsPdu report = awaitPushes(smsc, ALICE, 1).get(0).pdu();
        assertEquals(7, report.token(MmsField.STATUS).orElseThrow(), "X-Mms-Status Unreachable");
        awaitState(gateway.store(), messageId, plmn(BOB), RecipientState.UNREACHABLE);
        List<TestSmsc.Submit> toBob = submitsTo(smsc, BOB);
        assertEquals(List.of(0, 0x14, 0x65), toBob.stream().map(TestSmsc.Submit::commandStatus).toList(),
                "command_status of the submit_sm to Bob, in order");
        TestSmsc.Submit stray = toBob.get(0);
        assertEquals(Optional.of(new SegmentRef(messageId, plmn(BOB), "", true)),
                gateway.store().findSegment(SmscIds.key(stray.messageId())));

        assertEquals(0, smsc.sendDeliveryReceipt(stray, "UNDELIV", 1));
        awaitUntil("the stray segment's receipt recorded", () -> gateway.store()
                .findSegment(SmscIds.key(stray.messageId())).map(SegmentRef::receipt).orElse("").equals("UNDELIV"));
        settle();
        assertEquals(RecipientState.UNREACHABLE, state(gateway.store(), messageId, plmn(BOB)));
        assertEquals(1, accepted(smsc, ALICE).size(), "one report to Alice");
    }

    @Test
    void reportPushToTheSenderIsNotRecordedAgainstTheRecipient() throws Exception {
        String messageId = assertOk(gateway.phone(ALICE).send(
                withDeliveryReport(TestPhone.typicalSendReq("G-3", BOB, "Report", "tell me"))));
        MmsPdu notification = awaitPushes(smsc, BOB, 1).get(0).pdu();
        awaitState(gateway.store(), messageId, plmn(BOB), RecipientState.NOTIFIED);
        TestPhone bob = gateway.phone(BOB);
        bob.retrieve(notification.text(MmsField.CONTENT_LOCATION).orElseThrow());
        bob.notifyResp(notification.transactionId().orElseThrow(), "Retrieved");

        WapPushDelivery report = awaitPushes(smsc, ALICE, 1).get(0);
        assertEquals(MessageType.DELIVERY_IND, report.pdu().messageType());
        // the report's transaction is over once nothing is left on the reports queue
        awaitUntil("reports queue drained", () -> gateway.broker().depth("mms.reports") == 0);

        for (TestSmsc.Submit segment : report.segments()) {
            assertSubmitFields(segment);
            assertEquals(Optional.empty(), gateway.store().findSegment(SmscIds.key(segment.messageId())),
                    "report segment " + segment.messageId());
        }
        assertEquals(List.of(new SegmentRef(messageId, plmn(BOB))), gateway.store().segments(messageId, plmn(BOB)),
                "only Bob's notification segment");
        assertEquals(List.of(), gateway.store().segments(messageId, plmn(ALICE)), "segments recorded for Alice");
    }

    /** registered_delivery 1 (SMSC delivery receipt on success and failure), esm_class UDHI, data_coding 8-bit. */
    private static void assertSubmitFields(TestSmsc.Submit segment) {
        assertEquals(0, segment.commandStatus());
        assertFalse(segment.messageId().isEmpty());
        assertEquals(0x01, segment.registeredDelivery(), "registered_delivery of " + segment.messageId());
        assertEquals(0x40, segment.esmClass(), "esm_class of " + segment.messageId());
        assertEquals(0x04, segment.dataCoding(), "data_coding of " + segment.messageId());
    }
}
