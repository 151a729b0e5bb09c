package org.mmsgw.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmsgw.gateway.e2e.Pushes.accepted;
import static org.mmsgw.gateway.e2e.Pushes.assertOk;
import static org.mmsgw.gateway.e2e.Pushes.awaitPushes;
import static org.mmsgw.gateway.e2e.Pushes.awaitUntil;
import static org.mmsgw.gateway.e2e.Pushes.settle;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.gateway.EmbeddedBroker;
import org.mmsgw.gateway.fixtures.TestPhone;

/**
 * The embedded broker's bounds, made tiny: hand-offs that pile up during an SMSC outage go to page
 * files instead of the heap, submissions are still taken meanwhile, and every message is pushed once
 * when the SMSC returns; submissions beyond what the routing step has taken wait for room.
 */
class BrokerBoundsTest extends GatewayTest {
    private static final int MESSAGES = 40;

    @Override
    Map<String, String> settings() {
        return Map.of("gateway.broker.deliver-max-bytes", "4096", "gateway.broker.submitted-max-bytes", "16384");
    }

    /**
     * With the routing step stopped, {@code mms.submitted} fills to its bound: the phones beyond it get
     * no answer yet (their submissions wait at the door, nothing is refused or lost), and once the
     * routing runs again every one of them is answered Ok and pushed once.
     */
    @Test
    void submissionsBeyondTheBoundWaitForRoomAndAreEachAnsweredAndPushed() throws Exception {
        int phones = 10;
        gateway.context().getRouteController().stopRoute("route");
        ExecutorService senders = Executors.newFixedThreadPool(phones);
        List<Future<MmsPdu>> answers = new ArrayList<>();
        List<String> recipients = new ArrayList<>();
        try {
            for (int i = 0; i < phones; i++) {
                String to = String.format(Locale.ROOT, "+4917060000%02d", i);
                recipients.add(to);
                TestPhone phone = gateway.phone(String.format(Locale.ROOT, "+4917010000%02d", i));
                MmsPdu req = TestPhone.typicalSendReq("W-" + i, to, "Waits " + i, "y".repeat(4000));
                answers.add(senders.submit(() -> phone.send(req)));
            }
            awaitUntil("the queue at its bound", () -> answers.stream().filter(Future::isDone).count() >= 2);
            Thread.sleep(2000);
            List<Future<MmsPdu>> answered = answers.stream().filter(Future::isDone).toList();
            assertTrue(answered.size() < phones, "all " + phones + " answered while the queue was full");
            for (Future<MmsPdu> answer : answered) {
                assertOk(answer.get()); // queued and answered at once, not held back by the waiting ones
            }
            assertEquals(answered.size(), gateway.broker().depth(EmbeddedBroker.SUBMITTED), "queued: those answered");
            // the waiting submissions hold no thread the other requests need
            HttpResponse<String> health = gateway.get("/health");
            assertEquals(200, health.statusCode(), "health while submissions wait: " + health.body());

            gateway.context().getRouteController().startRoute("route");
            for (Future<MmsPdu> answer : answers) {
                assertOk(answer.get(30, TimeUnit.SECONDS));
            }
        } finally {
            senders.shutdownNow();
        }
        assertEachPushedOnce(recipients);
    }

    @Test
    void handOffsBeyondTheirBoundWaitOnDiskAndAreEachPushedOnce() throws Exception {
        TestPhone alice = gateway.phone("+491701111111");
        assertOk(alice.send(TestPhone.typicalSendReq("B-0", "+491709999999", "Before", "while up")));
        awaitPushes(smsc, "+491709999999", 1);
        Pushes.stopSmsc(smsc);

        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            String to = String.format(Locale.ROOT, "+4917050000%02d", i);
            recipients.add(to);
            assertOk(alice.send(TestPhone.typicalSendReq("B-" + (i + 1), to, "During " + i, "x".repeat(2000))));
        }
        awaitUntil("every hand-off on the delivery queue", () -> gateway.broker().depth("mms.deliver.mm1") == MESSAGES);
        assertTrue(gateway.broker().isPaging("mms.deliver.mm1"), "the delivery queue pages beyond its bound");

        smsc.start();
        assertEachPushedOnce(recipients);
    }

    /** Every number gets one notification, and nothing ends in the dead letters. */
    private void assertEachPushedOnce(List<String> recipients) throws InterruptedException {
        for (String to : recipients) {
            awaitPushes(smsc, to, 1);
        }
        settle();
        for (String to : recipients) {
            assertEquals(1, accepted(smsc, to).size(), "notifications to " + to);
        }
        assertEquals(0, gateway.broker().depth("DLQ"), "dead letters");
    }
}
