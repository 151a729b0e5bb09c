package org.mmsgw.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmsgw.gateway.e2e.Pushes.awaitPushes;
import static org.mmsgw.gateway.e2e.Pushes.withDeliveryReport;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mmsgw.codec.mms.MessageType;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.codec.mms.MmsPdus;
import org.mmsgw.codec.multipart.Body;
import org.mmsgw.codec.multipart.Part;
import org.mmsgw.codec.wsp.Header;
import org.mmsgw.codec.wsp.HeaderValue;
import org.mmsgw.gateway.fixtures.TestPhone;
import org.mmsgw.gateway.fixtures.WapPushDelivery;

/** A phone sends an MMS to another phone through the gateway and an independent SMSC. */
class PhoneToPhoneTest extends GatewayTest {
    private static final String ALICE = "+491701111111";
    private static final String BOB = "+491702222222";


    @Test
    void multipartMessageIsNotifiedRetrievedAndReported() throws Exception {
        TestPhone alice = gateway.phone(ALICE);
        TestPhone bob = gateway.phone(BOB);
        MmsPdu sendReq = withDeliveryReport(TestPhone.typicalSendReq("A-1", BOB, "Hello Bob", "Grüße aus Köln"));

        MmsPdu conf = alice.send(sendReq);
        assertEquals(MessageType.SEND_CONF, conf.messageType());
        assertEquals("A-1", conf.transactionId().orElseThrow());
        assertEquals(0, conf.token(MmsField.RESPONSE_STATUS).orElseThrow(), "Ok");
        String messageId = conf.text(MmsField.MESSAGE_ID).orElseThrow();

        List<WapPushDelivery> pushes = awaitPushes(smsc, BOB, 1);
        assertEquals(1, pushes.size());
        MmsPdu notification = pushes.get(0).pdu();
        assertEquals(MessageType.NOTIFICATION_IND, notification.messageType());
        assertEquals(ALICE + "/TYPE=PLMN", notification.from().orElseThrow());
        assertEquals("Hello Bob", notification.text(MmsField.SUBJECT).orElseThrow());
        String location = notification.text(MmsField.CONTENT_LOCATION).orElseThrow();
        assertTrue(location.startsWith(gateway.baseUrl() + "/mms/"), location);

        MmsPdu retrieved = bob.retrieve(location);
        assertEquals(MessageType.RETRIEVE_CONF, retrieved.messageType());
        assertEquals(messageId, retrieved.text(MmsField.MESSAGE_ID).orElseThrow());
        assertEquals(ALICE + "/TYPE=PLMN", retrieved.from().orElseThrow());
        assertEquals("Hello Bob", retrieved.text(MmsField.SUBJECT).orElseThrow());
        List<Part> sent = ((Body.Multipart) sendReq.body()).parts();
        List<Part> got = ((Body.Multipart) retrieved.body()).parts();
        assertEquals(sent.size(), got.size());
        for (int i = 0; i < sent.size(); i++) {
            assertEquals(sent.get(i).contentType(), got.get(i).contentType());
            assertArrayEquals(sent.get(i).data().orElseThrow().toByteArray(), got.get(i).data().orElseThrow().toByteArray(),
                    "part " + i);
        }

        bob.notifyResp(notification.transactionId().orElseThrow(), "Retrieved");
        List<WapPushDelivery> reports = awaitPushes(smsc, ALICE, 1);
        assertEquals(1, reports.size());
        MmsPdu report = reports.get(0).pdu();
        assertEquals(MessageType.DELIVERY_IND, report.messageType());
        assertEquals(messageId, report.text(MmsField.MESSAGE_ID).orElseThrow());
        assertEquals(BOB + "/TYPE=PLMN", report.texts(MmsField.TO).get(0));
        assertEquals(1, report.token(MmsField.STATUS).orElseThrow(), "Retrieved");
        // every recipient is done: the content is gone, what is known about the message stays for receipts
        assertTrue(gateway.store().content(messageId).isEmpty(), "content removed");
        assertTrue(gateway.store().find(messageId).isPresent(), "message record kept until expiry and retention");
    }

    @Test
    void aRetriedSubmissionGetsTheSameAnswerAndMakesOneMessage() throws Exception {
        TestPhone alice = gateway.phone(ALICE);
        MmsPdu sendReq = TestPhone.typicalSendReq("RETRY-1", BOB, "once", "text");
        MmsPdu first = alice.send(sendReq);
        MmsPdu second = alice.send(sendReq);
        assertEquals(first.text(MmsField.MESSAGE_ID).orElseThrow(), second.text(MmsField.MESSAGE_ID).orElseThrow());
        awaitPushes(smsc, BOB, 1);
        Thread.sleep(1500);
        assertEquals(1, TestPhone.pushesFor(smsc, BOB).size(), "one notification");
        // the same transaction id from another phone is another message
        MmsPdu other = gateway.phone("+491703333333").send(sendReq);
        assertTrue(!other.text(MmsField.MESSAGE_ID).orElseThrow().equals(first.text(MmsField.MESSAGE_ID).orElseThrow()));
    }

    @Test
    void readReportFromTheRecipientReachesTheSenderAsReadOrigInd() throws Exception {
        TestPhone alice = gateway.phone(ALICE);
        TestPhone bob = gateway.phone(BOB);
        MmsPdu sendReq = TestPhone.typicalSendReq("A-2", BOB, "Read me", "text");
        List<Header> headers = new ArrayList<>(sendReq.headers());
        headers.add(new Header(MmsField.READ_REPORT.code(), MmsField.READ_REPORT.specName(), new HeaderValue.Token(0)));
        String messageId = alice.send(sendReq.withHeaders(headers)).text(MmsField.MESSAGE_ID).orElseThrow();
        MmsPdu notification = awaitPushes(smsc, BOB, 1).get(0).pdu();
        MmsPdu retrieved = bob.retrieve(notification.text(MmsField.CONTENT_LOCATION).orElseThrow());
        assertEquals(0, retrieved.token(MmsField.READ_REPORT).orElseThrow(), "the phone learns a read report is wanted");
        bob.notifyResp(notification.transactionId().orElseThrow(), "Retrieved");

        var response = bob.post(MmsPdus.readRecInd(messageId, ALICE + "/TYPE=PLMN", BOB + "/TYPE=PLMN", "Read"));
        assertEquals(204, response.statusCode());

        MmsPdu report = awaitPushes(smsc, ALICE, 1).get(0).pdu();
        assertEquals(MessageType.READ_ORIG_IND, report.messageType());
        assertEquals(messageId, report.text(MmsField.MESSAGE_ID).orElseThrow());
        assertEquals(BOB + "/TYPE=PLMN", report.from().orElseThrow());
        assertEquals(ALICE + "/TYPE=PLMN", report.texts(MmsField.TO).get(0));
        assertEquals(0, report.token(MmsField.READ_STATUS).orElseThrow(), "Read");
        // a read report from someone who did not receive the message is refused
        assertEquals(403, gateway.phone("+491709999999")
                .post(MmsPdus.readRecInd(messageId, ALICE + "/TYPE=PLMN", "+491709999999/TYPE=PLMN", "Read"))
                .statusCode());
    }

}
