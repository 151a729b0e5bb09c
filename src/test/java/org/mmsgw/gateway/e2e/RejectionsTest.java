package org.mmsgw.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmsgw.gateway.e2e.Pushes.assertOk;
import static org.mmsgw.gateway.e2e.Pushes.awaitPushes;
import static org.mmsgw.gateway.e2e.Pushes.awaitUntil;
import static org.mmsgw.gateway.e2e.Pushes.sendReq;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmsgw.codec.mms.MessageType;
import org.mmsgw.codec.mms.MmsDecoder;
import org.mmsgw.codec.mms.MmsEncoder;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.codec.mms.MmsPdus;
import org.mmsgw.codec.multipart.Part;
import org.mmsgw.codec.wsp.ContentType;
import org.mmsgw.gateway.fixtures.TestPhone;
import org.mmsgw.gateway.fixtures.TestSmsc;

/**
 * Every way a submission is refused answers the right m-send-conf X-Mms-Response-Status (OMA-MMS-ENC
 * §7.3.48, codes without the 0x80 bit) or, for requests that are not MMS requests at all, the right HTTP
 * status; and a refused message leaves nothing behind: nothing stored, queued or sent to the SMSC.
 */
class RejectionsTest {
    private static final String ALICE = "+491701111111";
    private static final String BOB = "+491702222222";
    private static final String CAROL = "+491703333333";
    private static final String DAVE = "+491704444444";
    private static final int MAX_SIZE = 2000;
    private static final int MAX_BODY = 100_000;

    @TempDir
    static Path data;
    static TestSmsc smsc;
    static RunningGateway gateway;
    /** Numbers and message ids of the valid messages sent after each refusal to prove nothing else went through. */
    static final Set<String> markerNumbers = new HashSet<>();
    static final Set<String> markerIds = new HashSet<>();
    static int markers;

    @BeforeAll
    static void start() throws Exception {
        smsc = TestSmsc.open();
        gateway = RunningGateway.start(data, smsc.port(), Map.of("gateway.mms.max-size", String.valueOf(MAX_SIZE),
                "gateway.mms.max-recipients", "2", "gateway.http.max-body", String.valueOf(MAX_BODY)));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        smsc.close();
    }

    @AfterEach
    void nothingKeptOrSent() throws Exception {
        assertNothingKeptOrSent(gateway, smsc, data, Map.of("X-MSISDN", ALICE));
    }

    @Test
    void truncatedPduIsFormatCorrupt() {
        byte[] whole = new MmsEncoder().encode(TestPhone.typicalSendReq("X-1", BOB, "cut", "cut short"));
        byte[] truncated = Arrays.copyOf(whole, whole.length / 2);
        MmsPdu conf = sendConf(postMms(Map.of("X-MSISDN", ALICE), truncated));
        assertStatus(0x62, conf);
        assertEquals("X-1", conf.transactionId().orElseThrow(), "the transaction id is echoed");
    }

    @Test
    void retrieveConfAndDeliveryIndAreUnsupported() {
        TestPhone alice = gateway.phone(ALICE);
        MmsPdu retrieveConf = MmsPdus.retrieveConf("X-2", "mid-1", 1_700_000_000L, TestPhone.DEFAULT_MSISDN_HEADER,
                ContentType.of("text/plain"), org.mmsgw.codec.multipart.Body.of("hi".getBytes(StandardCharsets.US_ASCII)))
                .build();
        assertStatus(0x08, decode(alice.post(retrieveConf).body()));
        assertStatus(0x08, decode(alice.post(MmsPdus.deliveryInd("mid-1", Pushes.plmn(BOB), 1_700_000_000L,
                "Retrieved")).body()));
    }

    @Test
    void senderWithoutMsisdnOrCredentialsIsUnresolved() {
        byte[] pdu = new MmsEncoder().encode(TestPhone.typicalSendReq("X-3", BOB, "who", "am I"));
        assertStatus(0x63, sendConf(postMms(Map.of(), pdu)));
        String wrong = Base64.getEncoder().encodeToString("alice:guess".getBytes(StandardCharsets.UTF_8));
        assertStatus(0x63, sendConf(postMms(Map.of("Authorization", "Basic " + wrong), pdu)));
    }

