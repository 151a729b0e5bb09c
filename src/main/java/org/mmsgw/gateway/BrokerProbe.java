package org.mmsgw.gateway;

import java.util.function.BooleanSupplier;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;

/**
 * Whether an external broker can be reached: a connection is opened, started and closed, at most
 * every few seconds however often /health is asked (the last answer is kept in between).
 */
final class BrokerProbe implements BooleanSupplier {
    private static final long KEEP_NANOS = 5_000_000_000L;

    private final ConnectionFactory factory;
    private boolean lastAnswer;
    private long answeredAt;
    private boolean answered;

    BrokerProbe(ConnectionFactory factory) {
        this.factory = factory;
    }

    @Override
    public synchronized boolean getAsBoolean() {
        long now = System.nanoTime();
        if (!answered || now - answeredAt > KEEP_NANOS) {
            lastAnswer = probe();
            answeredAt = now;
            answered = true;
        }
        return lastAnswer;
    }

    private boolean probe() {
        try (Connection connection = factory.createConnection()) {
            connection.start();
            return true;
        } catch (JMSException | RuntimeException e) {
            return false;
        }
    }
}
