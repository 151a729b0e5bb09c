package org.mmsgw.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.mmsgw.gateway.e2e.Pushes.assertOk;
import static org.mmsgw.gateway.e2e.Pushes.awaitPushes;
import static org.mmsgw.gateway.e2e.Pushes.awaitState;
import static org.mmsgw.gateway.e2e.Pushes.awaitUntil;
import static org.mmsgw.gateway.e2e.Pushes.plmn;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmsgw.codec.mms.MessageType;
import org.mmsgw.codec.mms.MmsDecoder;
import org.mmsgw.codec.mms.MmsEncoder;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.codec.mms.MmsPdus;
import org.mmsgw.codec.multipart.Body;
import org.mmsgw.codec.multipart.Part;
import org.mmsgw.gateway.fixtures.TestPhone;
import org.mmsgw.gateway.fixtures.TestSmsc;
import org.mmsgw.processors.store.RecipientState;

/**
 * Camel header injection (bad-inputs H-7, H-8; CVE-2025-29891 shape): {@code CamelFileName},
 * {@code org.apache.camel.x}, {@code mail.smtps.ssl.trust}, {@code CamelHttpUri} and
 * {@code CamelBeanMethodName} as request headers, as query parameters and as form fields of the body.
 * Each request is answered as the same request without them, and the message reaches its real
 * recipient and no one else.
 */
class HeaderInjectionMoreTest extends GatewayTest {
    private static final String ALICE = "+491701111111";
    private static final String BOB = "+491702222222";
    private static final String FORM = "application/x-www-form-urlencoded";

    @TempDir
    Path canary;

