package org.mmsgw.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mmsgw.gateway.e2e.Pushes.awaitPushes;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.gateway.Gateway;
import org.mmsgw.gateway.fixtures.TestPhone;
import org.mmsgw.gateway.fixtures.TestSmsc;

/**
 * The gateway as its own process, killed with SIGKILL right after it answered m-send-conf Ok: after a
 * restart on the same data directory every recipient still gets its notification, once.
 */
class KillTest {
    private static final String ALICE = "+491701111111";
    private static final String BOB = "+491702222222";
    private static final String CAROL = "+491703333333";

    @TempDir
    Path data;

    @Test
    void killedAfterSendConfTheMessageIsStillDeliveredOncePerRecipient() throws Exception {
        try (TestSmsc smsc = TestSmsc.open()) {
            smsc.stop(); // nothing can go out before the kill
            int port = RunningGateway.freePort();
            Process first = start(port, smsc.port());
            try {
                awaitHttp(port);
                TestPhone alice = new TestPhone("http://127.0.0.1:" + port, ALICE);
                MmsPdu conf = alice.send(Pushes.sendReq("K-1", List.of(BOB, CAROL), "Survives kill -9",
                        org.mmsgw.codec.multipart.Part.text("<t>", "t.txt", "still here")));
                assertEquals(0, conf.token(MmsField.RESPONSE_STATUS).orElseThrow(), "Ok");
            } finally {
                first.destroyForcibly(); // SIGKILL: no shutdown hook, no journal close
                first.waitFor(30, TimeUnit.SECONDS);
            }
            smsc.start();
            Process second = start(port, smsc.port());
            try {
                awaitPushes(smsc, BOB, 1);
                awaitPushes(smsc, CAROL, 1);
                Pushes.settle();
                assertEquals(1, Pushes.accepted(smsc, BOB).size(), "notifications to Bob");
                assertEquals(1, Pushes.accepted(smsc, CAROL).size(), "notifications to Carol");
            } finally {
                second.destroy();
                if (!second.waitFor(30, TimeUnit.SECONDS)) {
                    second.destroyForcibly();
                }
            }
        }
    }

    private Process start(int port, int smscPort) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Gateway.class.getName(), "--config", Path.of("../config/application.properties").toString())
                .redirectErrorStream(true)
                .redirectOutput(data.resolve("gateway-" + System.nanoTime() + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.put("GATEWAY_HTTP_HOST", "127.0.0.1");
        env.put("GATEWAY_HTTP_PORT", String.valueOf(port));
        env.put("GATEWAY_PUBLIC_URL", "http://127.0.0.1:" + port);
        env.put("GATEWAY_DATA_DIR", data.resolve("gw").toString());
        env.put("GATEWAY_SANDBOX", "false");
        env.put("GATEWAY_SMPP_PORT", String.valueOf(smscPort));
        env.put("CAMEL_MAIN_ROUTESINCLUDEPATTERN", "file:../routes/*.camel.yaml");
        builder.directory(new File("."));
        return builder.start();
    }

    private static void awaitHttp(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not up yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("gateway process did not answer on port " + port + " within 60 s");
    }
}
