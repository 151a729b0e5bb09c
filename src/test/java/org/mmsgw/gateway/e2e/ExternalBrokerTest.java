package org.mmsgw.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmsgw.codec.mms.MmsDecoder;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.codec.mms.MmsPdus;
import org.mmsgw.codec.multipart.Part;
import org.mmsgw.gateway.fixtures.TestSmsc;

/**
 * The gateway on an external Artemis broker (another server, reached over TCP on loopback) instead of
 * its embedded one: messages flow through it, /health follows it, and a submission or a report while
 * it is away is answered 503 (a submission with an m-send-conf Error-transient-failure).
 */
class ExternalBrokerTest {
    @TempDir
    Path data;
    @TempDir
    Path brokerData;

    @Test
    void messagesGoThroughTheExternalBrokerAndHealthFollowsIt() throws Exception {
        int port = RunningGateway.freePort();
        EmbeddedActiveMQ artemis = new EmbeddedActiveMQ().setConfiguration(new ConfigurationImpl()
                .setName("external").setPersistenceEnabled(true).setSecurityEnabled(false)
                .setJournalDirectory(brokerData.resolve("journal").toString())
                .setBindingsDirectory(brokerData.resolve("bindings").toString())
                .setPagingDirectory(brokerData.resolve("paging").toString())
                .setLargeMessagesDirectory(brokerData.resolve("large").toString())
                .addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port));
        artemis.start();
        try (TestSmsc smsc = TestSmsc.open();
                RunningGateway gateway = RunningGateway.start(data, smsc.port(),
                        Map.of("gateway.broker.url", "tcp://127.0.0.1:" + port))) {
            assertNull(gateway.broker(), "no embedded broker");
            Pushes.assertOk(gateway.phone("+491701111111").send(Pushes.withDeliveryReport(Pushes.sendReq("X-1",
                    List.of("+491702222222"), "external", Part.text("<t>", "t.txt", "through another broker")))));
            MmsPdu notification = Pushes.awaitPushes(smsc, "+491702222222", 1).get(0).pdu();
            gateway.phone("+491702222222").retrieve(notification.text(MmsField.CONTENT_LOCATION).orElseThrow());
            assertTrue(artemis.getActiveMQServer().getPostOffice().getAddresses().stream()
                    .anyMatch(a -> a.toString().equals("mms.submitted")), "the hand-offs used the external broker");
            Pushes.awaitUntil("health UP", () -> health(gateway).contains("\"broker\":\"UP\""));

            artemis.stop();
            Pushes.awaitUntil("health says the broker is down", () -> health(gateway).contains("\"broker\":\"DOWN\""));
            HttpResponse<String> down = gateway.get("/health");
            assertEquals(503, down.statusCode(), down.body());

            // a submission while the broker is away is not kept: the phone is told to send it again later
            HttpResponse<byte[]> refused = gateway.phone("+491701111111").post(Pushes.sendReq("X-2",
                    List.of("+491702222222"), "while away", Part.text("<t>", "t.txt", "not queued")));
            assertEquals(503, refused.statusCode());
            assertTrue(refused.headers().firstValue("Retry-After").isPresent());
            MmsPdu conf = new MmsDecoder().decode(refused.body());
            assertEquals(Optional.of("X-2"), conf.transactionId());
            assertEquals(Optional.of(0x40), conf.token(MmsField.RESPONSE_STATUS), "Error-transient-failure");
            // so is the delivery report an m-notifyresp-ind asks for: the phone is told to send it again
            HttpResponse<byte[]> report = gateway.phone("+491702222222").post(MmsPdus.notifyRespInd(
                    notification.transactionId().orElseThrow(), "Retrieved", true));
            assertEquals(503, report.statusCode());
            assertTrue(report.headers().firstValue("Retry-After").isPresent());
        } finally {
            artemis.stop();
        }
    }

    private static String health(RunningGateway gateway) {
        return gateway.get("/health").body();
    }
}
