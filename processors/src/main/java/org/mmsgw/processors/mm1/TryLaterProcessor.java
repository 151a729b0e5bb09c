package org.mmsgw.processors.mm1;

import java.time.Duration;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.mmsgw.codec.mms.MmsEncoder;
import org.mmsgw.codec.mms.MmsPdus;
import org.mmsgw.processors.Counters;
import org.mmsgw.processors.MmsHeaders;

/**
 * The answer to a phone whose request was accepted but is not known to be queued (the gateway is busy or
 * its broker is away; at worst, a confirmation too late, a resend is queued twice): HTTP 503 with a
 * Retry-After, and for a submission an m-send-conf with X-Mms-Response-Status Error-transient-failure
 * and the phone's transaction id, so that both an HTTP client and the phone's MMS client see that it
 * may send the same request again.
 */
public final class TryLaterProcessor implements Processor {
    static final String TEXT = "the gateway could not queue the message now: try again later";
    private final Counters counters;
    private final long retryAfterSeconds;

    public TryLaterProcessor(Counters counters, Duration retryAfter) {
        this.counters = counters;
        this.retryAfterSeconds = Math.max(1, retryAfter.toSeconds());
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        // an accepted submission carries the Ok it would have been answered with (the hand-off's header
        // allow-list has taken the action header off by now)
        boolean submission = exchange.getProperty(MmsHeaders.REPLY) != null;
        counters.increment("mmsgw_not_queued_total", "action", submission ? MmsHeaders.ACTION_SUBMIT : MmsHeaders.ACTION_REPORT);
        in.setHeader(MmsHeaders.HTTP_STATUS, 503);
        in.setHeader(MmsHeaders.HTTP_RETRY_AFTER, retryAfterSeconds);
        if (submission) {
            byte[] pdu = in.getBody(byte[].class);
            String tid = pdu == null ? "" : TransactionIds.peek(pdu);
            in.setHeader(MmsHeaders.HTTP_CONTENT_TYPE, Mm1PostProcessor.MMS_CONTENT_TYPE);
            in.setBody(new MmsEncoder().encode(MmsPdus.sendConf(tid, ResponseStatus.TRANSIENT_FAILURE, TEXT, null)));
        } else {
            in.setHeader(MmsHeaders.HTTP_CONTENT_TYPE, "text/plain");
            in.setBody(TEXT);
        }
    }
}
