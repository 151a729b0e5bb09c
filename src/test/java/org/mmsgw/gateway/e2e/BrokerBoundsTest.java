package org.mmsgw.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmsgw.gateway.e2e.Pushes.accepted;
import static org.mmsgw.gateway.e2e.Pushes.assertOk;
import static org.mmsgw.gateway.e2e.Pushes.awaitPushes;
import static org.mmsgw.gateway.e2e.Pushes.awaitUntil;
import static org.mmsgw.gateway.e2e.Pushes.settle;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mmsgw.gateway.fixtures.TestPhone;

/**
 * The embedded broker's bounds, made tiny: hand-offs that pile up during an SMSC outage go to page
 * files instead of the heap, submissions are still taken meanwhile, and every message is pushed once
 * when the SMSC returns.
 */
class BrokerBoundsTest extends GatewayTest {
    private static final int MESSAGES = 40;

    @Override
    Map<String, String> settings() {
        return Map.of("gateway.broker.deliver-max-bytes", "4096");
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
