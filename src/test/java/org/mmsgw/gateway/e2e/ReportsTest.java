package org.mmsgw.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmsgw.gateway.e2e.Pushes.accepted;
import static org.mmsgw.gateway.e2e.Pushes.assertOk;
import static org.mmsgw.gateway.e2e.Pushes.awaitPushes;
import static org.mmsgw.gateway.e2e.Pushes.awaitState;
import static org.mmsgw.gateway.e2e.Pushes.awaitUntil;
import static org.mmsgw.gateway.e2e.Pushes.plmn;
import static org.mmsgw.gateway.e2e.Pushes.sendReq;
import static org.mmsgw.gateway.e2e.Pushes.settle;
import static org.mmsgw.gateway.e2e.Pushes.withDeliveryReport;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mmsgw.codec.mms.MessageType;
import org.mmsgw.codec.mms.MmsEncoder;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.codec.mms.MmsPdus;
import org.mmsgw.codec.mms.TokenTable;
import org.mmsgw.codec.multipart.Part;
import org.mmsgw.codec.wsp.Header;
import org.mmsgw.codec.wsp.HeaderValue;
import org.mmsgw.gateway.fixtures.TestPhone;
import org.mmsgw.processors.store.RecipientState;

/**
 * What the recipient's phone says reaches the sender as it should (OMA-MMS-ENC §6.2, §6.6): a rejected
 * notification is a Rejected delivery report, X-Mms-Report-Allowed: No withholds the report, and a sender
 * that asked to be hidden (X-Mms-Sender-Visibility: Hide) is named neither in the notification nor in
 * the retrieved message.
 */
class ReportsTest extends GatewayTest {
    private static final String ALICE = "+491701111111";
    private static final String BOB = "+491702222222";
    private static final String CAROL = "+491703333333";

    @Test
    void rejectedNotificationGivesTheSenderARejectedDeliveryReport() throws Exception {
        String messageId = assertOk(gateway.phone(ALICE).send(
                withDeliveryReport(TestPhone.typicalSendReq("R-1", BOB, "Unwanted", "no thanks"))));
        MmsPdu notification = awaitPushes(smsc, BOB, 1).get(0).pdu();

        gateway.phone(BOB).notifyResp(notification.transactionId().orElseThrow(), "Rejected");

        MmsPdu report = awaitPushes(smsc, ALICE, 1).get(0).pdu();
        assertEquals(MessageType.DELIVERY_IND, report.messageType());
        assertEquals(messageId, report.text(MmsField.MESSAGE_ID).orElseThrow());
        assertEquals(List.of(plmn(BOB)), report.texts(MmsField.TO));
        assertEquals(2, report.token(MmsField.STATUS).orElseThrow(), "X-Mms-Status Rejected");
        assertEquals(RecipientState.REJECTED, Pushes.state(gateway.store(), messageId, plmn(BOB)));
        // a rejected message is not fetched any more
        assertEquals(404, gateway.phone(BOB).fetch(notification.text(MmsField.CONTENT_LOCATION).orElseThrow())
                .statusCode());
        settle();
        assertEquals(1, accepted(smsc, ALICE).size(), "reports to Alice");
        assertEquals(1, accepted(smsc, BOB).size(), "notifications to Bob");
    }

