package org.mmsgw.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmsgw.gateway.e2e.RunningGateway;
import org.mmsgw.processors.store.MessageStore;
import org.mmsgw.processors.store.StoreSyncProcessor;

/**
 * Several messages to one transaction, against a real Artemis broker on loopback: each message still
 * runs the route once on its own exchange, the store is synced once a batch, sends in the route commit
 * with the batch, and a message that keeps failing goes to the dead letters alone.
 */
class BatchingListenerContainerTest {
    private static final int BATCH = 8;
    private static final int ATTEMPTS = 3;

    @TempDir
    Path brokerData;

    private EmbeddedActiveMQ artemis;
    private ActiveMQConnectionFactory factory;
    private CamelContext camel;
    private final AtomicInteger syncs = new AtomicInteger();
    private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws Exception {
        int port = RunningGateway.freePort();
        artemis = new EmbeddedActiveMQ().setConfiguration(new ConfigurationImpl()
                .setName("batches").setPersistenceEnabled(true).setSecurityEnabled(false)
                .setJournalDirectory(brokerData.resolve("journal").toString())
                .setBindingsDirectory(brokerData.resolve("bindings").toString())
                .setPagingDirectory(brokerData.resolve("paging").toString())
                .setLargeMessagesDirectory(brokerData.resolve("large").toString())
                .addAddressSetting("#", new AddressSettings().setDeadLetterAddress(SimpleString.of("dead"))
                        .setAutoCreateDeadLetterResources(true).setMaxDeliveryAttempts(ATTEMPTS)
                        .setRedeliveryDelay(0))
                .addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port));
        artemis.start();
        factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port);
        camel = new DefaultCamelContext();
        JmsComponent jms = new JmsComponent();
        jms.setConnectionFactory(factory);
        jms.setLazyCreateTransactionManager(false);
        camel.addComponent("jms", jms);
        StoreSyncProcessor storeSync = new StoreSyncProcessor(countingSyncs());
        camel.getRegistry().bind("batches", BatchingListenerContainer.factory(BATCH, storeSync));
        camel.getRegistry().bind("storeSync", storeSync);
    }

    @AfterEach
    void stop() throws Exception {
        camel.stop();
        factory.close();
        artemis.stop();
    }

    /** A store whose sync is counted; nothing else of it is used here. */
    private MessageStore countingSyncs() {
        return (MessageStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {MessageStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("sync")) {
                        syncs.incrementAndGet();
                        return null;
                    }
                    throw new AssertionError("not used here: " + method.getName());
                });
    }

    private void startRoute() throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("jms:queue:in?transacted=true&cacheLevelName=CACHE_CONSUMER&concurrentConsumers=1"
                        + "&consumerType=Custom&messageListenerContainerFactory=#batches")
                        .process(e -> {
                            String body = e.getMessage().getBody(String.class);
                            runs.computeIfAbsent(body, b -> new AtomicInteger()).incrementAndGet();
                            if (body.startsWith("poison")) {
                                throw new IllegalStateException("this one always fails");
                            }
                        })
                        .to("jms:queue:out")
                        .process("storeSync");
            }
        });
        camel.start();
    }

    private void send(List<String> bodies) throws Exception {
        try (Connection c = factory.createConnection(); Session s = c.createSession(true, Session.SESSION_TRANSACTED)) {
            MessageProducer p = s.createProducer(s.createQueue("in"));
            for (String b : bodies) {
                p.send(s.createTextMessage(b));
            }
            s.commit();
        }
    }

    /** Every body on the queue until it stays empty for a while, in order. */
    private List<String> drain(String queue, int expected) throws Exception {
        List<String> got = new ArrayList<>();
        try (Connection c = factory.createConnection(); Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            c.start();
            MessageConsumer consumer = s.createConsumer(s.createQueue(queue));
            long deadline = System.currentTimeMillis() + 20_000;
            while (System.currentTimeMillis() < deadline) {
                TextMessage m = (TextMessage) consumer.receive(got.size() < expected ? 500 : 1_000);
                if (m == null) {
                    if (got.size() >= expected) {
                        break;
                    }
                    continue;
                }
                got.add(m.getText());
            }
        }
        return got;
    }

    private static List<String> bodies(String prefix, int n) {
        List<String> b = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            b.add(prefix + i);
        }
        return b;
    }

    @Test
    void queuedMessagesShareTransactionsAndEachRunsOnce() throws Exception {
        List<String> sent = bodies("m", 40);
        send(sent);
        startRoute();
        assertEquals(sent, drain("out", sent.size()), "every message forwarded once, in order");
        for (String b : sent) {
            assertEquals(1, runs.get(b).get(), b + " ran once");
        }
        // one store sync a batch: 40 messages already queued go in batches of up to 8 (40 syncs without)
        assertTrue(syncs.get() >= sent.size() / BATCH && syncs.get() <= 10, "store syncs: " + syncs.get());
    }

    @Test
    void messageThatKeepsFailingGoesToTheDeadLettersAloneAndTheOthersCommitOnce() throws Exception {
        List<String> sent = bodies("m", 30);
        sent.set(10, "poison");
        send(sent);
        startRoute();
        List<String> good = new ArrayList<>(sent);
        good.remove("poison");
        assertEquals(good, drain("out", good.size()),
                "the others forwarded exactly once: the sends of a rolled-back batch are gone with it");
        assertEquals(List.of("poison"), drain("dead::DLQ.in", 1), "only the failing message is a dead letter");
        assertEquals(ATTEMPTS, runs.get("poison").get(), "tried as often as the broker allows");
        for (String b : good) {
            // those in the poison's first batch ran again after the rollback, alone: at most twice
            assertTrue(runs.get(b).get() <= 2, b + " ran " + runs.get(b).get() + " times");
        }
        assertTrue(good.stream().anyMatch(b -> runs.get(b).get() == 2),
                "the poison's first batch held others (the test would show nothing otherwise)");
    }

    @Test
    void batchOfOneBehavesAsTheUsualContainer() throws Exception {
        camel.getRegistry().bind("batches", BatchingListenerContainer.factory(1, new StoreSyncProcessor(countingSyncs())));
        List<String> sent = bodies("m", 12);
        send(sent);
        startRoute();
        assertEquals(sent, drain("out", sent.size()));
        assertEquals(sent.size(), syncs.get(), "a sync for every message, as without batches");
    }
}
