package org.mmsgw.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmsgw.gateway.e2e.Pushes.assertOk;
import static org.mmsgw.gateway.e2e.Pushes.awaitPushes;
import static org.mmsgw.gateway.e2e.Pushes.awaitState;
import static org.mmsgw.gateway.e2e.Pushes.awaitUntil;
import static org.mmsgw.gateway.e2e.Pushes.plmn;
import static org.mmsgw.gateway.e2e.Pushes.withDeliveryReport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.mmsgw.codec.mms.MessageType;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.codec.mms.MmsPdus;
import org.mmsgw.gateway.fixtures.TestPhone;
import org.mmsgw.gateway.fixtures.TestSmsc;
import org.mmsgw.gateway.fixtures.WapPushDelivery;
import org.mmsgw.processors.store.RecipientState;

/**
 * {@code GET /metrics} after one accepted message, one refused submission, one retrieval and one
 * delivery report: every counter and gauge in the Prometheus text format (0.0.4), with exact values.
 */
class MetricsTest extends GatewayTest {
    private static final String ALICE = "+491701111111";
    private static final String BOB = "+491702222222";
    private static final String[] QUEUES = {"mms.submitted", "mms.deliver.mm1", "mms.deliver.mm3", "mms.reports",
        "DLQ", "ExpiryQueue"};

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void countsOfASubmissionARejectionARetrievalAndAReport() throws Exception {
        TestPhone alice = gateway.phone(ALICE);
        TestPhone bob = gateway.phone(BOB);
        String messageId = assertOk(alice.send(withDeliveryReport(
                TestPhone.typicalSendReq("MT-1", BOB, "Counted", "one of each"))));
        // a phone may not send an m-delivery-ind: Error-unsupported-message (0x08)
        MmsPdu refused = alice.send(MmsPdus.deliveryInd("mid-x", plmn(BOB), 1_700_000_000L, "Retrieved"));
        assertEquals(0x08, refused.token(MmsField.RESPONSE_STATUS).orElseThrow());

        WapPushDelivery notified = awaitPushes(smsc, BOB, 1).get(0);
        MmsPdu notification = notified.pdu();
        int notificationSegments = notified.segments().size();
        bob.retrieve(notification.text(MmsField.CONTENT_LOCATION).orElseThrow());
        bob.notifyResp(notification.transactionId().orElseThrow(), "Retrieved");
        WapPushDelivery reported = awaitPushes(smsc, ALICE, 1).get(0);
        MmsPdu report = reported.pdu();
        int reportSegments = reported.segments().size();
        assertEquals(MessageType.DELIVERY_IND, report.messageType());
        awaitState(gateway.store(), messageId, plmn(BOB), RecipientState.RETRIEVED);
        awaitUntil("queues drained", () -> Stream.of(QUEUES).allMatch(q -> gateway.broker().depth(q) == 0));
        Pushes.settle();
        long segments = smsc.submits().stream().filter(TestSmsc.Submit::accepted).count();
        assertEquals(notificationSegments + reportSegments, segments,
                "submit_sm at the SMSC: the notification's and the report's segments");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("text/plain; version=0.0.4", response.headers().firstValue("Content-Type").orElse(""));
        String text = response.body();
        assertTrue(text.endsWith("\n"), "the exposition ends with a line feed");

        Map<String, String> types = new TreeMap<>();
        Map<String, String> samples = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] f = line.substring(7).split(" ");
                assertEquals(2, f.length, line);
                assertEquals(null, types.put(f[0], f[1]), "TYPE given twice: " + line);
            } else {
                int space = line.lastIndexOf(' ');
                assertTrue(space > 0, "sample line: " + line);
                String name = line.substring(0, space);
                String family = name.contains("{") ? name.substring(0, name.indexOf('{')) : name;
                assertTrue(types.containsKey(family), "sample before its # TYPE line: " + line);
                assertEquals(null, samples.put(name, line.substring(space + 1)), "sample given twice: " + line);
            }
        }

        // every counter, exactly; gauges: the queue depths (all empty by now), others only well formed
        Map<String, String> expectedCounters = new TreeMap<>(Map.of(
                "mmsgw_submitted_total", "2",
                "mmsgw_accepted_total", "1",
                "mmsgw_rejected_total{status=\"Error-unsupported-message\"}", "1",
                "mmsgw_notifications_total", "1",
                "mmsgw_segments_total", String.valueOf(segments),
                "mmsgw_retrieved_total", "1",
                "mmsgw_reports_total{type=\"delivery\"}", "1"));
        Map<String, String> counters = new TreeMap<>();
        Map<String, String> depths = new TreeMap<>();
        samples.forEach((name, value) -> {
            String family = name.contains("{") ? name.substring(0, name.indexOf('{')) : name;
            if (types.get(family).equals("counter")) {
                counters.put(name, value);
            } else {
                assertEquals("gauge", types.get(family), name);
                assertTrue(value.matches("-?[0-9]+(\\.[0-9]+)?"), name + " " + value);
                if (family.equals("mmsgw_queue_depth")) {
                    depths.put(name, value);
                }
            }
        });
        assertEquals(expectedCounters, counters, "counters in\n" + text);
        for (String queue : QUEUES) {
            assertEquals("0", depths.get("mmsgw_queue_depth{queue=\"" + queue + "\"}"), queue + " in\n" + text);
        }
        depths.forEach((name, value) -> assertEquals("0", value, name));
        assertEquals("gauge", types.get("mmsgw_queue_depth"));
        assertTrue(text.contains("# TYPE mmsgw_rejected_total counter\n"
                + "mmsgw_rejected_total{status=\"Error-unsupported-message\"} 1\n"), text);
        assertTrue(text.contains("# TYPE mmsgw_queue_depth gauge\n"), text);
    }
}
