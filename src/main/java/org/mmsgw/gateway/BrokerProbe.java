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
 * runs on a thread of its own, the first as soon as the probe is made, and /health waits for it at most
 * {@value #WAIT_MILLIS} ms: /health runs on an HTTP event loop, whose other connections (phones fetching
 * messages) must not wait behind it. A broker that went away can keep a connection attempt hanging far
 * longer, and that is an answer too (down).
 */
final class BrokerProbe implements BooleanSupplier {
    private static final long KEEP_NANOS = 5_000_000_000L;
    private static final long WAIT_MILLIS = 100;

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
        running = CompletableFuture.supplyAsync(this::probe, prober);
    }

    @Override
    public synchronized boolean getAsBoolean() {
        long now = System.nanoTime();
        // a probe that ended since the last question answers this one, however fresh the last answer
        if (running == null && answered && now - answeredAt <= KEEP_NANOS) {
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
