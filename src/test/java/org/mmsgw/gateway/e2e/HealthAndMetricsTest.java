package org.mmsgw.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.gateway.fixtures.TestPhone;
import org.mmsgw.gateway.fixtures.TestSmsc;

/** /health follows the SMPP link; /metrics counts what happened, in the Prometheus format. */
class HealthAndMetricsTest {
    private static final String SUBMITTED_EMPTY = "mmsgw_queue_depth{queue=\"mms.submitted\"} 0\n";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path data;

    @Test
    void healthIsDownWithoutSmscAndMetricsCountAMessage() throws Exception {
        try (TestSmsc smsc = TestSmsc.open()) {
            smsc.stop();
            try (RunningGateway gateway = RunningGateway.start(data, smsc.port())) {
                HttpResponse<String> down = gateway.get("/health");
                assertEquals(503, down.statusCode(), down.body());
                assertTrue(down.body().contains("\"smpp\":\"DOWN\""), down.body());
                assertTrue(down.body().contains("\"broker\":\"UP\""), down.body());
                assertTrue(down.body().contains("\"store\":\"UP\""), down.body());

                smsc.start();
                HttpResponse<String> up = gateway.get("/health");
                for (int i = 0; i < 100 && up.statusCode() != 200; i++) {
                    Thread.sleep(100);
                    up = gateway.get("/health");
                }
                assertEquals(200, up.statusCode(), up.body());
                assertEquals("application/json", up.headers().firstValue("Content-Type").orElse(""));

                TestPhone alice = gateway.phone("+491701111111");
                assertEquals(0, alice.send(TestPhone.typicalSendReq("M-1", "+491702222222", "hi", "text"))
                        .token(MmsField.RESPONSE_STATUS).orElseThrow());
                Pushes.awaitPushes(smsc, "+491702222222", 1);

                // the push goes out inside the route's transaction: the submission leaves mms.submitted at
                // its commit, just after the push reached the SMSC
                HttpResponse<String> metrics = gateway.get("/metrics");
                for (int i = 0; i < 100 && !metrics.body().contains(SUBMITTED_EMPTY); i++) {
                    Thread.sleep(100);
                    metrics = gateway.get("/metrics");
                }
                assertEquals(200, metrics.statusCode());
                String text = metrics.body();
                assertTrue(text.contains("# TYPE mmsgw_accepted_total counter\nmmsgw_accepted_total 1\n"), text);
                assertTrue(text.contains("mmsgw_submitted_total 1\n"), text);
                assertTrue(text.contains("mmsgw_notifications_total 1\n"), text);
                assertTrue(text.matches("(?s).*mmsgw_segments_total [1-9].*"), text);
                assertTrue(text.contains(SUBMITTED_EMPTY), text);

                HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/health"))
                        .POST(HttpRequest.BodyPublishers.ofString("x")).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(405, post.statusCode(), "only GET");
            }
        }
    }
}
