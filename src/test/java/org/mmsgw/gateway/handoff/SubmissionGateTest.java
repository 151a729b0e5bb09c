package org.mmsgw.gateway.handoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
    void aGateStartedAgainAfterClosingLetsItsLineThroughAgain() throws Exception {
        open(10_000);
        queued.set(5000);
        enter("before the stop");
        gate.close();
        gate.start(); // the component started again (a restart of the routes)
        enter("after the start");
        assertEquals(1, gate.waiting());
        queued.set(0);
        awaitSent(1);
        assertEquals(List.of("after the start"), List.copyOf(sent));
        assertEquals(1, refused.size(), "the one waiting at the stop was refused: " + refused);
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

    @Test
    void anIdleGateSchedulesNothingAndWakesAgainForTheNextWait() throws Exception {
        open(10_000);
        enter("at once");
        assertTrue(!gate.polling(), "nobody waited: nothing scheduled");
        for (int round = 1; round <= 3; round++) {
            queued.set(5000);
            enter("waits " + round);
            assertTrue(gate.polling(), "someone waits: the line is looked at");
            queued.set(0);
            awaitSent(round + 1);
            awaitIdle();
        }
        assertEquals(List.of("at once", "waits 1", "waits 2", "waits 3"), List.copyOf(sent));
    }

    @Test
    void manyRequestsFromManyThreadsAreEachSentOnceInTheEnd() throws Exception {
        // the broker "takes" a message a little after it is sent, so the line fills and empties again
        // and again while eight threads keep entering: none may be left in the line or sent twice
        gate = new SubmissionGate("mms.submitted", queued::get, 2000, 30_000);
        gate.start();
        ScheduledExecutorService broker = Executors.newScheduledThreadPool(2);
        ExecutorService phones = Executors.newFixedThreadPool(8);
        try {
            int perThread = 500;
            AtomicInteger fromTheLine = new AtomicInteger();
            CountDownLatch entered = new CountDownLatch(8);
            for (int t = 0; t < 8; t++) {
                int thread = t;
                phones.execute(() -> {
                    for (int i = 0; i < perThread; i++) {
                        String name = thread + "-" + i;
                        gate.enter(400, () -> {
                            sent.add(name);
                            if (Thread.currentThread().getName().startsWith("submission-gate-send-")) {
                                fromTheLine.incrementAndGet();
                            }
                            queued.addAndGet(400);
                            gate.sent(400);
                            broker.schedule(() -> queued.addAndGet(-400), 200, TimeUnit.MICROSECONDS);
                        }, e -> refused.add(name + ": " + e.getMessage()));
                        if (i % 50 == 0) {
                            Thread.onSpinWait();
                        }
                    }
                    entered.countDown();
                });
            }
            assertTrue(entered.await(30, TimeUnit.SECONDS));
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (sent.size() < 8 * perThread && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(List.of(), List.copyOf(refused));
            assertEquals(8 * perThread, sent.size(), "every request sent");
            assertEquals(8 * perThread, Set.copyOf(sent).size(), "none twice");
            assertTrue(fromTheLine.get() > 0, "some waited in the line: " + fromTheLine);
            awaitIdle();
        } finally {
            phones.shutdownNow();
            broker.shutdownNow();
        }
    }

    private void awaitIdle() throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (gate.polling() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertTrue(!gate.polling(), "the line is empty: nothing scheduled any more");
        assertEquals(0, gate.waiting());
    }

    private void awaitSent(int count) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (sent.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(count, sent.size(), "sent");
    }
}