    @Test
    void msisdnHeaderFromAnUntrustedAddressIsNotBelieved(@TempDir Path otherData) throws Exception {
        // loopback is not a trusted proxy here, so the X-MSISDN header of every request is ignored
        TestSmsc otherSmsc = TestSmsc.open();
        RunningGateway untrusting = RunningGateway.start(otherData, otherSmsc.port(), Map.of(
                "gateway.mm1.trusted-proxies", "10.11.12.13", "gateway.mm1.accounts", "alice:s3cret:" + ALICE));
        try {
            byte[] pdu = new MmsEncoder().encode(TestPhone.typicalSendReq("X-4", BOB, "trust", "me"));
            MmsPdu conf = decode(RawHttp.exchange(untrusting.baseUrl(), "POST", "/mms",
                    Map.of("Content-Type", TestPhone.MMS_MESSAGE, "X-MSISDN", ALICE), pdu).body());
            assertStatus(0x63, conf);
            // the same gateway takes the account's credentials (the marker is sent with them): the refusal
            // above was about the header
            String basic = Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8));
            String marker = assertNothingKeptOrSent(untrusting, otherSmsc, otherData,
                    Map.of("Authorization", "Basic " + basic));
            assertEquals(Pushes.plmn(ALICE), awaitPushes(otherSmsc, marker, 1).get(0).pdu().from().orElseThrow());
        } finally {
            untrusting.close();
            otherSmsc.close();
        }
    }

    @Test
    void messageOverTwiceTheMaximumSizeIsContentNotAccepted() {
        // a 5 KB image against gateway.mms.max-size 2000
        assertStatus(0x65, gateway.phone(ALICE).send(withImage("X-5", 5 * 1024)));
    }

    @Test
    void messageJustOverTheMaximumSizeIsContentNotAccepted() {
        MmsPdu sendReq = withImage("X-6", MAX_SIZE);
        int size = new MmsEncoder().encode(sendReq).length;
        assertTrue(size > MAX_SIZE && size < 2 * MAX_SIZE, "between the limit and twice it: " + size);
        assertStatus(0x65, gateway.phone(ALICE).send(sendReq));
    }

    @Test
    void executableMediaIsContentNotAccepted() {
        MmsPdu sendReq = sendReq("X-7", List.of(BOB), "tool", Part.text("<t>", "t.txt", "run this"),
                Part.of(ContentType.of("application/x-msdownload"), "<exe>", "setup.exe", new byte[] {'M', 'Z', 0, 0}));
        assertStatus(0x65, gateway.phone(ALICE).send(sendReq));
    }

    @Test
    void tooManyRecipientsIsServiceDenied() {
        MmsPdu sendReq = sendReq("X-8", List.of(BOB, CAROL, DAVE), "crowd", Part.text("<t>", "t.txt", "hi all"));
        assertStatus(0x61, gateway.phone(ALICE).send(sendReq));
    }

    @Test
    void noDeliverableRecipientIsPermanentFailure() {
        MmsPdu sendReq = sendReq("X-9", List.of("foo/TYPE=XYZ"), "nowhere", Part.text("<t>", "t.txt", "lost"));
        assertStatus(0x60, gateway.phone(ALICE).send(sendReq));
    }

    @Test
    void wrongContentTypeIs415() throws Exception {
        byte[] pdu = new MmsEncoder().encode(TestPhone.typicalSendReq("X-10", BOB, "plain", "text"));
        RawHttp.Response response = RawHttp.exchange(gateway.baseUrl(), "POST", "/mms",
                Map.of("Content-Type", "text/plain", "X-MSISDN", ALICE), pdu);
        assertEquals(415, response.status());
        RawHttp.Response none = RawHttp.exchange(gateway.baseUrl(), "POST", "/mms", Map.of("X-MSISDN", ALICE), pdu);
        assertEquals(415, none.status(), "no Content-Type at all");
    }

    @Test
    void bodyOverTheHttpLimitIs413() throws Exception {
        byte[] body = new byte[MAX_BODY + 50_000];
        new Random(7).nextBytes(body);
        body[0] = (byte) 0x8C;
        body[1] = (byte) 0x80;
        RawHttp.Response response = RawHttp.exchange(gateway.baseUrl(), "POST", "/mms",
                Map.of("Content-Type", TestPhone.MMS_MESSAGE, "X-MSISDN", ALICE), body);
        assertEquals(413, response.status());
    }

    @Test
    void putAndDeleteAre405() throws Exception {
        byte[] pdu = new MmsEncoder().encode(TestPhone.typicalSendReq("X-11", BOB, "put", "it here"));
        for (String method : List.of("PUT", "DELETE", "PATCH")) {
            RawHttp.Response response = RawHttp.exchange(gateway.baseUrl(), method, "/mms",
                    Map.of("Content-Type", TestPhone.MMS_MESSAGE, "X-MSISDN", ALICE), method.equals("DELETE") ? null : pdu);
            assertEquals(405, response.status(), method);
        }
    }

    private static MmsPdu withImage(String tid, int imageSize) {
        byte[] image = new byte[imageSize];
        new Random(1).nextBytes(image);
        return sendReq(tid, List.of(BOB), "big", Part.of(ContentType.of("image/jpeg"), "<i>", "i.jpg", image));
    }

    private static RawHttp.Response postMms(Map<String, String> headers, byte[] body) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", TestPhone.MMS_MESSAGE);
        try {
            return RawHttp.exchange(gateway.baseUrl(), "POST", "/mms", all, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MmsPdu sendConf(RawHttp.Response response) {
        assertEquals(200, response.status(), "an m-send-conf comes with HTTP 200");
        assertEquals(TestPhone.MMS_MESSAGE, response.header("Content-Type").orElse(""));
        return decode(response.body());
    }

    private static MmsPdu decode(byte[] body) {
        MmsPdu pdu = new MmsDecoder().decode(body);
        assertEquals(MessageType.SEND_CONF, pdu.messageType());
        return pdu;
    }

    private static void assertStatus(int expected, MmsPdu sendConf) {
        assertEquals(MessageType.SEND_CONF, sendConf.messageType());
        assertEquals(String.format("0x%02X", expected),
                String.format("0x%02X", sendConf.token(MmsField.RESPONSE_STATUS).orElseThrow()),
                "X-Mms-Response-Status; " + sendConf.text(MmsField.RESPONSE_TEXT).orElse(""));
        assertTrue(sendConf.text(MmsField.MESSAGE_ID).isEmpty(), "no Message-ID for a refused message");
    }

    /**
     * Sends a valid marker message and waits until it was pushed and every queue is empty: anything a
     * refusal had queued would have been stored and sent by then. Then only markers may be in the store
     * and at the SMSC.
     */
    private static String assertNothingKeptOrSent(RunningGateway gw, TestSmsc sc, Path dataDir,
            Map<String, String> senderHeaders) throws Exception {
        String marker = "+4917099990" + String.format("%03d", ++markers);
        Map<String, String> headers = new LinkedHashMap<>(senderHeaders);
        headers.put("Content-Type", TestPhone.MMS_MESSAGE);
        String id = assertOk(decode(RawHttp.exchange(gw.baseUrl(), "POST", "/mms", headers,
                new MmsEncoder().encode(TestPhone.typicalSendReq("M-" + markers, marker, "marker", "m"))).body()));
        Set<String> numbers = new HashSet<>(markerNumbers);
        Set<String> ids = new HashSet<>(markerIds);
        if (gw == gateway) {
            markerNumbers.add(marker);
            markerIds.add(id);
            numbers = markerNumbers;
            ids = markerIds;
        } else {
            numbers.clear();
            ids.clear();
            numbers.add(marker);
            ids.add(id);
        }
        awaitPushes(sc, marker, 1);
        awaitUntil("queues drained", () -> Stream.of("mms.submitted", "mms.deliver.mm1", "mms.deliver.mm3",
                "mms.reports", "DLQ").allMatch(q -> gw.broker().depth(q) == 0));
        assertEquals(ids, storedMessageIds(gw), "messages in the store");
        Set<String> sentTo = sc.submits().stream().map(s -> "+" + s.destination().replaceFirst("^\\+", ""))
                .collect(Collectors.toSet());
        assertEquals(numbers, sentTo, "numbers the SMSC got submit_sm for");
        return marker;
    }

    /** Every message the store holds, whatever its kind of store. */
    private static Set<String> storedMessageIds(RunningGateway gw) {
        return new HashSet<>(gw.store().expiredBefore(java.time.Instant.MAX));
    }
}