    private Map<String, String> hostile() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("CamelFileName", canary.resolve("pwned").toString());
        names.put("org.apache.camel.x", "y");
        names.put("mail.smtps.ssl.trust", "*");
        names.put("CamelHttpUri", "http://127.0.0.1:9/steal");
        names.put("CamelBeanMethodName", "delete");
        return names;
    }

    private String formEncoded(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    @Test
    void asRequestHeadersTheyChangeNothing() throws Exception {
        List<Map.Entry<String, String>> extra = new ArrayList<>(hostile().entrySet());
        deliveredAsWithout("/mms", extra, "");
    }

    @Test
    void asQueryParametersTheyChangeNothing() throws Exception {
        deliveredAsWithout("/mms?" + formEncoded(hostile()), List.of(), "?" + formEncoded(hostile()));
    }

    @Test
    void asFormFieldsOfThePostBodyTheyAreRefusedAsAnyFormIs() throws Exception {
        byte[] plainForm = "name=value&other=1".getBytes(StandardCharsets.US_ASCII);
        byte[] hostileForm = formEncoded(hostile()).getBytes(StandardCharsets.US_ASCII);

        RawHttp.Response plain = post("/mms", FORM, List.of(), plainForm);
        RawHttp.Response injected = post("/mms", FORM, List.of(), hostileForm);
        assertEquals(415, plain.status(), "a form is not an MMS");
        assertSameAnswer(plain, injected);
        // the fields also in the query string, and the form posted as if it were an MMS
        assertSameAnswer(plain, post("/mms?" + formEncoded(hostile()), FORM, List.of(), hostileForm));
        RawHttp.Response plainAsMms = post("/mms", TestPhone.MMS_MESSAGE, List.of(), plainForm);
        RawHttp.Response hostileAsMms = post("/mms", TestPhone.MMS_MESSAGE, List.of(), hostileForm);
        assertEquals(200, plainAsMms.status());
        assertEquals(0x62, new MmsDecoder().decode(plainAsMms.body()).token(MmsField.RESPONSE_STATUS).orElseThrow(),
                "a form posted as MMS is Error-permanent-message-format-corrupt");
        assertSameAnswer(plainAsMms, hostileAsMms);
        MmsPdu hostileConf = new MmsDecoder().decode(hostileAsMms.body());
        assertEquals(0x62, hostileConf.token(MmsField.RESPONSE_STATUS).orElseThrow());
        assertEquals(Optional.empty(), hostileConf.text(MmsField.MESSAGE_ID));
        String why = hostileConf.text(MmsField.RESPONSE_TEXT).orElse("");
        for (Map.Entry<String, String> field : hostile().entrySet()) {
            assertFalse(why.contains(field.getKey()) || why.contains(field.getValue()), "echoed in " + why);
        }

        // the gateway still works, and nothing of the forms went anywhere
        String messageId = assertOk(gateway.phone(ALICE).send(TestPhone.typicalSendReq("F-1", BOB, "After", "forms")));
        awaitPushes(smsc, BOB, 1);
        awaitState(gateway.store(), messageId, plmn(BOB), RecipientState.NOTIFIED);
        assertNothingElse(Set.of(messageId));
    }

    /**
     * Sends a clean m-send-req and the same with the names (as {@code extraHeaders} or in {@code target}),
     * fetches both with the names again (query {@code fetchQuery}), and compares what the phones see.
     */
    private void deliveredAsWithout(String target, List<Map.Entry<String, String>> extraHeaders, String fetchQuery)
            throws Exception {
        MmsPdu cleanReq = TestPhone.typicalSendReq("C-1", BOB, "Clean", "the same text");
        MmsPdu hostileReq = TestPhone.typicalSendReq("I-1", BOB, "Injected", "the same text");
        RawHttp.Response clean = post("/mms", TestPhone.MMS_MESSAGE, List.of(), new MmsEncoder().encode(cleanReq));
        RawHttp.Response injected = post(target, TestPhone.MMS_MESSAGE, extraHeaders,
                new MmsEncoder().encode(hostileReq));
        assertSameAnswer(clean, injected);
        String cleanId = assertOk(sendConf(clean));
        String injectedId = assertOk(sendConf(injected));

        List<MmsPdu> notifications = awaitPushes(smsc, BOB, 2).stream().map(p -> p.pdu()).toList();
        MmsPdu forInjected = notifications.stream()
                .filter(n -> n.text(MmsField.SUBJECT).orElse("").equals("Injected")).findFirst().orElseThrow();
        assertEquals(plmn(ALICE), forInjected.from().orElseThrow(), "From: the identified sender");
        String location = forInjected.text(MmsField.CONTENT_LOCATION).orElseThrow();
        List<Map.Entry<String, String>> bobHeaders = new ArrayList<>(extraHeaders);
        bobHeaders.add(Map.entry(TestPhone.DEFAULT_MSISDN_HEADER, BOB));
        RawHttp.Response fetched = RawHttp.exchange(gateway.baseUrl(), "GET",
                location.substring(gateway.baseUrl().length()) + fetchQuery, bobHeaders, null);
        MmsPdu forClean = notifications.stream().filter(n -> n != forInjected).findFirst().orElseThrow();
        String cleanLocation = forClean.text(MmsField.CONTENT_LOCATION).orElseThrow();
        RawHttp.Response fetchedClean = RawHttp.exchange(gateway.baseUrl(), "GET",
                cleanLocation.substring(gateway.baseUrl().length()),
                List.of(Map.entry(TestPhone.DEFAULT_MSISDN_HEADER, BOB)), null);
        assertEquals(200, fetched.status());
        assertSameAnswer(fetchedClean, fetched);
        MmsPdu retrieved = new MmsDecoder().decode(fetched.body());
        assertEquals(MessageType.RETRIEVE_CONF, retrieved.messageType());
        assertEquals(injectedId, retrieved.text(MmsField.MESSAGE_ID).orElseThrow());
        assertEquals(List.of(plmn(BOB)), retrieved.texts(MmsField.TO));
        assertEquals(plmn(ALICE), retrieved.from().orElseThrow());
        List<Part> sent = ((Body.Multipart) hostileReq.body()).parts();
        List<Part> got = ((Body.Multipart) retrieved.body()).parts();
        assertEquals(sent.size(), got.size(), "parts");
        for (int i = 0; i < sent.size(); i++) {
            assertArrayEquals(sent.get(i).data().orElseThrow().toByteArray(), got.get(i).data().orElseThrow()
                    .toByteArray(), "part " + i);
        }
        byte[] notifyResp = new MmsEncoder().encode(MmsPdus.notifyRespInd(forInjected.transactionId().orElseThrow(),
                "Retrieved", true));
        RawHttp.Response acknowledged = RawHttp.exchange(gateway.baseUrl(), "POST", target, withMms(bobHeaders),
                notifyResp);
        assertEquals(204, acknowledged.status());
        awaitState(gateway.store(), injectedId, plmn(BOB), RecipientState.RETRIEVED);
        awaitState(gateway.store(), cleanId, plmn(BOB), RecipientState.NOTIFIED);
        assertNothingElse(Set.of(cleanId, injectedId));
    }

    private static List<Map.Entry<String, String>> withMms(List<Map.Entry<String, String>> headers) {
        List<Map.Entry<String, String>> all = new ArrayList<>(headers);
        all.add(Map.entry("Content-Type", TestPhone.MMS_MESSAGE));
        return all;
    }

    /** Once everything is through: only these messages stored, only Bob's pushes at the SMSC, no file made. */
    private void assertNothingElse(Set<String> messageIds) throws Exception {
        awaitUntil("queues drained", () -> Stream.of("mms.submitted", "mms.deliver.mm1", "mms.deliver.mm3",
                "mms.reports").allMatch(q -> gateway.broker().depth(q) == 0));
        Pushes.settle();
        assertEquals(Set.of("491702222222"), smsc.submits().stream().map(s -> s.destination().replace("+", ""))
                .collect(Collectors.toSet()), "numbers the SMSC got submit_sm for");
        assertEquals(smsc.submits().size(), smsc.submits().stream().filter(TestSmsc.Submit::accepted).count());
        assertEquals(messageIds, storedMessageIds(), "messages in the store");
        assertEquals(0, gateway.broker().depth("DLQ"), "dead letters");
        assertFalse(Files.exists(canary.resolve("pwned")), "a file was written where CamelFileName pointed");
        try (Stream<Path> files = Files.walk(data)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().contains("pwned")).toList(),
                    "files named after CamelFileName in the data directory");
        }
    }

    /** Every message the store holds, whatever its kind of store. */
    private Set<String> storedMessageIds() {
        return new java.util.HashSet<>(gateway.store().expiredBefore(java.time.Instant.MAX));
    }

    private RawHttp.Response post(String target, String contentType, List<Map.Entry<String, String>> extra,
            byte[] body) throws IOException {
        List<Map.Entry<String, String>> headers = new ArrayList<>(extra);
        headers.add(Map.entry(TestPhone.DEFAULT_MSISDN_HEADER, ALICE));
        headers.add(Map.entry("Content-Type", contentType));
        return RawHttp.exchange(gateway.baseUrl(), "POST", target, headers, body);
    }

    private static MmsPdu sendConf(RawHttp.Response response) {
        MmsPdu conf = new MmsDecoder().decode(response.body());
        assertEquals(MessageType.SEND_CONF, conf.messageType());
        return conf;
    }

    /** The same status, the same header names in the same order, the same Content-Type. */
    private static void assertSameAnswer(RawHttp.Response expected, RawHttp.Response actual) {
        assertEquals(expected.status(), actual.status(), "HTTP status");
        assertEquals(expected.headerNames(), actual.headerNames(), "answer header names");
        assertEquals(expected.header("Content-Type"), actual.header("Content-Type"));
        if (!TestPhone.MMS_MESSAGE.equals(expected.header("Content-Type").orElse(""))) {
            assertEquals(expected.text(), actual.text(), "answer body");
        }
    }
}
