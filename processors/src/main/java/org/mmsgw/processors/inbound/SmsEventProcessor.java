package org.mmsgw.processors.inbound;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.mmsgw.processors.Counters;
import org.mmsgw.processors.MmsHeaders;
import org.mmsgw.processors.mm1.Msisdn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first step for a deliver_sm (body: {@link ReceivedSms}): turns it into the event the gateway
 * queues, with {@link MmsHeaders#ACTION} {@code queue}, or {@code skip} for what no later step can use
 * (a receipt naming no message id, an SMS from no phone number). Delivery receipts: the id from the
 * receipted_message_id TLV, else from the text's {@code id:} (SMPP 3.4 Appendix B); the status from the
 * message_state TLV, else from {@code stat:}. Mobile-originated SMS: the sender's number and the user
 * data as they came; reading them is the later step's work, after the SMSC has its answer.
 */
public final class SmsEventProcessor implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(SmsEventProcessor.class);
    /** A field's value ends at blank space: an empty {@code id:} must not take the next field's name. */
    private static final Pattern ID = Pattern.compile("(?i)(?:^|\\s)id:[ \\t]*([A-Za-z0-9_-]{1,64})(?=\\s|$)");
    private static final Pattern STAT = Pattern.compile("(?i)(?:^|\\s)stat:[ \\t]*([A-Za-z]{1,10})(?=\\s|$)");
    /** message_state values (SMPP 3.4 §5.2.28) as the receipt text names them. */
    private static final String[] STATES = {"", "ENROUTE", "DELIVRD", "EXPIRED", "DELETED", "UNDELIV", "ACCEPTD",
        "UNKNOWN", "REJECTD"};
    private static final int MAX_TEXT = 512;
    public static final String ACTION_QUEUE = "queue";

    private final Counters counters;

    public SmsEventProcessor(Counters counters) {
        this.counters = counters;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        ReceivedSms sms = in.getMandatoryBody(ReceivedSms.class);
        in.removeHeaders("*");
        if (sms.isReceipt()) {
            receipt(in, sms);
        } else {
            text(in, sms);
        }
    }

    private void receipt(Message in, ReceivedSms sms) {
        counters.increment("mmsgw_receipts_total");
        byte[] data = sms.userData();
        String text = new String(data, 0, Math.min(data.length, MAX_TEXT), StandardCharsets.ISO_8859_1);
        Optional<String> fromTlv = sms.receiptedMessageId().filter(s -> !s.isBlank());
        Optional<String> id = fromTlv.or(() -> group(ID, text));
        Optional<String> stat = sms.messageState().filter(s -> s > 0 && s < STATES.length).map(s -> STATES[s])
                .or(() -> group(STAT, text).map(s -> s.toUpperCase(java.util.Locale.ROOT)));
        if (id.isEmpty() || stat.isEmpty()) {
            counters.increment("mmsgw_receipts_unmatched_total");
            LOG.warn("delivery receipt from {} without {}: dropped", sms.source(), id.isEmpty() ? "message id" : "status");
            skip(in);
            return;
        }
        in.setHeader(MmsHeaders.SMS_KIND, "receipt");
        in.setHeader(MmsHeaders.SMSC_ID, id.get());
        in.setHeader(MmsHeaders.SMSC_ID_FROM_TLV, fromTlv.isPresent());
        in.setHeader(MmsHeaders.RECEIPT_STAT, stat.get());
        in.setHeader(MmsHeaders.ACTION, ACTION_QUEUE);
        in.setBody("");
    }

    private void text(Message in, ReceivedSms sms) {
        counters.increment("mmsgw_sms_received_total");
        // TON 1 is an international number without its +
        String number = sms.sourceTon() == 1 && !sms.source().startsWith("+") ? "+" + sms.source() : sms.source();
        Optional<String> phone = Msisdn.normalise(number).filter(n -> sms.sourceTon() == 1 || number.startsWith("+"));
        if (phone.isEmpty()) {
            LOG.warn("SMS from {} (TON {}) is not from an international number: dropped", sms.source(), sms.sourceTon());
            skip(in);
            return;
        }
        in.setHeader(MmsHeaders.SMS_KIND, "text");
        in.setHeader(MmsHeaders.SMS_SOURCE, phone.get());
        in.setHeader(MmsHeaders.SMS_CODING, sms.dataCoding());
        in.setHeader(MmsHeaders.SMS_UDHI, sms.hasUserDataHeader());
        in.setHeader(MmsHeaders.ACTION, ACTION_QUEUE);
        in.setBody(sms.userData());
    }

    private static Optional<String> group(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static void skip(Message in) {
        in.setHeader(MmsHeaders.ACTION, MmsHeaders.ACTION_SKIP);
        in.setBody("");
    }
}
