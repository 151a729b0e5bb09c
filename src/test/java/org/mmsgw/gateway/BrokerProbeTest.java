package org.mmsgw.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;

import org.junit.jupiter.api.Test;

/** /health asks the probe on an HTTP event loop: it must answer quickly, and a slow probe must count once done. */
class BrokerProbeTest {

    @Test
    void aSlowBrokerIsDownUntilItsProbeEndsThenUpAtOnce() throws Exception {
        CountDownLatch brokerAnswers = new CountDownLatch(1);
        AtomicInteger connections = new AtomicInteger();
        BrokerProbe probe = new BrokerProbe(factory(() -> {
            connections.incrementAndGet();
            await(brokerAnswers);
            return connection();
        }));

        long before = System.nanoTime();
        assertFalse(probe.getAsBoolean(), "the probe has not ended: down for now");
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);
        assertTrue(waitedMillis < 1500, "the question waited " + waitedMillis + " ms for a hanging probe");

        brokerAnswers.countDown();
        // within the five seconds the last answer is kept: the ended probe answers, not the kept "down"
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        boolean up = false;
        while (!up && System.nanoTime() < deadline) {
            up = probe.getAsBoolean();
        }
        assertTrue(up, "the probe ended, yet the broker is still said to be down");
        assertTrue(probe.getAsBoolean(), "the answer is kept");
        assertEquals(1, connections.get(), "connection attempts");
    }

    @Test
    void aBrokerThatRefusesIsDown() {
        BrokerProbe probe = new BrokerProbe(factory(() -> {
            throw new JMSException("connection refused");
        }));
        assertFalse(probe.getAsBoolean());
        assertFalse(probe.getAsBoolean(), "the kept answer");
    }

    private interface Connect {
        Connection connect() throws JMSException;
    }

    private static ConnectionFactory factory(Connect connect) {
        return (ConnectionFactory) Proxy.newProxyInstance(BrokerProbeTest.class.getClassLoader(),
                new Class<?>[] {ConnectionFactory.class}, (self, method, args) -> {
                    if (method.getName().equals("createConnection")) {
                        return connect.connect();
                    }
                    throw new AssertionError("not used by the probe: " + method.getName());
                });
    }

    private static Connection connection() {
        return (Connection) Proxy.newProxyInstance(BrokerProbeTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (self, method, args) -> switch (method.getName()) {
                    case "start", "close" -> null;
                    default -> throw new AssertionError("not used by the probe: " + method.getName());
                });
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
