package org.mmsgw.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmsgw.gateway.e2e.Pushes.accepted;
import static org.mmsgw.gateway.e2e.Pushes.awaitPushes;
import static org.mmsgw.gateway.e2e.Pushes.awaitUntil;
import static org.mmsgw.gateway.e2e.Pushes.settle;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.mmsgw.codec.mms.MessageType;
import org.mmsgw.codec.mms.MmsDecoder;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.gateway.EmbeddedBroker;
import org.mmsgw.gateway.fixtures.TestPhone;

/**
 * A submission that waits for room in a full {@code mms.submitted} longer than
 * {@code gateway.broker.submitted-wait} is refused with HTTP 503, a Retry-After and an m-send-conf
 * Error-transient-failure, and nothing of it is queued; those that found room are answered Ok and
 * pushed once, and the refused ones sent again later are taken once each.
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
        List<Callable<HttpResponse<byte[]>>> submissions = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            submissions.add(submit(i, recipients));
        }
        List<HttpResponse<byte[]>> answers = new ArrayList<>();
        // two one after the other fill the queue (each some 4 KB, the bound 8 KiB) ...
        for (int i = 0; i < 2; i++) {
            answers.add(submissions.get(i).call());
        }
        // ... and three more wait for room that does not come
        ExecutorService senders = Executors.newFixedThreadPool(3);
        try {
            List<Future<HttpResponse<byte[]>>> waiting = new ArrayList<>();
            for (int i = 2; i < 5; i++) {
                waiting.add(senders.submit(submissions.get(i)));
            }
            // /metrics shows them waiting (they wait 2 s)
            awaitUntil("three submissions waiting", () -> gateway.get("/metrics").body().contains("mmsgw_submissions_waiting 3\n"));
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
                // the phone is told to send it again later, in HTTP and in MMS terms
                assertEquals(503, answer.statusCode(), "the answer to a submission refused for want of room");
                assertEquals(Optional.of("30"), answer.headers().firstValue("Retry-After"));
                assertEquals(Optional.of("application/vnd.wap.mms-message"), answer.headers().firstValue("Content-Type"));
                MmsPdu conf = new MmsDecoder().decode(answer.body());
                assertEquals(MessageType.SEND_CONF, conf.messageType());
                assertEquals(Optional.of("R-" + i), conf.transactionId());
                assertEquals(Optional.of(0x40), conf.token(MmsField.RESPONSE_STATUS), "Error-transient-failure");
                assertEquals(Optional.empty(), conf.text(MmsField.MESSAGE_ID));
            }
        }
        assertEquals(2, gateway.broker().depth(EmbeddedBroker.SUBMITTED), "queued: those answered Ok");
        String metrics = gateway.get("/metrics").body();
        assertTrue(metrics.contains("mmsgw_not_queued_total{action=\"submit\"} 3"), metrics);
        assertTrue(metrics.contains("mmsgw_submissions_waiting 0\n"), metrics);

        gateway.context().getRouteController().startRoute("route");
        awaitPushes(smsc, recipients.get(0), 1);
        awaitPushes(smsc, recipients.get(1), 1);
        settle();
        for (int i = 0; i < recipients.size(); i++) {
            assertEquals(i < 2 ? 1 : 0, accepted(smsc, recipients.get(i)).size(), "notifications to " + recipients.get(i));
        }
        // the refused phones send the same requests again, now that there is room: each is taken once
        for (int i = 2; i < 5; i++) {
            HttpResponse<byte[]> again = submissions.get(i).call();
            assertEquals(200, again.statusCode());
            assertEquals(0, new MmsDecoder().decode(again.body()).token(MmsField.RESPONSE_STATUS).orElseThrow());
            awaitPushes(smsc, recipients.get(i), 1);
        }
        settle();
        for (String recipient : recipients) {
            assertEquals(1, accepted(smsc, recipient).size(), "notifications to " + recipient);
        }
    }

    /** The i-th phone's submission of some 4 KB, to a number of its own. */
    private Callable<HttpResponse<byte[]>> submit(int i, List<String> recipients) {
        String to = String.format(Locale.ROOT, "+4917070000%02d", i);
        recipients.add(to);
        TestPhone phone = gateway.phone(String.format(Locale.ROOT, "+4917020000%02d", i));
        var req = TestPhone.typicalSendReq("R-" + i, to, "Refused? " + i, "z".repeat(4000));
        return () -> phone.post(req);
    }
}
