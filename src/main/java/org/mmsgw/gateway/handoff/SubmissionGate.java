package org.mmsgw.gateway.handoff;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the hand-offs to one queue waiting, in the order they came, while the queue holds more than
 * its bound (the octets the embedded broker counts for it, plus those of the sends let through and
 * not confirmed yet), without holding up a thread. A request that finds room is sent at once; one that
 * finds none waits in a line, which a timer looks at every millisecond while anyone waits (an idle gate
 * wakes no thread): it lets the head through as
 * room comes (sent on a small pool) and refuses a request that waited longer than its limit (the phone
 * gets an error it retries; nothing was sent). So a full queue never blocks Netty's event loop (which
 * would hold back the answers of the loop's other connections and the health check), and the room is
 * shared out first come, first served.
 *
 * <p>The broker itself then never blocks a sender on that queue: beyond twice the bound it keeps
 * messages in page files.
 */
public final class SubmissionGate implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SubmissionGate.class);
    private static final int SENDERS = 4;

    private final String queue;
    private final LongSupplier queuedOctets;
    private final long bound;
    private final long maxWaitNanos;
    private final Queue<Waiting> line = new ConcurrentLinkedQueue<>();
    /** Octets let through and not yet confirmed or failed: the broker does not count them yet. */
    private final AtomicLong inFlight = new AtomicLong();
    private volatile ScheduledExecutorService timer;
    /** Whether a look at the line is scheduled: set by who schedules it, cleared by the look that finds it empty. */
    private final AtomicBoolean polling = new AtomicBoolean();
    private volatile boolean closed;
    /** Runs the sends let through from the line (a large message takes a while to send: not on the timer). */
    private ExecutorService senders;

    /**
     * @param queue        the queue it guards
     * @param queuedOctets the octets the queue holds now
     * @param bound        octets beyond which requests wait
     * @param maxWaitMillis how long a request may wait before it is refused
     */
    public SubmissionGate(String queue, LongSupplier queuedOctets, long bound, long maxWaitMillis) {
        this.queue = queue;
        this.queuedOctets = queuedOctets;
        this.bound = bound;
        this.maxWaitNanos = TimeUnit.MILLISECONDS.toNanos(maxWaitMillis);
    }

    boolean guards(String name) {
        return queue.equals(name);
    }

    synchronized void start() {
        closed = false;
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "submission-gate");
                t.setDaemon(true);
                return t;
            });
            AtomicInteger threads = new AtomicInteger();
            senders = Executors.newFixedThreadPool(SENDERS, r -> {
                Thread t = new Thread(r, "submission-gate-send-" + threads.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            pollIfWaiting(); // requests that came before the start
        }
    }

    /**
     * Runs {@code send} (of a message of about {@code octets}) now when the queue has room and nobody
     * waits, or later from the line; or calls {@code refuse} (once, instead) when the request waited too
     * long or the gate closed. Neither may throw. A send let through is counted against the bound until
     * its outcome is known: the caller then says {@link #sent}.
     */
    void enter(long octets, Runnable send, Consumer<Exception> refuse) {
        if (closed) {
            refuse.accept(new IllegalStateException("hand-offs to " + queue + " are stopped"));
            return;
        }
        if (line.isEmpty() && hasRoom()) {
            inFlight.addAndGet(octets);
            send.run();
            return;
        }
        line.add(new Waiting(octets, send, refuse, System.nanoTime() + maxWaitNanos));
        pollIfWaiting();
    }

    /** Schedules a look at the line when someone waits and none is scheduled yet. */
    private void pollIfWaiting() {
        if (!line.isEmpty() && polling.compareAndSet(false, true)) {
            schedulePoll();
        }
    }

    /** One look at the line in a millisecond, by the holder of {@link #polling}. */
    private void schedulePoll() {
        ScheduledExecutorService t = timer;
        if (t != null) {
            try {
                t.schedule(this::poll, 1, TimeUnit.MILLISECONDS);
                return;
            } catch (RejectedExecutionException closedMeanwhile) {
                // handled below, as when the gate is closed
            }
        }
        // no look scheduled: the flag is free again, so that a later start or request schedules one
        polling.set(false);
        if (closed) {
            // whatever waits now is refused, as close() does
            refuseAll("hand-offs stopped while the request waited for room in " + queue);
        } else if (timer != null) {
            // started meanwhile (before its start, start() looks at the line itself)
            pollIfWaiting();
        }
    }

    private void poll() {
        try {
            admitWaiting();
        } catch (RuntimeException e) {
            // the line is looked at again in a millisecond, or refused by close()
            LOG.warn("the gate of {} could not look at its line: {}", queue, e.toString());
        }
        if (closed) {
            return;
        }
        if (!line.isEmpty()) {
            schedulePoll();
            return;
        }
        polling.set(false);
        pollIfWaiting(); // a request that joined after the look but before the flag was cleared found it set
    }

    /** A send let through is confirmed or failed: the broker counts it now, or never will. */
    void sent(long octets) {
        inFlight.addAndGet(-octets);
    }

    private boolean hasRoom() {
        return queuedOctets.getAsLong() + inFlight.get() < bound;
    }

    /** Whether a look at the line is scheduled (none while nobody waits). */
    boolean polling() {
        return polling.get();
    }

    /** Requests waiting now. */
    public int waiting() {
        return line.size();
    }

    private void admitWaiting() {
        Waiting head;
        while ((head = line.peek()) != null) {
            if (System.nanoTime() - head.deadline > 0) {
                line.poll();
                head.refuse.accept(new IllegalStateException(queue + " stayed full for "
                        + TimeUnit.NANOSECONDS.toMillis(maxWaitNanos) + " ms: try again later"));
                continue;
            }
            if (!hasRoom()) {
                return;
            }
            line.poll();
            inFlight.addAndGet(head.octets);
            Runnable send = head.send;
            senders.execute(() -> {
                try {
                    send.run();
                } catch (RuntimeException e) {
                    // a send reports its own failures to its request; nothing more to do here
                    LOG.warn("a hand-off let through by the gate of {} failed: {}", queue, e.toString());
                }
            });
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
            senders.shutdown();
            senders = null;
        }
        refuseAll("hand-offs stopped while the request waited for room in " + queue);
        polling.set(false); // a start after this one begins with nothing scheduled
    }

    private void refuseAll(String why) {
        Waiting w;
        while ((w = line.poll()) != null) {
            w.refuse.accept(new IllegalStateException(why));
        }
    }

    private record Waiting(long octets, Runnable send, Consumer<Exception> refuse, long deadline) {
    }
}
