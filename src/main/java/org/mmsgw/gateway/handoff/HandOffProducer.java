package org.mmsgw.gateway.handoff;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * Sends the message (body and headers) persistently; the exchange fails with a
 * {@link HandOffFailedException} if the message was not queued. To a
 * queue a {@link SubmissionGate} guards, the send waits in the gate's line while the queue is full.
 */
final class HandOffProducer extends DefaultAsyncProducer {
    private final String queue;
    private final HandOffSender sessions;
    private final boolean async;
    private final SubmissionGate gate;

    /** @param gate the gate of this queue, or null */
    HandOffProducer(HandOffEndpoint endpoint, String queue, HandOffSender sessions, boolean async,
            SubmissionGate gate) {
        super(endpoint);
        this.queue = queue;
        this.sessions = sessions;
        this.async = async;
        this.gate = gate;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        if (!async) {
            CompletableFuture<Void> confirmed = new CompletableFuture<>();
            try {
                send(exchange, error -> {
                    if (error == null) {
                        confirmed.complete(null);
                    } else {
                        confirmed.completeExceptionally(error);
                    }
                });
                confirmed.get();
            } catch (ExecutionException e) {
                exchange.setException(failed(e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.setException(failed(e));
            } catch (Exception e) {
                exchange.setException(failed(e));
            }
            callback.done(true);
            return true;
        }
        Consumer<Exception> done = error -> {
            if (error != null) {
                exchange.setException(failed(error));
            }
            callback.done(false);
        };
        if (gate != null) {
            try {
                send(exchange, done);
            } catch (Exception e) {
                done.accept(e); // not thrown with a gate: its sends report to done
            }
            return false;
        }
        try {
            sessions.send(queue, exchange.getMessage(), done);
            return false;
        } catch (Exception e) {
            exchange.setException(failed(e));
            callback.done(true);
            return true;
        }
    }

    private HandOffFailedException failed(Throwable cause) {
        return cause instanceof HandOffFailedException f ? f : new HandOffFailedException(queue, cause);
    }

    /** The send, through the gate when there is one: {@code done} hears every outcome, once. */
    private void send(Exchange exchange, Consumer<Exception> done) throws Exception {
        if (gate == null) {
            sessions.send(queue, exchange.getMessage(), done);
            return;
        }
        long octets = exchange.getMessage().getBody() instanceof byte[] body ? body.length : 0;
        Consumer<Exception> outcome = error -> {
            gate.sent(octets);
            done.accept(error);
        };
        gate.enter(octets, () -> {
            try {
                sessions.send(queue, exchange.getMessage(), outcome);
            } catch (Exception e) {
                outcome.accept(e);
            }
        }, done);
    }
}
