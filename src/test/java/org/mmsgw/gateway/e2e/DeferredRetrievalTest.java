package org.mmsgw.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mmsgw.gateway.e2e.Pushes.accepted;
import static org.mmsgw.gateway.e2e.Pushes.assertOk;
import static org.mmsgw.gateway.e2e.Pushes.awaitPushes;
import static org.mmsgw.gateway.e2e.Pushes.awaitUntil;
import static org.mmsgw.gateway.e2e.Pushes.plmn;
import static org.mmsgw.gateway.e2e.Pushes.state;
import static org.mmsgw.gateway.e2e.Pushes.withDeliveryReport;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mmsgw.codec.mms.MessageType;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.codec.mms.MmsPdus;
import org.mmsgw.codec.multipart.Body;
import org.mmsgw.codec.multipart.Part;
import org.mmsgw.gateway.fixtures.TestPhone;
import org.mmsgw.processors.store.RecipientState;

/** Deferred retrieval (OMA-MMS-CTR §8.2): notifyresp Deferred, fetch later, m-acknowledge-ind, delivery report. */
class DeferredRetrievalTest extends GatewayTest {
    private static final String ALICE = "+491701111111";
    private static final String BOB = "+491702222222";
    private static final String CAROL = "+491703333333";


    @Test
    void deferredThenFetchedAndAcknowledgedReportsRetrieved() throws Exception {
        TestPhone bob = gateway.phone(BOB);
        MmsPdu sendReq = withDeliveryReport(TestPhone.typicalSendReq("D-1", BOB, "Later", "read me later"));
        String messageId = assertOk(gateway.phone(ALICE).send(sendReq));
        MmsPdu notification = awaitPushes(smsc, BOB, 1).get(0).pdu();
        String tid = notification.transactionId().orElseThrow();
        String location = notification.text(MmsField.CONTENT_LOCATION).orElseThrow();

        bob.notifyResp(tid, "Deferred");
        assertEquals(204, bob.lastStatus());
        assertEquals(RecipientState.DEFERRED, state(gateway.store(), messageId, plmn(BOB)));
        // Deferred is not final: no report is queued (a wrong one would be on the queue before the 204)
        awaitUntil("reports queue drained", () -> gateway.broker().depth("mms.reports") == 0);
        assertEquals(List.of(), accepted(smsc, ALICE), "no report while deferred");

        // someone else cannot acknowledge Bob's message
        int carolsAck = gateway.phone(CAROL).post(MmsPdus.acknowledgeInd(tid, true)).statusCode();
        assertEquals(403, carolsAck);
        assertEquals(RecipientState.DEFERRED, state(gateway.store(), messageId, plmn(BOB)));

        MmsPdu retrieved = bob.retrieve(location);
        assertEquals(MessageType.RETRIEVE_CONF, retrieved.messageType());
        assertEquals(messageId, retrieved.text(MmsField.MESSAGE_ID).orElseThrow());
        List<Part> parts = ((Body.Multipart) retrieved.body()).parts();
        assertEquals("read me later", parts.get(1).text().orElseThrow());
        assertArrayEquals(TestPhone.tinyGif(), parts.get(2).data().orElseThrow().toByteArray());

        bob.acknowledge(tid);
        assertEquals(204, bob.lastStatus());
        MmsPdu report = awaitPushes(smsc, ALICE, 1).get(0).pdu();
        assertEquals(MessageType.DELIVERY_IND, report.messageType());
        assertEquals(messageId, report.text(MmsField.MESSAGE_ID).orElseThrow());
        assertEquals(List.of(plmn(BOB)), report.texts(MmsField.TO));
        assertEquals(1, report.token(MmsField.STATUS).orElseThrow(), "X-Mms-Status Retrieved");
        assertEquals(RecipientState.RETRIEVED, state(gateway.store(), messageId, plmn(BOB)));
    }

    @Test
    void acknowledgementOfAMessageWithoutDeliveryReportSendsNoReport() throws Exception {
        TestPhone bob = gateway.phone(BOB);
        TestPhone alice = gateway.phone(ALICE);
        String silent = assertOk(alice.send(TestPhone.typicalSendReq("D-2", BOB, "No report", "quiet")));
        MmsPdu silentNotification = awaitPushes(smsc, BOB, 1).get(0).pdu();
        String reported = assertOk(alice.send(withDeliveryReport(
                TestPhone.typicalSendReq("D-3", BOB, "With report", "loud"))));
        MmsPdu reportedNotification = awaitPushes(smsc, BOB, 2).get(1).pdu();
        assertEquals(2, List.of(silentNotification, reportedNotification).stream()
                .map(n -> n.transactionId().orElseThrow()).distinct().count(), "one token each");

        bob.notifyResp(silentNotification.transactionId().orElseThrow(), "Deferred");
        bob.notifyResp(reportedNotification.transactionId().orElseThrow(), "Deferred");
        bob.acknowledge(silentNotification.transactionId().orElseThrow());
        bob.acknowledge(reportedNotification.transactionId().orElseThrow());

        // reports leave one at a time in queue order: once the second is out, a first would have been too
        MmsPdu report = awaitPushes(smsc, ALICE, 1).get(0).pdu();
        assertEquals(reported, report.text(MmsField.MESSAGE_ID).orElseThrow());
        assertEquals(1, report.token(MmsField.STATUS).orElseThrow(), "Retrieved");
        assertEquals(RecipientState.RETRIEVED, state(gateway.store(), silent, plmn(BOB)));
        assertEquals(RecipientState.RETRIEVED, state(gateway.store(), reported, plmn(BOB)));
    }
}
