package org.mmsgw.gateway.bench;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The limit of one durable hop on this machine: a bare Artemis broker, configured as the gateway
 * embeds it (persistent NIO journal, in-VM), on the same disk, and as many concurrent producers as the
 * benchmark has phones, each sending persistent 1 KB messages and waiting for each to be on disk.
 */
final class BareArtemis {
    private BareArtemis() {
    }

    /** Durable sends per second for {@code count} messages from {@code producers} threads. */
    static double durableSendsPerSecond(Path dir, long count, int producers) throws Exception {
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(new ConfigurationImpl()
                .setName("bare").setPersistenceEnabled(true).setSecurityEnabled(false)
                .setJournalType(JournalType.NIO)
                .setJournalDirectory(dir.resolve("journal").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setPagingDirectory(dir.resolve("paging").toString())
                .setLargeMessagesDirectory(dir.resolve("large").toString())
                .addAcceptorConfiguration("in-vm", "vm://77"));
        broker.start();
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("vm://77");
                Connection connection = factory.createConnection()) {
            AtomicLong left = new AtomicLong(count);
            CountDownLatch done = new CountDownLatch(producers);
            byte[] payload = new byte[1024];
            long start = System.nanoTime();
            for (int p = 0; p < producers; p++) {
                Thread t = new Thread(() -> {
                    try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
                        MessageProducer producer = session.createProducer(session.createQueue("bare"));
                        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                        while (left.getAndDecrement() > 0) {
                            var message = session.createBytesMessage();
                            message.writeBytes(payload);
                            producer.send(message);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    } finally {
                        done.countDown();
                    }
                }, "bare-producer-" + p);
                t.setDaemon(true);
                t.start();
            }
            done.await();
            return count / ((System.nanoTime() - start) / 1e9);
        } finally {
            broker.stop();
        }
    }
}
