package org.mmsgw.processors.store;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The last step of a flow whose store writes did not wait for the disk: returns once they are on it,
 * so the flow's transaction commits only what the store keeps. Inside {@link #deferring} (a
 * transaction that takes several messages, each running the flow) the step only notes that a sync is
 * due, and one sync is made at the end for all of them, before their common commit.
 */
public final class StoreSyncProcessor implements Processor {
    /** Work that may fail with a checked exception of its own. */
    public interface Work<E extends Exception> {
        void run() throws E;
    }

    private final MessageStore store;
    /** Set on a thread while it runs {@link #deferring}: whether a sync was asked for meanwhile. */
    private final ThreadLocal<boolean[]> deferred = new ThreadLocal<>();

    public StoreSyncProcessor(MessageStore store) {
        this.store = store;
    }

    @Override
    public void process(Exchange exchange) {
        boolean[] due = deferred.get();
        if (due != null) {
            due[0] = true;
        } else {
            store.sync();
        }
    }

    /**
     * Runs {@code work} with this thread's syncs held back, then makes the one sync they asked for. When
     * {@code work} fails, what it wrote is synced all the same before the failure goes on: the caller
     * rolls its transaction back, and the redelivered messages, run on any thread, must find on disk
     * what they find in the store (a sync covers only its own thread's writes).
     */
    public <E extends Exception> void deferring(Work<E> work) throws E {
        if (deferred.get() != null) {
            work.run(); // the outer call syncs
            return;
        }
        boolean[] due = {false};
        deferred.set(due);
        try {
            work.run();
        } catch (Throwable failure) {
            try {
                store.sync();
            } catch (RuntimeException | Error e) {
                failure.addSuppressed(e);
            }
            throw failure;
        } finally {
            deferred.remove();
        }
        if (due[0]) {
            store.sync();
        }
    }
}
