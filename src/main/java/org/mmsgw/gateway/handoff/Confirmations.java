package org.mmsgw.gateway.handoff;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;

import jakarta.jms.JMSException;

/**
 * The sends waiting for the broker's confirmation: each is told its outcome exactly once (confirmed,
 * refused, or failed by its owner), and one not confirmed within the timeout fails (a sweeper looks
 * every second).
 */
final class Confirmations {
    private final long timeoutNanos;
    private final Set<Confirmation> pending = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService sweeper;

    Confirmations(long timeoutMillis) {
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    }

    /** @param eachSecond also run by the sweeper, before it fails the overdue sends */
    synchronized void start(Runnable eachSecond) {
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "handoff-timeouts");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(() -> {
            eachSecond.run();
            failOverdue();
        }, 1, 1, TimeUnit.SECONDS);
    }

    /** A send about to start; {@code owner} is what a failure of all its owner's sends names. */
    Confirmation open(Object owner, Consumer<Exception> done) {
        return new Confirmation(owner, done);
    }

    /** Fails the unconfirmed sends of the owners {@code of} picks. */
    void fail(Predicate<Object> of, Exception cause) {
        for (Confirmation c : pending) {
            if (of.test(c.owner)) {
                c.finish(cause);
            }
        }
    }

    /** Stops the sweeper and fails every send not confirmed yet. */
    void close(String why) {
        synchronized (this) {
            if (sweeper != null) {
                sweeper.shutdownNow();
            }
        }
        fail(owner -> true, new JMSException(why));
    }

    private void failOverdue() {
        long now = System.nanoTime();
        for (Confirmation c : pending) {
            if (now - c.deadline > 0) {
                c.finish(new JMSException("the broker did not confirm the hand-off within "
                        + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms"));
            }
        }
    }

    /** One send waiting for its confirmation. */
    final class Confirmation {
        final Object owner;
        private final Consumer<Exception> done;
        private volatile long deadline;
        private final AtomicBoolean finished = new AtomicBoolean();

        private Confirmation(Object owner, Consumer<Exception> done) {
            this.owner = owner;
            this.done = done;
        }

        /** Tracked for the timeout and its owner's failure once its send is on its way (unless done already). */
        void waiting() {
            deadline = System.nanoTime() + timeoutNanos;
            pending.add(this);
            if (finished.get()) {
                pending.remove(this);
            }
        }

        /** The outcome: null when the broker has the message on disk; only the first call counts. */
        void finish(Exception error) {
            if (finished.compareAndSet(false, true)) {
                pending.remove(this);
                done.accept(error);
            }
        }
    }
}
