package org.mmsgw.gateway.handoff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmsgw.gateway.e2e.RunningGateway;

/**
 * The hand-off component against a real Artemis broker on loopback: what arrives on the queue, many
 * asynchronous sends at once, and a broker that goes away and comes back. {@link BrokerSendsTest} runs
 * the same against sends routed in the broker itself.
 */
class HandOffTest {
    @TempDir
    Path brokerData;

    int port;
    EmbeddedActiveMQ artemis;
    CamelContext camel;
    ProducerTemplate template;
    private ActiveMQConnectionFactory plain;

    @BeforeEach
    void start() throws Exception {
        port = RunningGateway.freePort();
        artemis = broker();
        artemis.start();
        ActiveMQConnectionFactory confirming = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port);
        confirming.setConfirmationWindowSize(1024 * 1024);
        plain = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port);
        camel = new DefaultCamelContext();
        camel.addComponent("handoff", component(confirming));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:wait").to("handoff:queue:q1");
                from("direct:async").to("handoff:queue:q1?async=true");
            }
        });
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() throws Exception {
        camel.stop();
        artemis.stop();
        plain.close();
    }

    /** The component under test: through a JMS client here. */
    HandOffComponent component(ActiveMQConnectionFactory confirming) {
        return new HandOffComponent(confirming, 5_000);
    }

    EmbeddedActiveMQ broker() throws Exception {
        return new EmbeddedActiveMQ().setConfiguration(new ConfigurationImpl()
                .setName("handoff").setPersistenceEnabled(true).setSecurityEnabled(false)
                .setJournalDirectory(brokerData.resolve("journal").toString())
                .setBindingsDirectory(brokerData.resolve("bindings").toString())
                .setPagingDirectory(brokerData.resolve("paging").toString())
                .setLargeMessagesDirectory(brokerData.resolve("large").toString())
                .addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port));
    }

    @Test
    void bodyAndGatewayHeadersArriveOtherHeadersDoNot() throws Exception {
        Map<String, Object> headers = new HashMap<>();
        headers.put("MmsMessageId", "m-1");
        headers.put("MmsAttempt", 3);
        headers.put("MmsSmsUdhi", true);
        headers.put("mail.smtp.host", "evil.example");
        headers.put("CamelFileName", "/etc/passwd");
        headers.put("JMSType", "x");
        headers.put("MmsObject", List.of("not", "a", "primitive"));
        headers.put("MmsBodyCrc", 12345L);
        byte[] pdu = {(byte) 0x8c, (byte) 0x80, 0, 1, 2, (byte) 0xff};
        template.sendBodyAndHeaders("direct:wait", pdu, headers);
        template.sendBody("direct:async", "");

        List<Message> got = receive(2);
        BytesMessage bytes = assertInstanceOf(BytesMessage.class, got.get(0));
        byte[] body = new byte[(int) bytes.getBodyLength()];
        bytes.readBytes(body);
        assertArrayEquals(pdu, body);
        assertEquals("m-1", bytes.getStringProperty("MmsMessageId"));
        assertEquals(3, bytes.getIntProperty("MmsAttempt"));
        assertTrue(bytes.getBooleanProperty("MmsSmsUdhi"));
        assertFalse(bytes.propertyExists("mail.smtp.host"));
        assertFalse(bytes.propertyExists("CamelFileName"));
        assertFalse(bytes.propertyExists("MmsObject"));
        assertNull(bytes.getJMSType());
        assertEquals(jakarta.jms.DeliveryMode.PERSISTENT, bytes.getJMSDeliveryMode());
        assertEquals(jakarta.jms.Message.DEFAULT_PRIORITY, bytes.getJMSPriority());
        assertNotNull(bytes.getJMSMessageID());
        assertTrue(bytes.getJMSTimestamp() > 0);
        assertEquals(org.mmsgw.processors.BodyChecksum.of(pdu), bytes.getLongProperty("MmsBodyCrc"),
                "the checksum of the octets sent, not the header the exchange had");
        assertEquals("", assertInstanceOf(TextMessage.class, got.get(1)).getText());
        assertFalse(got.get(1).propertyExists("MmsBodyCrc"));
    }

    @Test
    void manyAsynchronousSendsAreEachConfirmedOnce() throws Exception {
        int n = 500;
        List<CompletableFuture<Object>> sent = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sent.add(template.asyncRequestBodyAndHeader("direct:async", "m" + i, "MmsMessageId", "m" + i));
        }
        for (CompletableFuture<Object> f : sent) {
            f.get(30, TimeUnit.SECONDS);
        }
        List<Message> got = receive(n);
        assertEquals(n, got.stream().map(m -> {
            try {
                return m.getStringProperty("MmsMessageId");
            } catch (jakarta.jms.JMSException e) {
                throw new IllegalStateException(e);
            }
        }).distinct().count());
    }

    @Test
    void aBrokerThatWentAwayFailsTheSendAndOneThatCameBackTakesTheNext() throws Exception {
        template.sendBody("direct:wait", "before");
        artemis.stop();
        long start = System.nanoTime();
        CamelExecutionException waited = assertThrows(CamelExecutionException.class,
                () -> template.sendBody("direct:wait", "while down"));
        assertInstanceOf(HandOffFailedException.class, waited.getCause(), "what the routes answer 503 for");
        assertNotNull(waited.getCause().getCause());
        CamelExecutionException async = assertThrows(CamelExecutionException.class,
                () -> template.requestBody("direct:async", "while down"));
        assertInstanceOf(HandOffFailedException.class, async.getCause());
        assertNotNull(async.getCause().getCause());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "failed at once, not after the timeout");

        artemis = broker();
        artemis.start();
        template.sendBody("direct:wait", "after");
        template.requestBody("direct:async", "after, async");
        List<Message> got = receive(3);
        assertEquals(List.of("before", "after", "after, async"), got.stream().map(m -> {
            try {
                return ((TextMessage) m).getText();
            } catch (jakarta.jms.JMSException e) {
                throw new IllegalStateException(e);
            }
        }).toList());
    }

    List<Message> receive(int n) throws Exception {
        List<Message> got = new ArrayList<>();
        try (Connection c = plain.createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(s.createQueue("q1"));
            for (int i = 0; i < n; i++) {
                Message m = consumer.receive(10_000);
                assertNotNull(m, "message " + (i + 1) + " of " + n);
                got.add(m);
            }
            assertNull(consumer.receive(200), "no more than " + n);
        }
        return got;
    }
}
