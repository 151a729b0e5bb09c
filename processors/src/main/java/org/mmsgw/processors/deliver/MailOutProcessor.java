package org.mmsgw.processors.deliver;

import java.util.Optional;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.mmsgw.codec.mms.MmsDecoder;
import org.mmsgw.processors.MmsHeaders;
import org.mmsgw.processors.mail.MailComposer;
import org.mmsgw.processors.mm1.Msisdn;
import org.mmsgw.processors.store.Correspondents;
import org.mmsgw.processors.store.MessageStore;
import org.mmsgw.processors.store.Recipient;
import org.mmsgw.processors.store.RecipientState;
import org.mmsgw.processors.store.StoredMessage;

/**
 * The first step of e-mail delivery: the body becomes the complete MIME message for the recipient of
 * the hand-off and {@link MmsHeaders#ACTION} {@code mail}; or {@code skip} when there is nothing to
 * send. Before the SMTP producer, {@link #toTransport} stashes the gateway's headers and removes every
 * header (camel-mail would turn {@code mail.smtp.*} headers into session settings); {@link #fromTransport}
 * puts them back.
 */
public final class MailOutProcessor implements Processor {
    private static final String STASH_ID = "MmsStashMessageId";
    private static final String STASH_RECIPIENT = "MmsStashRecipient";
    private static final String STASH_SENDER = "MmsStashSender";

    private final MessageStore store;
    private final MailComposer composer;
    private final Correspondents correspondents;
    private final Session session = Session.getInstance(new java.util.Properties());

    public MailOutProcessor(MessageStore store, MailComposer composer, Correspondents correspondents) {
        this.store = store;
        this.composer = composer;
        this.correspondents = correspondents;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        String messageId = in.getHeader(MmsHeaders.MESSAGE_ID, String.class);
        String address = in.getHeader(MmsHeaders.RECIPIENT, String.class);
        Optional<StoredMessage> message = messageId == null ? Optional.empty() : store.find(messageId);
        Optional<Recipient> recipient = message.flatMap(m -> m.recipient(address));
        Optional<byte[]> content = message.flatMap(m -> store.content(m.messageId()));
        if (recipient.isEmpty() || content.isEmpty() || recipient.get().state() != RecipientState.PENDING) {
            in.setHeader(MmsHeaders.ACTION, MmsHeaders.ACTION_SKIP);
            return;
        }
        MimeMessage mail = composer.compose(message.get(), new MmsDecoder().decode(content.get()), address,
                recipient.get().token(), session);
        // a text SMS from the phone goes to the address it last sent an MMS to
        String to = ((jakarta.mail.internet.InternetAddress) mail.getAllRecipients()[0]).getAddress();
        Msisdn.normalise(message.get().sender()).ifPresent(phone -> correspondents.record(phone, to));
        in.setHeader(MmsHeaders.ACTION, "mail");
        in.setBody(mail);
    }

    /** Keeps the gateway's headers as exchange properties and removes every message header. */
    public void toTransport(Exchange exchange) {
        Message in = exchange.getMessage();
        exchange.setProperty(STASH_ID, in.getHeader(MmsHeaders.MESSAGE_ID));
        exchange.setProperty(STASH_RECIPIENT, in.getHeader(MmsHeaders.RECIPIENT));
        exchange.setProperty(STASH_SENDER, in.getHeader(MmsHeaders.SENDER));
        in.removeHeaders("*");
    }

    /** Drops what the transport set and restores the gateway's headers. */
    public void fromTransport(Exchange exchange) {
        Message in = exchange.getMessage();
        in.removeHeaders("*");
        in.setHeader(MmsHeaders.MESSAGE_ID, exchange.getProperty(STASH_ID));
        in.setHeader(MmsHeaders.RECIPIENT, exchange.getProperty(STASH_RECIPIENT));
        in.setHeader(MmsHeaders.SENDER, exchange.getProperty(STASH_SENDER));
    }
}
