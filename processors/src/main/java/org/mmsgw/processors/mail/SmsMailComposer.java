package org.mmsgw.processors.mail;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Locale;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * The mail a text SMS from a phone becomes: From and Reply-To {@code <number>@domain} (a reply to it
 * comes back to the phone as an MMS), the text as a UTF-8 body, a Message-ID made from the event, so a
 * redelivered SMS makes the same mail.
 */
public final class SmsMailComposer {
    private final String domain;

    public SmsMailComposer(String domain) {
        this.domain = domain.toLowerCase(Locale.ROOT);
    }

    /**
     * @param phone    {@code +49...}
     * @param to       a plain mail address
     * @param text     the decoded SMS text
     * @param uniqueId a stable id of the SMS ({@code [A-Za-z0-9_-]}), for the Message-ID
     */
    public MimeMessage compose(String phone, String to, String text, String uniqueId, Session session)
            throws MessagingException {
        InternetAddress from = new InternetAddress(phone + "@" + domain, true);
        MimeMessage mail = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", "<sms." + uniqueId + "@" + domain + ">");
            }
        };
        mail.setFrom(from);
        mail.setReplyTo(new InternetAddress[] {from});
        mail.setRecipient(jakarta.mail.Message.RecipientType.TO, MailAddresses.recipient(to));
        mail.setHeader("Subject", HeaderText.subject("SMS from " + phone, StandardCharsets.UTF_8));
        mail.setSentDate(new Date());
        mail.setText(text, StandardCharsets.UTF_8.name());
        mail.setHeader("Content-Transfer-Encoding", "base64");
        mail.saveChanges();
        return mail;
    }
}
