package org.mmsgw.processors.mm1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.mmsgw.codec.mms.MessageType;
import org.mmsgw.codec.mms.MmsDecoder;
import org.mmsgw.codec.mms.MmsEncoder;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.codec.mms.MmsPdus;
import org.mmsgw.codec.multipart.Part;
import org.mmsgw.codec.wsp.ContentType;
import org.mmsgw.processors.Counters;
import org.mmsgw.processors.MmsHeaders;

/** The answer to a request accepted but not queued: 503, Retry-After, and a transient m-send-conf. */
class TryLaterProcessorTest {
    private final Counters counters = new Counters();
    private final TryLaterProcessor tryLater = new TryLaterProcessor(counters, Duration.ofSeconds(45));

    @Test
    void aSubmissionGetsATransientFailureWithItsTransactionId() throws Exception {
        // the body as the hand-off had it: the submission as the gateway rewrote it
        SubmitHandler handler = new SubmitHandler(new SubmitPolicy(600 * 1024, 10, Duration.ofDays(3),
                Duration.ofDays(7), List.of("text/*", "application/smil", "application/vnd.wap.multipart.*")), () -> "M-1", Clock.systemUTC());
        byte[] req = new MmsEncoder().encode(MmsPdus.sendReq("T-42", List.of("+491701111111/TYPE=PLMN"), "Hi")
                .body(ContentType.of(ContentType.MULTIPART_MIXED), MmsPdus.multipart(Part.text("<t>", "t.txt", "Hello")))
                .build());
        SubmitOutcome outcome = handler.handle(req, Optional.of("+491702222222"));
        SubmitOutcome.Accepted accepted = assertInstanceOf(SubmitOutcome.Accepted.class, outcome, outcome::toString);
        Exchange e = exchange(accepted.pdu());
        e.setProperty(MmsHeaders.REPLY, accepted.sendConf());

        tryLater.process(e);

        assertEquals(503, e.getMessage().getHeader(MmsHeaders.HTTP_STATUS));
        assertEquals(45L, e.getMessage().getHeader(MmsHeaders.HTTP_RETRY_AFTER));
        assertEquals(Mm1PostProcessor.MMS_CONTENT_TYPE, e.getMessage().getHeader(MmsHeaders.HTTP_CONTENT_TYPE));
        MmsPdu conf = new MmsDecoder().decode(e.getMessage().getBody(byte[].class));
        assertEquals(MessageType.SEND_CONF, conf.messageType());
        assertEquals(Optional.of("T-42"), conf.transactionId());
        assertEquals(Optional.of(ResponseStatus.TRANSIENT_FAILURE), conf.token(MmsField.RESPONSE_STATUS));
        assertEquals(Optional.empty(), conf.text(MmsField.MESSAGE_ID), "no message id: nothing was kept");
        assertEquals(1, counters.get("mmsgw_not_queued_total{action=\"submit\"}"));
    }

    @Test
    void aReportGetsTextAndTheSameStatus() throws Exception {
        Exchange e = exchange("");

        tryLater.process(e);

        assertEquals(503, e.getMessage().getHeader(MmsHeaders.HTTP_STATUS));
        assertEquals(45L, e.getMessage().getHeader(MmsHeaders.HTTP_RETRY_AFTER));
        assertEquals("text/plain", e.getMessage().getHeader(MmsHeaders.HTTP_CONTENT_TYPE));
        assertEquals(TryLaterProcessor.TEXT, e.getMessage().getBody(String.class));
        assertEquals(1, counters.get("mmsgw_not_queued_total{action=\"report\"}"));
    }

    @Test
    void aRetryAfterBelowASecondIsOneSecond() throws Exception {
        Exchange e = exchange("");
        new TryLaterProcessor(counters, Duration.ofMillis(200)).process(e);
        assertEquals(1L, e.getMessage().getHeader(MmsHeaders.HTTP_RETRY_AFTER));
    }

    /** As the hand-off left it: its header allow-list took the action header off. */
    private static Exchange exchange(Object body) {
        Exchange e = new DefaultExchange(new DefaultCamelContext());
        e.getMessage().setBody(body);
        return e;
    }
}
