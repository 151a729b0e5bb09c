package org.mmsgw.processors.inbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Session;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultMessage;
import org.mmsgw.codec.mms.MmsEncoder;
import org.mmsgw.processors.Counters;
import org.mmsgw.processors.Ids;
import org.mmsgw.processors.MmsHeaders;
import org.mmsgw.processors.mail.BounceComposer;
import org.mmsgw.processors.mail.InboundMail;
import org.mmsgw.processors.mail.MailReader;
import org.mmsgw.processors.mail.MailRecipients;
import org.mmsgw.processors.mail.MailRefusedException;
import org.mmsgw.processors.mail.MmsFromMail;
import org.mmsgw.processors.mm1.Msisdn;
import org.mmsgw.processors.store.Correspondents;
import org.mmsgw.processors.store.MessageStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One mail from the gateway's mailbox (the body: the raw {@link jakarta.mail.Message}). First the
 * exchange gets a new, empty message, so no header of the mail ever enters (bad-inputs E-1: camel-mail
 * would take {@code copyTo}, {@code moveTo} or {@code delete} from them). Then, with
 * {@link MmsHeaders#ACTION}:
 * <ul>
 * <li>{@code submit}: the body is an m-send-req for the phones the mail names, with the headers of an
 *     accepted submission; its message id is made from the mail's sender and Message-ID, so a mail
 *     fetched again after a crash is the same submission (and {@link #DUPLICATE_ID} lets the broker
 *     drop the second copy);</li>
 * <li>{@code skip}: already turned into an MMS, or refused with no one to tell;</li>
 * <li>{@code bounce}: refused; the body is the mail that tells the sender why.</li>
 * </ul>
 * A failure of the mail server propagates: the mail stays in the mailbox for the next poll.
 */
public final class InboundMailProcessor implements Processor {
    /** Artemis' duplicate-detection property: a second send with the same value is dropped. */
    public static final String DUPLICATE_ID = "_AMQ_DUPL_ID";
    public static final String ACTION_BOUNCE = "bounce";
    /** camel-mail's header for the folder a mail is moved to at commit (IMAP). */
    static final String MOVE_TO = "moveTo";
    private static final Logger LOG = LoggerFactory.getLogger(InboundMailProcessor.class);

    private final MailReader reader;
    private final MailRecipients recipients;
    private final MessageStore store;
    private final BounceComposer bounces;
    private final boolean bounce;
    private final int maxMmsSize;
    private final Duration expiry;
    private final Clock clock;
    private final Counters counters;
    private final Correspondents correspondents;
    private final String refusedFolder;
    private final MmsFromMail builder = new MmsFromMail();
    private final Session session = Session.getInstance(new Properties());

    /**
     * @param bounce     tell the sender of a refused mail why (else the mail is only logged and removed)
     * @param maxMmsSize the largest MMS in octets ({@code gateway.mms.max-size})
     * @param expiry     how long the phone has to fetch it
     * @param refusedFolder the IMAP folder refused mails are moved to; empty: they are only removed
     */
    public InboundMailProcessor(MailReader reader, MailRecipients recipients, MessageStore store,
            BounceComposer bounces, boolean bounce, int maxMmsSize, Duration expiry, Clock clock, Counters counters,
            Correspondents correspondents, String refusedFolder) {
        this.correspondents = correspondents;
        this.refusedFolder = refusedFolder;
        this.reader = reader;
        this.recipients = recipients;
        this.store = store;
        this.bounces = bounces;
        this.bounce = bounce;
        this.maxMmsSize = maxMmsSize;
        this.expiry = expiry;
        this.clock = clock;
        this.counters = counters;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        jakarta.mail.Message raw = exchange.getMessage().getMandatoryBody(jakarta.mail.Message.class);
        // a fresh message: camel-mail's would fill its headers from the mail on first access (and fail
        // on a mail whose headers the server cannot parse)
        Message in = new DefaultMessage(exchange.getContext());
        exchange.setMessage(in);
        counters.increment("mmsgw_mail_received_total");
        try {
            accept(in, reader.read(raw));
        } catch (MailRefusedException e) {
            counters.increment("mmsgw_mail_refused_total");
            LOG.warn("mail refused: {}", e.getMessage());
            if (!refusedFolder.isEmpty()) {
                // camel-mail moves the mail there when it commits: kept for an operator, out of the inbox
                in.setHeader(MOVE_TO, refusedFolder);
                exchange.setProperty(MOVE_TO, refusedFolder);
            }
            if (bounce && e.bounceTo().filter(bounces::mayBounceTo).isPresent()) {
                in.setHeader(MmsHeaders.ACTION, ACTION_BOUNCE);
                in.setBody(bounces.compose(e.bounceTo().get(), e.getMessage(), session));
            } else {
                skip(in);
            }
        }
    }

    /** After the bounce went out (which clears every header): the refused mail's folder again. */
    public void restoreMove(Exchange exchange) {
        String folder = exchange.getProperty(MOVE_TO, String.class);
        if (folder != null) {
            exchange.getMessage().setHeader(MOVE_TO, folder);
        }
    }

    private void accept(Message in, InboundMail mail) {
        List<String> phones = recipients.phones(mail);
        String messageId = Ids.derived("mail\n" + mail.from() + "\n" + mail.messageId());
        if (store.find(messageId).isPresent()) {
            LOG.info("mail {} from {} was already turned into MMS {}", mail.messageId(), mail.from(), messageId);
            skip(in);
            return;
        }
        Instant now = clock.instant();
        byte[] pdu = new MmsEncoder().encode(builder.build(mail, messageId, phones, now.getEpochSecond()));
        if (pdu.length > maxMmsSize) {
            throw new MailRefusedException("as MMS the mail would be " + pdu.length + " octets, more than the "
                    + maxMmsSize + " a phone takes", mail.automatic() ? null : mail.from());
        }
        counters.increment("mmsgw_mail_accepted_total");
        // a text SMS from these phones goes back to this address
        phones.forEach(p -> Msisdn.normalise(p).ifPresent(n -> correspondents.record(n, mail.from())));
        in.setHeader(MmsHeaders.ACTION, MmsHeaders.ACTION_SUBMIT);
        in.setHeader(MmsHeaders.MESSAGE_ID, messageId);
        in.setHeader(MmsHeaders.SENDER, mail.from());
        in.setHeader(MmsHeaders.EXPIRY, now.plus(expiry).toEpochMilli());
        in.setHeader(DUPLICATE_ID, messageId);
        in.setBody(pdu);
        LOG.info("mail {} from {} becomes MMS {} to {}", mail.messageId(), mail.from(), messageId, phones);
    }

    private static void skip(Message in) {
        in.setHeader(MmsHeaders.ACTION, MmsHeaders.ACTION_SKIP);
        in.setBody("");
    }
}
