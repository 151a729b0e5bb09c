package org.mmsgw.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmsgw.gateway.e2e.Pushes.assertOk;
import static org.mmsgw.gateway.e2e.Pushes.awaitPushes;
import static org.mmsgw.gateway.e2e.Pushes.awaitState;
import static org.mmsgw.gateway.e2e.Pushes.plmn;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmsgw.codec.mms.MessageType;
import org.mmsgw.codec.mms.MmsDecoder;
import org.mmsgw.codec.mms.MmsEncoder;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.codec.mms.MmsPdus;
import org.mmsgw.gateway.fixtures.TestPhone;
import org.mmsgw.processors.store.RecipientState;

/**
 * Headers and query parameters named like Camel, JMS or JavaMail settings change nothing: the message
 * is delivered as sent, and no HTTP answer echoes them or any {@code Camel*} / {@code Mms*} header.
 */
class HeaderInjectionTest extends GatewayTest {
    private static final String ALICE = "+491701111111";
    private static final String BOB = "+491702222222";
    private static final String VICTIM = "victim@example.com";

    @TempDir
    Path canary;

    /** Names that would steer a Camel producer, the JMS hand-off or a mail session if they reached the exchange. */
    private Map<String, String> hostile() {
        return Map.of(
                "CamelBeanMethodName", "delete",
                "cAmElExecCommandExecutable", "/usr/bin/touch",
                "CamelExecCommandArgs", canary.resolve("pwned").toString(),
                "CAMELJMSDESTINATIONNAME", "mms.evil",
                "CamelHttpUri", "http://127.0.0.1:9/steal",
                "mail.smtp.host", "smtp.evil.example",
                "Cc", VICTIM,
                "MmsRecipient", plmn("+491709999999"),
                "MmsSender", plmn("+491708888888"));
    }

    private List<Map.Entry<String, String>> headers(String contentType) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(hostile().entrySet());
        headers.add(Map.entry("X-MSISDN", ALICE));
        if (contentType != null) {
            headers.add(Map.entry("Content-Type", contentType));
        }
        return headers;
    }

    private String query() {
        return hostile().entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&", "?", ""));
    }

    @Test
    void hostileHeadersAndParametersChangeNothingAndAreNotEchoed() throws Exception {
        byte[] sendReq = new MmsEncoder().encode(TestPhone.typicalSendReq("H-1", BOB, "Plain", "nothing odd"));
        RawHttp.Response submitted = RawHttp.exchange(gateway.baseUrl(), "POST", "/mms" + query(),
                headers(TestPhone.MMS_MESSAGE), sendReq);
        assertEquals(200, submitted.status());
        assertClean(submitted);
        MmsPdu conf = new MmsDecoder().decode(submitted.body());
        String messageId = assertOk(conf);

        MmsPdu notification = awaitPushes(smsc, BOB, 1).get(0).pdu();
        assertEquals(plmn(ALICE), notification.from().orElseThrow(), "the sender is the identified one");
        String location = notification.text(MmsField.CONTENT_LOCATION).orElseThrow();
        String path = location.substring(gateway.baseUrl().length());

        RawHttp.Response fetched = RawHttp.exchange(gateway.baseUrl(), "GET", path + query(),
                headers(null).stream().map(h -> h.getKey().equals("X-MSISDN") ? Map.entry("X-MSISDN", BOB) : h).toList(),
                null);
        assertEquals(200, fetched.status());
        assertClean(fetched);
        MmsPdu retrieved = new MmsDecoder().decode(fetched.body());
        assertEquals(MessageType.RETRIEVE_CONF, retrieved.messageType());
        assertEquals(messageId, retrieved.text(MmsField.MESSAGE_ID).orElseThrow());
        assertEquals(List.of(plmn(BOB)), retrieved.texts(MmsField.TO));
        assertEquals(List.of(), retrieved.texts(MmsField.CC), "no Cc added from the HTTP request");
        assertEquals(plmn(ALICE), retrieved.from().orElseThrow());

        byte[] notifyResp = new MmsEncoder().encode(MmsPdus.notifyRespInd(notification.transactionId().orElseThrow(),
                "Retrieved", true));
        RawHttp.Response acknowledged = RawHttp.exchange(gateway.baseUrl(), "POST", "/mms" + query(),
                headers(TestPhone.MMS_MESSAGE).stream()
                        .map(h -> h.getKey().equals("X-MSISDN") ? Map.entry("X-MSISDN", BOB) : h).toList(), notifyResp);
        assertEquals(204, acknowledged.status());
        assertClean(acknowledged);
        awaitState(gateway.store(), messageId, plmn(BOB), RecipientState.RETRIEVED);

        // only Bob's notification went to the SMSC; no queue of the attacker's naming; no command ran
        Pushes.settle();
        assertEquals(List.of("491702222222"), smsc.submits().stream().map(s -> s.destination().replace("+", ""))
                .distinct().toList());
        assertEquals(0, gateway.broker().depth("mms.evil"), "messages on mms.evil");
        assertEquals(0, gateway.broker().depth("DLQ"), "dead letters");
        assertFalse(Files.exists(canary.resolve("pwned")), "exec component ran");
    }

    @Test
    void refusalsDoNotEchoHostileHeadersEither() throws Exception {
        RawHttp.Response wrongType = RawHttp.exchange(gateway.baseUrl(), "POST", "/mms" + query(),
                headers("text/plain"), "x".getBytes(StandardCharsets.US_ASCII));
        assertEquals(415, wrongType.status());
        assertClean(wrongType);
        RawHttp.Response unknown = RawHttp.exchange(gateway.baseUrl(), "GET", "/mms/AAAAAAAAAAAAAAAAAAAAAA" + query(),
                headers(null), null);
        assertEquals(404, unknown.status());
        assertClean(unknown);
        RawHttp.Response corrupt = RawHttp.exchange(gateway.baseUrl(), "POST", "/mms" + query(),
                headers(TestPhone.MMS_MESSAGE), new byte[] {(byte) 0x8C, (byte) 0x80, (byte) 0x98});
        assertEquals(200, corrupt.status());
        assertEquals(0x62, new MmsDecoder().decode(corrupt.body()).token(MmsField.RESPONSE_STATUS).orElseThrow());
        assertClean(corrupt);
    }

    private void assertClean(RawHttp.Response response) {
        List<String> names = response.headerNames();
        for (String name : names) {
            String lower = name.toLowerCase(Locale.ROOT);
            assertFalse(lower.startsWith("camel"), "Camel header in the answer: " + names);
            assertFalse(lower.startsWith("mms"), "Mms header in the answer: " + names);
            assertFalse(lower.startsWith("jms"), "JMS header in the answer: " + names);
            for (String hostileName : hostile().keySet()) {
                assertFalse(lower.equals(hostileName.toLowerCase(Locale.ROOT)), hostileName + " echoed: " + names);
            }
            assertFalse(lower.equals("x-msisdn"), "X-MSISDN echoed: " + names);
        }
        String headerText = response.headers().toString();
        assertFalse(headerText.contains(VICTIM), "victim address echoed: " + headerText);
        assertFalse(headerText.contains("evil"), "hostile value echoed: " + headerText);
        assertTrue(response.header("Content-Type").isPresent(), "a Content-Type: " + names);
    }
}
