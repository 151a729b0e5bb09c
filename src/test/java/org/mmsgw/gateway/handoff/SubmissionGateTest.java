package org.mmsgw.gateway.handoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SubmissionGateTest {
    private final AtomicLong queued = new AtomicLong();
    private final Queue<String> sent = new ConcurrentLinkedQueue<>();
    private final Queue<String> refused = new ConcurrentLinkedQueue<>();
    private SubmissionGate gate;

    @AfterEach
    void close() {
        gate.close();
    }

    private SubmissionGate open(long maxWaitMillis) {
        gate = new SubmissionGate("mms.submitted", queued::get, 1000, maxWaitMillis);
        gate.start();
        return gate;
    }

    /** A send of 400 octets that the broker confirms at once. */
    private void enter(String name) {
        gate.enter(400, () -> {
            sent.add(name);
            queued.addAndGet(400);
            gate.sent(400);
        }, e -> refused.add(name + ": " + e.getMessage()));
    }

    @Test
    void withRoomASendGoesAtOnceOnTheCallersThread() {
        open(10_000);
        Thread caller = Thread.currentThread();
        Thread[] ran = new Thread[1];
        gate.enter(0, () -> ran[0] = Thread.currentThread(), e -> refused.add(e.getMessage()));
        assertEquals(caller, ran[0]);
        assertTrue(refused.isEmpty());
    }

    @Test
    void beyondTheBoundSendsWaitAndGoInTheirOrderAsRoomComes() throws Exception {
        open(10_000);
        for (String name : List.of("a", "b", "c", "d", "e")) {
            enter(name);
        }
        // a, b, c took the room (1,200 octets of 1,000); d and e wait
        assertEquals(List.of("a", "b", "c"), List.copyOf(sent));
        assertEquals(2, gate.waiting());
        Thread.sleep(50);
        assertEquals(3, sent.size(), "nothing goes while the queue is full");

        queued.set(0); // the routing took everything
        awaitSent(5);
        // let through in their order, sent on the gate's pool (which may finish them in another)
        assertEquals(Set.of("a", "b", "c", "d", "e"), Set.copyOf(sent));
        assertTrue(refused.isEmpty());
    }

    @Test
    void aLateComerWaitsBehindThoseAlreadyWaiting() throws Exception {
        gate = new SubmissionGate("mms.submitted", queued::get, 1000, 10_000); // its timer not started yet
        queued.set(5000);
        enter("first");
        queued.set(0); // room now, but "first" is in the line: "second" goes behind it
        enter("second");
        assertEquals(List.of(), List.copyOf(sent));
        assertEquals(2, gate.waiting());
        gate.start();
        awaitSent(2);
        assertEquals(Set.of("first", "second"), Set.copyOf(sent));
    }

    @Test
    void aSendThatWaitedTooLongIsRefusedAndNotSent() throws Exception {
        open(100);
        queued.set(5000);
        enter("late");
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (refused.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(1, refused.size());
        assertTrue(refused.peek().startsWith("late: mms.submitted stayed full for 100 ms"), refused.peek());
        queued.set(0);
        Thread.sleep(50);
        assertTrue(sent.isEmpty(), "a refused send never goes");
    }

    @Test
    void sendsNotYetConfirmedCountAgainstTheBound() {
        open(10_000);
        for (String name : List.of("a", "b", "c", "d")) {
            gate.enter(400, () -> sent.add(name), e -> refused.add(name)); // none confirmed yet
        }
        assertEquals(List.of("a", "b", "c"), List.copyOf(sent), "1,200 octets in flight, the bound 1,000");
        assertEquals(1, gate.waiting());
        gate.sent(400);
        gate.sent(400); // two confirmed, and taken by the routing already: 400 left in flight
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (sent.size() < 4 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(Set.of("a", "b", "c", "d"), Set.copyOf(sent));
    }

    @Test
    void closingRefusesWhatWaits() {
        open(10_000);
        queued.set(5000);
        enter("waiting");
        gate.close();
        assertEquals(1, refused.size());
        enter("after"); // a request that comes once the gate is closed is refused, not left waiting
        assertEquals(2, refused.size());
        assertTrue(sent.isEmpty());
    }

    @Test
    void aSendThatThrowsDoesNotStopTheLine() throws Exception {
        open(10_000);
        queued.set(5000);
        gate.enter(0, () -> {
            throw new IllegalStateException("boom");
        }, e -> refused.add(e.getMessage()));
        enter("next");
        queued.set(0);
        awaitSent(1);
        assertEquals(List.of("next"), List.copyOf(sent));
    }

    private void awaitSent(int count) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (sent.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(count, sent.size(), "sent");
    }
}
