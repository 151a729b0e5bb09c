package org.mmsgw.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmsgw.gateway.e2e.Pushes.accepted;
import static org.mmsgw.gateway.e2e.Pushes.assertOk;
import static org.mmsgw.gateway.e2e.Pushes.awaitPushes;
import static org.mmsgw.gateway.e2e.Pushes.awaitState;
import static org.mmsgw.gateway.e2e.Pushes.plmn;
import static org.mmsgw.gateway.e2e.Pushes.sendReq;
import static org.mmsgw.gateway.e2e.Pushes.settle;
import static org.mmsgw.gateway.e2e.Pushes.state;
import static org.mmsgw.gateway.e2e.Pushes.submitsTo;
import static org.mmsgw.gateway.e2e.Pushes.withDeliveryReport;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.mmsgw.codec.mms.MessageType;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.codec.multipart.Part;
import org.mmsgw.gateway.fixtures.TestSmsc;
import org.mmsgw.gateway.fixtures.WapPushDelivery;
import org.mmsgw.processors.store.RecipientState;

/**
 * One MMS to three phones, one of which the SMSC refuses for good (ESME_RINVDSTADR): the others are
 * notified, the sender gets a failure report for the refused one.
 */
class RecipientsTest extends GatewayTest {
    private static final String ALICE = "+491701111111";
    private static final String BOB = "+491702222222";
    private static final String CAROL = "+491703333333";
    private static final String DAVE = "+491704444444";

    // one delivery consumer: the hand-offs reach the SMSC in recipient order, so the status queued
    // with respondWith answers the first recipient's first segment (TestSmsc cannot filter by number)
    @Override
    Map<String, String> settings() {
        return Map.of("gateway.smpp.consumers", "1");
    }

    @Test
    void refusedRecipientIsReportedUnreachableAndTheOthersAreNotified() throws Exception {
        smsc.respondWith(TestSmsc.INVALID_DESTINATION, 1);
        MmsPdu sendReq = withDeliveryReport(sendReq("R-1", List.of(CAROL, BOB, DAVE), "For all of you",
                Part.text("<text>", "text.txt", "hello all")));

        String messageId = assertOk(gateway.phone(ALICE).send(sendReq));

        MmsPdu bobs = awaitPushes(smsc, BOB, 1).get(0).pdu();
        MmsPdu daves = awaitPushes(smsc, DAVE, 1).get(0).pdu();
        assertEquals(MessageType.NOTIFICATION_IND, bobs.messageType());
        assertEquals(MessageType.NOTIFICATION_IND, daves.messageType());

        TestSmsc.Submit first = smsc.submits().get(0);
        assertTrue(first.isTo(CAROL), "the refused status went to Carol's push: " + first.destination());
        assertEquals(0x0B, first.commandStatus());

        MmsPdu report = awaitPushes(smsc, ALICE, 1).get(0).pdu();
        assertEquals(MessageType.DELIVERY_IND, report.messageType());
        assertEquals(messageId, report.text(MmsField.MESSAGE_ID).orElseThrow());
        assertEquals(List.of(plmn(CAROL)), report.texts(MmsField.TO));
        assertEquals(7, report.token(MmsField.STATUS).orElseThrow(), "X-Mms-Status Unreachable");

        assertEquals(RecipientState.UNREACHABLE, state(gateway.store(), messageId, plmn(CAROL)));
        assertEquals(RecipientState.NOTIFIED, state(gateway.store(), messageId, plmn(BOB)));
        assertEquals(RecipientState.NOTIFIED, state(gateway.store(), messageId, plmn(DAVE)));

        // a permanent refusal is not retried, and nothing else goes twice
        settle();
        assertEquals(1, submitsTo(smsc, CAROL).size(), "submit_sm to Carol");
        assertEquals(List.of(), accepted(smsc, CAROL));
        assertEquals(1, accepted(smsc, BOB).size());
        assertEquals(1, accepted(smsc, DAVE).size());
        assertEquals(1, accepted(smsc, ALICE).size());
        assertEquals(0, gateway.broker().depth("DLQ"), "dead letters");

        // the two notified phones fetch; the sender then has three reports in all
        for (MmsPdu n : List.of(bobs, daves)) {
            String phone = n == bobs ? BOB : DAVE;
            MmsPdu retrieved = gateway.phone(phone).retrieve(n.text(MmsField.CONTENT_LOCATION).orElseThrow());
            assertEquals(messageId, retrieved.text(MmsField.MESSAGE_ID).orElseThrow());
            assertEquals(List.of(plmn(CAROL), plmn(BOB), plmn(DAVE)), retrieved.texts(MmsField.TO));
            gateway.phone(phone).notifyResp(n.transactionId().orElseThrow(), "Retrieved");
        }
        awaitState(gateway.store(), messageId, plmn(DAVE), RecipientState.RETRIEVED);
        List<WapPushDelivery> reports = awaitPushes(smsc, ALICE, 3);
        Map<String, Integer> statusByRecipient = reports.stream().map(WapPushDelivery::pdu).collect(Collectors.toMap(
                r -> r.texts(MmsField.TO).get(0), r -> r.token(MmsField.STATUS).orElseThrow()));
        assertEquals(Map.of(plmn(CAROL), 7, plmn(BOB), 1, plmn(DAVE), 1), statusByRecipient);
        assertEquals(Set.of(messageId), reports.stream().map(r -> r.pdu().text(MmsField.MESSAGE_ID).orElseThrow())
                .collect(Collectors.toSet()));
    }
}
