package org.mmsgw.gateway.handoff;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultAsyncProducer;

/** Sends the message (body and headers) persistently; the exchange fails if the broker refuses it. */
final class HandOffProducer extends DefaultAsyncProducer {
    private final String queue;
    private final HandOffSessions sessions;
    private final boolean async;

    HandOffProducer(HandOffEndpoint endpoint, String queue, HandOffSessions sessions, boolean async) {
        super(endpoint);
        this.queue = queue;
        this.sessions = sessions;
        this.async = async;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        if (!async) {
            CompletableFuture<Void> confirmed = new CompletableFuture<>();
            try {
                sessions.send(queue, exchange.getMessage(), error -> {
                    if (error == null) {
                        confirmed.complete(null);
                    } else {
                        confirmed.completeExceptionally(error);
                    }
                });
                confirmed.get();
            } catch (ExecutionException e) {
                exchange.setException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.setException(e);
            } catch (Exception e) {
                exchange.setException(e);
            }
            callback.done(true);
            return true;
        }
        try {
            sessions.send(queue, exchange.getMessage(), error -> {
                if (error != null) {
                    exchange.setException(error);
                }
                callback.done(false);
            });
            return false;
        } catch (Exception e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
    }
}
