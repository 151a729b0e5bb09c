package org.mmsgw.processors.inbound;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import jakarta.mail.Session;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.mmsgw.codec.MmsCodecException;
import org.mmsgw.codec.sms.Concatenation;
import org.mmsgw.codec.sms.UserDataHeader;
import org.mmsgw.processors.Counters;
import org.mmsgw.processors.Ids;
import org.mmsgw.processors.MmsHeaders;
import org.mmsgw.processors.mail.SmsMailComposer;
import org.mmsgw.processors.store.Correspondents;
import org.mmsgw.processors.store.SmsParts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A queued mobile-originated SMS (body: the user data; {@link MmsHeaders#SMS_SOURCE}, {@code SMS_CODING},
 * {@code SMS_UDHI}): decoded ({@link SmsText}), reassembled when concatenated (segments wait in
 * {@link SmsParts}, in any order, repeats harmless), and once whole addressed to the mail address the
 * phone last exchanged an MMS with, or the default mailbox. {@link MmsHeaders#ACTION} {@code mail} with
 * the mail as the body, or {@code skip} (a segment that waits for the others, binary data, a malformed
 * header, no one to send to). After the mail is sent, {@link #done} forgets the segments.
 */
public final class MoSmsProcessor implements Processor {
    /** Exchange property: the reassembly key whose segments {@link #done} removes. */
    public static final String PARTS_KEY = "MmsSmsPartsKey";
    private static final Logger LOG = LoggerFactory.getLogger(MoSmsProcessor.class);

    private final SmsParts parts;
    private final Correspondents correspondents;
    private final Optional<String> defaultMailbox;
    private final SmsMailComposer composer;
    private final Counters counters;
    private final Session session = Session.getInstance(new Properties());

    public MoSmsProcessor(SmsParts parts, Correspondents correspondents, Optional<String> defaultMailbox,
            SmsMailComposer composer, Counters counters) {
        this.parts = parts;
        this.correspondents = correspondents;
        this.defaultMailbox = defaultMailbox;
        this.composer = composer;
        this.counters = counters;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        String phone = in.getHeader(MmsHeaders.SMS_SOURCE, String.class);
        int coding = in.getHeader(MmsHeaders.SMS_CODING, 0, Integer.class);
        byte[] data = in.getMandatoryBody(byte[].class);
        Optional<Concatenation> concatenation = Optional.empty();
        if (in.getHeader(MmsHeaders.SMS_UDHI, false, Boolean.class)) {
            try {
                UserDataHeader header = UserDataHeader.parse(data);
                concatenation = header.concatenation();
                data = Arrays.copyOfRange(data, header.encodedLength(), data.length);
            } catch (MmsCodecException | IllegalArgumentException e) {
                drop(in, "SMS from " + phone + " with a malformed user data header: " + e.getMessage());
                return;
            }
        }
        Optional<String> text = SmsText.decode(coding, data);
        if (text.isEmpty()) {
            drop(in, "SMS from " + phone + " in data coding " + coding + " is no text");
            return;
        }
        String whole = text.get();
        String id;
        if (concatenation.isPresent()) {
            Concatenation c = concatenation.get();
            String key = phone + "/" + (c.sixteenBitReference() ? "16/" : "8/") + c.reference() + "/" + c.total();
            Optional<List<String>> all = parts.add(key, c.sequence(), c.total(), whole);
            if (all.isEmpty()) {
                in.setHeader(MmsHeaders.ACTION, MmsHeaders.ACTION_SKIP);
                return;
            }
            whole = String.join("", all.get());
            exchange.setProperty(PARTS_KEY, key);
            id = Ids.derived("sms\n" + key + "\n" + whole);
        } else {
            id = Ids.derived("sms\n" + phone + "\n" + in.getHeader("JMSMessageID", "", String.class) + "\n" + whole);
        }
        Optional<String> to = correspondents.of(phone).or(() -> defaultMailbox);
        if (to.isEmpty()) {
            drop(in, "SMS from " + phone + ": no mail address it exchanged MMS with, and no default mailbox");
            done(exchange);
            return;
        }
        counters.increment("mmsgw_sms_forwarded_total");
        in.setHeader(MmsHeaders.ACTION, "mail");
        in.setBody(composer.compose(phone, to.get(), whole, id, session));
        LOG.info("SMS from {} forwarded as mail to {}", phone, to.get());
    }

    /** After the mail went out: the segments are no longer needed. */
    public void done(Exchange exchange) {
        String key = exchange.getProperty(PARTS_KEY, String.class);
        if (key != null) {
            parts.remove(key);
        }
    }

    private void drop(Message in, String why) {
        counters.increment("mmsgw_sms_dropped_total");
        LOG.warn("{}: dropped", why);
        in.setHeader(MmsHeaders.ACTION, MmsHeaders.ACTION_SKIP);
        in.setBody("");
    }
}
