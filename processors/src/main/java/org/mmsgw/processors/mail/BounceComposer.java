package org.mmsgw.processors.mail;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Locale;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * The answer to a mail the gateway refused: a short text mail from {@code postmaster@domain} to its
 * sender that says why, marked {@code Auto-Submitted: auto-replied} (RFC 3834) so that no well-behaved
 * system answers it in turn. Only the gateway's own words and the sender's address go into it.
 */
public final class BounceComposer {
    private final String domain;

    public BounceComposer(String domain) {
        this.domain = domain.toLowerCase(Locale.ROOT);
    }

    /** Whether a bounce may go to {@code address}: never to the gateway's own domain, which would loop. */
    public boolean mayBounceTo(String address) {
        return !address.toLowerCase(Locale.ROOT).endsWith("@" + domain);
    }

    public MimeMessage compose(String to, String reason, Session session) throws MessagingException {
        MimeMessage mail = new MimeMessage(session);
        mail.setFrom(new InternetAddress("postmaster@" + domain, true));
        mail.setRecipient(jakarta.mail.Message.RecipientType.TO, MailAddresses.recipient(to));
        mail.setHeader("Subject", "Not delivered as MMS");
        mail.setHeader("Auto-Submitted", "auto-replied");
        mail.setSentDate(new Date());
        mail.setText("Your mail was not delivered as MMS: " + HeaderText.plain(reason) + ".\r\n",
                StandardCharsets.UTF_8.name());
        mail.saveChanges();
        return mail;
    }
}
