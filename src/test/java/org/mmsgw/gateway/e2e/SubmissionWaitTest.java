package org.mmsgw.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mmsgw.gateway.e2e.Pushes.accepted;
import static org.mmsgw.gateway.e2e.Pushes.awaitPushes;
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
import org.mmsgw.codec.mms.MmsDecoder;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.gateway.EmbeddedBroker;
import org.mmsgw.gateway.fixtures.TestPhone;

/**
 * A submission that waits for room in a full {@code mms.submitted} longer than
 * {@code gateway.broker.submitted-wait} is refused with an error the phone retries, and nothing of it
 * is queued; those that found room are answered Ok and pushed once.
 */
class SubmissionWaitTest extends GatewayTest {
    @Override
    Map<String, String> settings() {
        return Map.of("gateway.broker.submitted-max-bytes", "8192", "gateway.broker.submitted-wait", "PT2S");
    }

    @Test
    void aSubmissionThatWaitedTooLongIsRefusedAndNotQueued() throws Exception {
        gateway.context().getRouteController().stopRoute("route");
        List<String> recipients = new ArrayList<>();
        List<HttpResponse<byte[]>> answers = new ArrayList<>();
        // two one after the other fill the queue (each some 4 KB, the bound 8 KiB) ...
        for (int i = 0; i < 2; i++) {
            answers.add(submit(i, recipients).call());
        }
        // ... and three more wait for room that does not come
        ExecutorService senders = Executors.newFixedThreadPool(3);
        try {
            List<Future<HttpResponse<byte[]>>> waiting = new ArrayList<>();
            for (int i = 2; i < 5; i++) {
                waiting.add(senders.submit(submit(i, recipients)));
            }
            for (Future<HttpResponse<byte[]>> answer : waiting) {
                answers.add(answer.get(10, TimeUnit.SECONDS));
            }
        } finally {
            senders.shutdownNow();
        }
        for (int i = 0; i < answers.size(); i++) {
            HttpResponse<byte[]> answer = answers.get(i);
            if (i < 2) {
                assertEquals(200, answer.statusCode());
                assertEquals(0, new MmsDecoder().decode(answer.body()).token(MmsField.RESPONSE_STATUS).orElseThrow());
            } else {
                assertEquals(500, answer.statusCode(), "the answer to a submission refused for want of room");
            }
        }
        assertEquals(2, gateway.broker().depth(EmbeddedBroker.SUBMITTED), "queued: those answered Ok");

        gateway.context().getRouteController().startRoute("route");
        awaitPushes(smsc, recipients.get(0), 1);
        awaitPushes(smsc, recipients.get(1), 1);
        settle();
        for (int i = 0; i < recipients.size(); i++) {
            assertEquals(i < 2 ? 1 : 0, accepted(smsc, recipients.get(i)).size(), "notifications to " + recipients.get(i));
        }
    }

    /** The i-th phone's submission of some 4 KB, to a number of its own. */
    private java.util.concurrent.Callable<HttpResponse<byte[]>> submit(int i, List<String> recipients) {
        String to = String.format(Locale.ROOT, "+4917070000%02d", i);
        recipients.add(to);
        TestPhone phone = gateway.phone(String.format(Locale.ROOT, "+4917020000%02d", i));
        var req = TestPhone.typicalSendReq("R-" + i, to, "Refused? " + i, "z".repeat(4000));
        return () -> phone.post(req);
    }
}
