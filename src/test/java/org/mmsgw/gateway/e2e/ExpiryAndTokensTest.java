package org.mmsgw.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.mmsgw.gateway.e2e.Pushes.assertOk;
import static org.mmsgw.gateway.e2e.Pushes.awaitPushes;
import static org.mmsgw.gateway.e2e.Pushes.awaitState;
import static org.mmsgw.gateway.e2e.Pushes.plmn;
import static org.mmsgw.gateway.e2e.Pushes.state;
import static org.mmsgw.gateway.e2e.Pushes.withDeliveryReport;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmsgw.codec.mms.MessageType;
import org.mmsgw.codec.mms.MmsDecoder;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.gateway.fixtures.TestPhone;
import org.mmsgw.gateway.fixtures.TestSmsc;
import org.mmsgw.processors.store.RecipientState;

/** Expiry of an unretrieved message, and retrieval URLs that must lead nowhere. */
class ExpiryAndTokensTest {
    private static final String ALICE = "+491701111111";
    private static final String BOB = "+491702222222";
    private static final String CAROL = "+491703333333";
    /** X-Mms-Retrieve-Status Error-permanent-service-denied and Error-permanent-message-not-found. */
    private static final int SERVICE_DENIED = 0x61;
    private static final int MESSAGE_NOT_FOUND = 0x62;

    @TempDir
    Path data;
    TestSmsc smsc;
    RunningGateway gateway;

    @BeforeEach
    void openSmsc() {
        smsc = TestSmsc.open();
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        smsc.close();
    }

    @Test
    void unretrievedMessageExpiresWithAReportAndIsNoLongerServed() throws Exception {
        gateway = RunningGateway.start(data, smsc.port(), Map.of("gateway.expiry.default", "PT2S",
                "gateway.expiry.max", "PT2S", "gateway.housekeeping.period", "300"));
        TestPhone bob = gateway.phone(BOB);
        String messageId = assertOk(gateway.phone(ALICE).send(
                withDeliveryReport(TestPhone.typicalSendReq("E-1", BOB, "Soon gone", "expires"))));
        MmsPdu notification = awaitPushes(smsc, BOB, 1).get(0).pdu();
        String location = notification.text(MmsField.CONTENT_LOCATION).orElseThrow();

        MmsPdu report = awaitPushes(smsc, ALICE, 1).get(0).pdu();
        assertEquals(MessageType.DELIVERY_IND, report.messageType());
        assertEquals(messageId, report.text(MmsField.MESSAGE_ID).orElseThrow());
        assertEquals(List.of(plmn(BOB)), report.texts(MmsField.TO));
        assertEquals(0, report.token(MmsField.STATUS).orElseThrow(), "X-Mms-Status Expired");
        assertEquals(RecipientState.EXPIRED, state(gateway.store(), messageId, plmn(BOB)));

        assertRetrieveError(bob.fetch(location), 404, MESSAGE_NOT_FOUND);

        // a late notifyresp cannot undo the expiry, nor cause a second report
        bob.notifyResp(notification.transactionId().orElseThrow(), "Retrieved");
        assertEquals(RecipientState.EXPIRED, state(gateway.store(), messageId, plmn(BOB)));
        Pushes.settle();
        assertEquals(1, Pushes.accepted(smsc, ALICE).size(), "reports to the sender");
    }

    @Test
    void unknownTokenIsNotFound() throws Exception {
        gateway = RunningGateway.start(data, smsc.port());
        TestPhone bob = gateway.phone(BOB);
        assertRetrieveError(bob.fetch("/mms/AAAAAAAAAAAAAAAAAAAAAA"), 404, MESSAGE_NOT_FOUND);
        assertRetrieveError(bob.fetch("/mms/no-such-token"), 404, MESSAGE_NOT_FOUND);
        assertRetrieveError(bob.fetch("/mms/"), 404, MESSAGE_NOT_FOUND);
    }

    @Test
    void anotherPhoneIsDeniedAndTheRecipientStillRetrieves() throws Exception {
        gateway = RunningGateway.start(data, smsc.port());
        String messageId = assertOk(gateway.phone(ALICE).send(TestPhone.typicalSendReq("E-2", BOB, "Private", "for Bob")));
        String location = awaitPushes(smsc, BOB, 1).get(0).pdu().text(MmsField.CONTENT_LOCATION).orElseThrow();

        HttpResponse<byte[]> carols = gateway.phone(CAROL).fetch(location);
        MmsPdu denied = assertRetrieveError(carols, 403, SERVICE_DENIED);
        assertFalse(denied.text(MmsField.MESSAGE_ID).isPresent(), "no Message-ID for someone else");
        assertFalse(new String(carols.body(), StandardCharsets.ISO_8859_1).contains("for Bob"), "no content");

        MmsPdu bobs = gateway.phone(BOB).retrieve(location);
        assertEquals(messageId, bobs.text(MmsField.MESSAGE_ID).orElseThrow());
        assertEquals(RecipientState.NOTIFIED, state(gateway.store(), messageId, plmn(BOB)));
    }

    @Test
    void pathsWithDotDotLeadNowhere() throws Exception {
        gateway = RunningGateway.start(data, smsc.port());
        String messageId = assertOk(gateway.phone(ALICE).send(TestPhone.typicalSendReq("E-3", BOB, "Dots", "secret")));
        String location = awaitPushes(smsc, BOB, 1).get(0).pdu().text(MmsField.CONTENT_LOCATION).orElseThrow();
        String token = location.substring(location.lastIndexOf('/') + 1);
        awaitState(gateway.store(), messageId, plmn(BOB), RecipientState.NOTIFIED);

        // the store keeps messages/<id>/content.mms and tokens/<token>: none is reachable by a path
        List<String> targets = List.of(
                "/mms/../messages/" + messageId,
                "/mms/../store/messages/" + messageId + "/content.mms",
                "/mms/" + token + "/..",
                "/mms/" + token + "/../..",
                "/mms/..%2Fmessages%2F" + messageId + "%2Fcontent.mms",
                "/mms/%2e%2e/%2e%2e/store/tokens/" + token + "%00",
                "/mms/../../../../../../etc/passwd",
                "/mms/..");
        for (String target : targets) {
            RawHttp.Response response = RawHttp.exchange(gateway.baseUrl(), "GET", target,
                    Map.of("X-MSISDN", BOB), null);
            assertEquals(404, response.status(), "GET " + target);
            assertFalse(response.text().contains("secret"), "content leaked for GET " + target);
            if (response.header("Content-Type").orElse("").startsWith(TestPhone.MMS_MESSAGE)) {
                MmsPdu conf = new MmsDecoder().decode(response.body());
                assertEquals(MESSAGE_NOT_FOUND, conf.token(MmsField.RETRIEVE_STATUS).orElseThrow(), "GET " + target);
            }
        }
        // and the message itself is still there for its recipient
        assertEquals(messageId, gateway.phone(BOB).retrieve(location).text(MmsField.MESSAGE_ID).orElseThrow());
    }

    private static MmsPdu assertRetrieveError(HttpResponse<byte[]> response, int httpStatus, int retrieveStatus) {
        assertEquals(httpStatus, response.statusCode(), "HTTP status of " + response.uri());
        MmsPdu conf = new MmsDecoder().decode(response.body());
        assertEquals(MessageType.RETRIEVE_CONF, conf.messageType());
        assertEquals(retrieveStatus, conf.token(MmsField.RETRIEVE_STATUS).orElseThrow(),
                "X-Mms-Retrieve-Status of " + response.uri());
        return conf;
    }
}
