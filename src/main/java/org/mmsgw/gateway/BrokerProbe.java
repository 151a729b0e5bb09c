package org.mmsgw.gateway;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;

/**
 * Whether an external broker can be reached: a connection is opened, started and closed, at most
 * every few seconds however often /health is asked (the last answer is kept in between). The probe
 * runs on a thread of its own and /health waits for it at most {@value #WAIT_MILLIS} ms: a broker that
 * went away can keep a connection attempt hanging far longer, and that is an answer too (down).
 */
final class BrokerProbe implements BooleanSupplier {
    private static final long KEEP_NANOS = 5_000_000_000L;
    private static final long WAIT_MILLIS = 2000;

    private final ConnectionFactory factory;
    private final ExecutorService prober = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "broker-probe");
        t.setDaemon(true);
        return t;
    });
    private boolean lastAnswer;
    private long answeredAt;
    private boolean answered;
    private CompletableFuture<Boolean> running;

    BrokerProbe(ConnectionFactory factory) {
        this.factory = factory;
    }

    @Override
    public synchronized boolean getAsBoolean() {
        long now = System.nanoTime();
        if (answered && now - answeredAt <= KEEP_NANOS) {
            return lastAnswer;
        }
        if (running == null) {
            running = CompletableFuture.supplyAsync(this::probe, prober);
        }
        try {
            lastAnswer = running.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
            running = null;
        } catch (TimeoutException e) {
            // still trying: down for now; the same attempt is asked again next time
            lastAnswer = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lastAnswer = false;
        } catch (ExecutionException e) {
            running = null;
            lastAnswer = false;
        }
        answeredAt = now;
        answered = true;
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