    @Test
    void hiddenSenderIsNamedNeitherInTheNotificationNorInTheRetrievedMessage() throws Exception {
        MmsPdu hidden = withVisibility(TestPhone.typicalSendReq("V-1", BOB, "Guess who", "secret"), 0);
        assertEquals("Hide", TokenTable.SENDER_VISIBILITY.name(0));
        assertTrue(HexFormat.of().formatHex(new MmsEncoder().encode(hidden)).contains("9480"),
                "X-Mms-Sender-Visibility (0x94) Hide (0x80) on the wire");
        // the same message with Show, to another phone: there the sender is named
        MmsPdu shown = withVisibility(TestPhone.typicalSendReq("V-2", CAROL, "It is me", "hello"), 1);
        assertEquals("Show", TokenTable.SENDER_VISIBILITY.name(1));

        String hiddenId = assertOk(gateway.phone(ALICE).send(hidden));
        String shownId = assertOk(gateway.phone(ALICE).send(shown));

        MmsPdu toBob = awaitPushes(smsc, BOB, 1).get(0).pdu();
        MmsPdu toCarol = awaitPushes(smsc, CAROL, 1).get(0).pdu();
        assertEquals(MessageType.NOTIFICATION_IND, toBob.messageType());
        assertEquals(List.of(), toBob.all(MmsField.FROM), "From in the notification of a hidden sender");
        assertEquals("Guess who", toBob.text(MmsField.SUBJECT).orElseThrow());
        assertEquals(plmn(ALICE), toCarol.from().orElseThrow(), "From in the notification of a shown sender");

        MmsPdu bobs = gateway.phone(BOB).retrieve(toBob.text(MmsField.CONTENT_LOCATION).orElseThrow());
        assertEquals(hiddenId, bobs.text(MmsField.MESSAGE_ID).orElseThrow());
        assertEquals(List.of(), bobs.all(MmsField.FROM), "From in the m-retrieve-conf of a hidden sender");
        String headers = bobs.headers().toString();
        assertTrue(!headers.contains("491701111111"), "the sender's number anywhere in the headers: " + headers);
        MmsPdu carols = gateway.phone(CAROL).retrieve(toCarol.text(MmsField.CONTENT_LOCATION).orElseThrow());
        assertEquals(shownId, carols.text(MmsField.MESSAGE_ID).orElseThrow());
        assertEquals(plmn(ALICE), carols.from().orElseThrow(), "From in the m-retrieve-conf of a shown sender");
    }

    @Test
    void reportAllowedNoWithholdsTheDeliveryReport() throws Exception {
        // to two phones: Bob forbids the report, Carol allows it, so the gateway is seen to send reports
        String messageId = assertOk(gateway.phone(ALICE).send(withDeliveryReport(sendReq("N-1", List.of(BOB, CAROL),
                "Report me", Part.text("<t>", "t.txt", "did you get it?")))));
        MmsPdu toBob = awaitPushes(smsc, BOB, 1).get(0).pdu();
        MmsPdu toCarol = awaitPushes(smsc, CAROL, 1).get(0).pdu();

        gateway.phone(BOB).retrieve(toBob.text(MmsField.CONTENT_LOCATION).orElseThrow());
        HttpResponse<byte[]> answer = gateway.phone(BOB).post(
                MmsPdus.notifyRespInd(toBob.transactionId().orElseThrow(), "Retrieved", false));
        assertEquals(204, answer.statusCode(), "m-notifyresp-ind with Report-Allowed No");
        awaitState(gateway.store(), messageId, plmn(BOB), RecipientState.RETRIEVED);
        awaitUntil("reports queue drained", () -> gateway.broker().depth("mms.reports") == 0);

        gateway.phone(CAROL).retrieve(toCarol.text(MmsField.CONTENT_LOCATION).orElseThrow());
        gateway.phone(CAROL).notifyResp(toCarol.transactionId().orElseThrow(), "Retrieved");
        MmsPdu report = awaitPushes(smsc, ALICE, 1).get(0).pdu();
        settle();

        assertEquals(1, accepted(smsc, ALICE).size(), "reports to Alice: only Carol's");
        assertEquals(MessageType.DELIVERY_IND, report.messageType());
        assertEquals(messageId, report.text(MmsField.MESSAGE_ID).orElseThrow());
        assertEquals(List.of(plmn(CAROL)), report.texts(MmsField.TO));
        assertEquals(1, report.token(MmsField.STATUS).orElseThrow(), "Retrieved");
        assertEquals(RecipientState.RETRIEVED, Pushes.state(gateway.store(), messageId, plmn(CAROL)));
    }

    /** The m-send-req with X-Mms-Sender-Visibility: 0 Hide, 1 Show (codes without the 0x80 bit). */
    private static MmsPdu withVisibility(MmsPdu pdu, int token) {
        List<Header> headers = new ArrayList<>(pdu.headers());
        headers.add(new Header(MmsField.SENDER_VISIBILITY.code(), MmsField.SENDER_VISIBILITY.specName(),
                new HeaderValue.Token(token)));
        return pdu.withHeaders(headers);
    }
}
