package org.mmsgw.processors.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** The sync step: at once on its own, once for all inside {@code deferring}, and also when that work fails. */
class StoreSyncProcessorTest {
    private final AtomicInteger syncs = new AtomicInteger();
    private final StoreSyncProcessor step = new StoreSyncProcessor((MessageStore) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {MessageStore.class}, (proxy, method, args) -> {
                if (method.getName().equals("sync")) {
                    syncs.incrementAndGet();
                    return null;
                }
                throw new AssertionError("not used here: " + method.getName());
            }));
    private final DefaultExchange exchange = new DefaultExchange(new DefaultCamelContext());

    @Test
    void syncsAtOnceOutsideABatch() {
        step.process(exchange);
        step.process(exchange);
        assertEquals(2, syncs.get());
    }

    @Test
    void oneSyncForEveryStepOfABatchMadeAtItsEnd() {
        step.deferring(() -> {
            step.process(exchange);
            step.process(exchange);
            step.deferring(() -> step.process(exchange)); // nested: the outer one syncs
            assertEquals(0, syncs.get(), "nothing synced before the end of the batch");
        });
        assertEquals(1, syncs.get());
        step.deferring(() -> { });
        assertEquals(1, syncs.get(), "a batch that asked for no sync makes none");
        step.process(exchange);
        assertEquals(2, syncs.get(), "after the batch, steps sync at once again");
    }

    @Test
    void failedBatchSyncsWhatItWroteAndFailsAsItDid() {
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> step.deferring(() -> {
            assertEquals(0, syncs.get());
            throw new IllegalStateException("the batch is rolled back");
        }));
        assertEquals("the batch is rolled back", thrown.getMessage());
        assertEquals(1, syncs.get(), "synced before the rollback: its redeliveries find the writes on disk");
        step.process(exchange);
        assertEquals(2, syncs.get(), "the failed batch left no deferral behind");
    }

    @Test
    void otherThreadsAreNotDeferred() throws Exception {
        step.deferring(() -> {
            Thread other = new Thread(() -> step.process(exchange));
            other.start();
            other.join();
            assertEquals(1, syncs.get(), "another thread's step synced at once");
        });
        assertEquals(1, syncs.get());
    }
}
