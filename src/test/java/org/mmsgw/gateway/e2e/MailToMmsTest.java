package org.mmsgw.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmsgw.gateway.e2e.Pushes.awaitPushes;
import static org.mmsgw.gateway.e2e.Pushes.awaitUntil;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import org.junit.jupiter.api.Test;
import org.mmsgw.codec.mms.MessageType;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.codec.multipart.Body;
import org.mmsgw.codec.multipart.Part;
import org.mmsgw.gateway.fixtures.WapPushDelivery;

/**
 * Mail to MMS through real servers on loopback: mail goes into GreenMail over SMTP, the gateway takes
 * it from its mailbox over IMAP (woken by IDLE), and the phone gets the push at the test SMSC and
 * fetches the MMS over HTTP.
 */
class MailToMmsTest extends MailGatewayTest {
    private static final String ALICE = "+491701111111";
    private static final String BOB = "+491702222222";



    @Test
    void mailToANumberBecomesAnMmsWithItsTextAndImagesByteForByte() throws Exception {
        byte[] jpeg = random(30_000, 1);
        byte[] png = random(9_000, 2);
        MimeMessage m = new MimeMessage(MailServer.session());
        m.setFrom(new InternetAddress("dora@example.org", "Dora"));
        m.setRecipients(Message.RecipientType.TO, BOB + "@" + MailServer.DOMAIN);
        m.setSubject("Grüße aus Köln 👋", "utf-8");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text("Hallo Bob, schöne Grüße!", "plain"));
        alternative.addBodyPart(text("<p>Hallo <b>Bob</b></p>", "html"));
        MimeBodyPart body = new MimeBodyPart();
        body.setContent(alternative);
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(body);
        mixed.addBodyPart(attachment(jpeg, "image/jpeg", "photo.jpg"));
        mixed.addBodyPart(attachment(png, "image/png", "../../secret/plan.png"));
        mixed.addBodyPart(attachment("%PDF-1.4".getBytes(), "application/pdf", "contract.pdf"));
        m.setContent(mixed);
        m.saveChanges();
        mail.send(m, BOB + "@" + MailServer.DOMAIN);

        MmsPdu conf = fetch(awaitPushes(smsc, BOB, 1).get(0), BOB);
        assertEquals("dora@example.org", conf.from().orElseThrow());
        assertEquals("Grüße aus Köln 👋", conf.text(MmsField.SUBJECT).orElseThrow());
        List<Part> parts = ((Body.Multipart) conf.body()).parts();
        assertEquals("application/smil", parts.get(0).contentType().mediaType(), "a SMIL is made when there is none");
        String smil = new String(parts.get(0).data().orElseThrow().toByteArray(), StandardCharsets.UTF_8);
        assertTrue(smil.contains("src=\"photo.jpg\"") && smil.contains("src=\"plan.png\""), smil);
        List<String> texts = parts.stream().filter(p -> p.contentType().is("text/plain"))
                .map(p -> p.text().orElseThrow()).toList();
        assertEquals("Hallo Bob, schöne Grüße!", texts.get(0), "text/plain chosen from the alternative");
        assertTrue(texts.get(1).contains("contract.pdf (application/pdf)"), "a note names the part left out: " + texts);
        assertArrayEquals(jpeg, part(parts, "photo.jpg").data().orElseThrow().toByteArray());
        assertArrayEquals(png, part(parts, "plan.png").data().orElseThrow().toByteArray(), "no path in the name");
        assertEquals("image/png", part(parts, "plan.png").contentType().mediaType());
        awaitUntil("the mail leaves the mailbox once the MMS is queued", () -> mailboxCount() == 0);
    }

    @Test
    void htmlOnlyMailBecomesText() throws Exception {
        MimeMessage m = new MimeMessage(MailServer.session());
        m.setFrom(new InternetAddress("erin@example.org"));
        m.setRecipients(Message.RecipientType.TO, "491702222222@" + MailServer.DOMAIN);
        m.setSubject("html");
        m.setContent("<html><head><style>p{color:red}</style></head><body><p>Line one</p><p>Tom &amp; Jerry"
                + "<br>next</p><script>alert(1)</script></body></html>", "text/html; charset=utf-8");
        m.saveChanges();
        mail.send(m, "491702222222@" + MailServer.DOMAIN);

        MmsPdu conf = fetch(awaitPushes(smsc, BOB, 1).get(0), BOB);
        String text = ((Body.Multipart) conf.body()).parts().stream().filter(p -> p.contentType().is("text/plain"))
                .findFirst().orElseThrow().text().orElseThrow();
        assertEquals("Line one\n\nTom & Jerry\nnext", text);
    }

    @Test
    void aReplyToAnMmsSentAsMailReachesThePhoneThatSentIt() throws Exception {
        Pushes.assertOk(gateway.phone(ALICE).send(Pushes.sendReq("R-1", List.of("carol@example.org"), "Hi Carol",
                Part.text("<t>", "t.txt", "Are you coming tonight?"))));
        awaitUntil("the MMS arrives as a mail", () -> mail.mailboxOf("carol@example.org").length == 1);
        MimeMessage original = mail.mailboxOf("carol@example.org")[0];

        MimeMessage reply = (MimeMessage) original.reply(false);
        reply.setFrom(new InternetAddress("carol@example.org"));
        reply.setText("Yes, at eight.", "utf-8");
        reply.saveChanges();
        String replyTo = ((InternetAddress) reply.getRecipients(Message.RecipientType.TO)[0]).getAddress();
        assertTrue(replyTo.startsWith("reply+"), replyTo);
        mail.send(reply, replyTo);

        MmsPdu conf = fetch(awaitPushes(smsc, ALICE, 1).get(0), ALICE);
        assertEquals("carol@example.org", conf.from().orElseThrow());
        assertEquals("Re: Hi Carol", conf.text(MmsField.SUBJECT).orElseThrow());
        assertTrue(((Body.Multipart) conf.body()).parts().stream().anyMatch(p -> p.text().orElse("").equals("Yes, at eight.")));
    }

    @Test
    void theSameMailDeliveredTwiceIsOneMms() throws Exception {
        MimeMessage m = simple("twice@example.org", BOB + "@" + MailServer.DOMAIN, "twice", "only once please");
        m.setHeader("Message-ID", "<same-id-1@example.org>");
        mail.send(m, BOB + "@" + MailServer.DOMAIN);
        awaitPushes(smsc, BOB, 1);
        mail.send(m, BOB + "@" + MailServer.DOMAIN);
        awaitUntil("the second copy is taken from the mailbox too", () -> mailboxCount() == 0);
        Pushes.settle();
        assertEquals(1, Pushes.accepted(smsc, BOB).size(), "one MMS for one Message-ID");
    }

    @Test
    void aForgedReplyAddressIsBouncedAndReachesNoPhone() throws Exception {
        String forged = "reply+AAAAAAAAAAAAAAAAAAAAAA@" + MailServer.DOMAIN;
        mail.send(simple("mallory@example.org", forged, "hi", "let me in"), forged);
        MimeMessage bounce = awaitBounce("mallory@example.org");
        assertTrue(body(bounce).contains("is not known here"), body(bounce));
        assertEquals("auto-replied", bounce.getHeader("Auto-Submitted")[0]);
        assertEquals(0, smsc.submits().size(), "no push to anyone");
        awaitUntil("the refused mail is kept in the Refused folder", () -> {
            try {
                return mailboxCount() == 0 && mail.inGatewayFolder("Refused") == 1;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aReplyFromAnotherAddressThanTheMmsWentToIsRefused() throws Exception {
        Pushes.assertOk(gateway.phone(ALICE).send(Pushes.sendReq("R-2", List.of("carol@example.org"), "for Carol",
                Part.text("<t>", "t.txt", "private"))));
        awaitUntil("the MMS arrives as a mail", () -> mail.mailboxOf("carol@example.org").length == 1);
        String replyTo = ((InternetAddress) mail.mailboxOf("carol@example.org")[0].getReplyTo()[0]).getAddress();

        mail.send(simple("mallory@example.org", replyTo, "Re: for Carol", "I am Carol, honestly"), replyTo);
        MimeMessage bounce = awaitBounce("mallory@example.org");
        assertTrue(body(bounce).contains("only from the address it was sent to"), body(bounce));
        Pushes.settle();
        assertEquals(0, Pushes.accepted(smsc, ALICE).size(), "no MMS to Alice");
    }

    @Test
    void mailToAnotherDomainIsNeitherRelayedNorDelivered() throws Exception {
        // the gateway's mailbox gets it (as a Bcc would), but it names no one at the gateway's domain
        mail.send(simple("relay@example.org", "victim@elsewhere.example", "relay?", "spam"),
                MailServer.MAILBOX + "@" + MailServer.DOMAIN);
        MimeMessage bounce = awaitBounce("relay@example.org");
        assertTrue(body(bounce).contains("names no phone"), body(bounce));
        assertFalse(mail.hasMailbox("victim@elsewhere.example"), "nothing relayed");
        assertEquals(0, smsc.submits().size());
    }

    @Test
    void badMailGetsItsReasonBackAndNothingElse() throws Exception {
        String to = BOB + "@" + MailServer.DOMAIN;
        StringBuilder nested = new StringBuilder();
        StringBuilder closing = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            nested.append("Content-Type: multipart/mixed; boundary=\"b").append(i).append("\"\r\n\r\n--b").append(i)
                    .append("\r\n");
            closing.insert(0, "\r\n--b" + i + "--\r\n");
        }
        mail.sendRaw("deep@example.org", ("From: deep@example.org\r\nTo: " + to + "\r\nSubject: deep\r\nMIME-Version: 1.0\r\n"
                + nested + "Content-Type: text/plain\r\n\r\nbottom" + closing).getBytes(StandardCharsets.US_ASCII), to);
        assertTrue(body(awaitBounce("deep@example.org")).contains("nests parts more than 10 deep"));

        StringBuilder bomb = new StringBuilder("From: bomb@example.org\r\nTo: " + to + "\r\nSubject: bomb\r\n");
        for (int i = 0; i < 5000; i++) {
            bomb.append("X-Filler-").append(i).append(": x\r\n");
        }
        mail.sendRaw("bomb@example.org", (bomb + "\r\nhello\r\n").getBytes(StandardCharsets.US_ASCII), to);
        assertTrue(body(awaitBounce("bomb@example.org")).contains("more than 1000 header lines"));

        byte[] big = new byte[3 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) 'a');
        for (int i = 76; i < big.length; i += 78) {
            big[i] = '\r';
            big[i + 1] = '\n';
        }
        mail.sendRaw("big@example.org", concat(("From: big@example.org\r\nTo: " + to + "\r\nSubject: big\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII), big), to);
        assertTrue(body(awaitBounce("big@example.org")).contains("more than the 2097152"));

        awaitUntil("refused mails leave the mailbox", () -> mailboxCount() == 0);
        assertEquals(0, smsc.submits().size(), "no push for bad mail");
    }

    @Test
    void controlCharactersInTheSubjectDoNotReachTheMms() throws Exception {
        String to = BOB + "@" + MailServer.DOMAIN;
        // an encoded-word that decodes to CR LF and a header of its own
        mail.sendRaw("crlf@example.org", ("From: crlf@example.org\r\nTo: " + to
                + "\r\nSubject: =?utf-8?B?" + java.util.Base64.getEncoder().encodeToString(
                        "Hi\r\nX-Injected: yes".getBytes(StandardCharsets.UTF_8)) + "?=\r\n\r\nbody\r\n")
                .getBytes(StandardCharsets.US_ASCII), to);
        MmsPdu conf = fetch(awaitPushes(smsc, BOB, 1).get(0), BOB);
        String subject = conf.text(MmsField.SUBJECT).orElseThrow();
        assertFalse(subject.contains("\r") || subject.contains("\n"), subject);
        assertEquals("Hi  X-Injected: yes", subject);
    }

    @Test
    void automaticMailIsRefusedWithoutABounce() throws Exception {
        MimeMessage m = simple("daemon@example.org", "nobody-here@" + MailServer.DOMAIN, "auto", "vacation");
        m.setHeader("Auto-Submitted", "auto-replied");
        mail.send(m, "nobody-here@" + MailServer.DOMAIN);
        awaitUntil("the mail is taken", () -> mailboxCount() == 0);
        Pushes.settle();
        assertEquals(0, mail.mailboxOf("daemon@example.org").length, "no bounce to a machine's mail");
    }

    @Test
    void aMailIsKeptUntilItsMmsIsQueuedAndTakenAfterARestart() throws Exception {
        gateway.broker().crash();
        String to = BOB + "@" + MailServer.DOMAIN;
        mail.send(simple("frank@example.org", to, "while down", "the broker is away"), to);
        Pushes.settle();
        assertEquals(1, mailboxCount(), "the mail stays while its MMS cannot be queued");

        gateway.crash();
        gateway = gateway.restart();
        MmsPdu conf = fetch(awaitPushes(smsc, BOB, 1).get(0), BOB);
        assertEquals("frank@example.org", conf.from().orElseThrow());
        awaitUntil("taken from the mailbox once queued", () -> mailboxCount() == 0);
    }

    @Test
    void headersOfTheMailSteerNothing() throws Exception {
        String to = BOB + "@" + MailServer.DOMAIN;
        // camel-mail reads copyTo, moveTo and delete from the exchange; Camel headers could steer producers
        mail.sendRaw("grace@example.org", ("From: grace@example.org\r\nTo: " + to + "\r\nSubject: steer\r\n"
                + "copyTo: Stolen\r\nmoveTo: Stolen\r\ndelete: false\r\nCamelFileName: /tmp/x\r\n"
                + "CamelSmppDestAddr: 49123\r\nmail.smtp.host: evil.example\r\n\r\nhello\r\n")
                .getBytes(StandardCharsets.US_ASCII), to);
        MmsPdu conf = fetch(awaitPushes(smsc, BOB, 1).get(0), BOB);
        assertEquals("grace@example.org", conf.from().orElseThrow());
        awaitUntil("deleted as configured, whatever the mail says", () -> mailboxCount() == 0);
        assertEquals(1, smsc.submits().size(), "one push, to Bob only");
    }

    @Test
    void aDisplayNameCarryingLineBreaksIsDropped() throws Exception {
        String to = BOB + "@" + MailServer.DOMAIN;
        String name = java.util.Base64.getEncoder().encodeToString("Heidi\r\nBcc: victim@example.org"
                .getBytes(StandardCharsets.UTF_8));
        mail.sendRaw("heidi@example.org", ("From: =?utf-8?B?" + name + "?= <heidi@example.org>\r\n"
                + "To: " + to + "\r\nSubject: name\r\n\r\nhello\r\n").getBytes(StandardCharsets.US_ASCII), to);
        MmsPdu conf = fetch(awaitPushes(smsc, BOB, 1).get(0), BOB);
        assertEquals("heidi@example.org", conf.from().orElseThrow());
    }

    private MmsPdu fetch(WapPushDelivery push, String msisdn) {
        assertEquals(MessageType.NOTIFICATION_IND, push.pdu().messageType());
        MmsPdu conf = gateway.phone(msisdn).retrieve(push.pdu().text(MmsField.CONTENT_LOCATION).orElseThrow());
        assertEquals(MessageType.RETRIEVE_CONF, conf.messageType());
        return conf;
    }

    private MimeMessage awaitBounce(String address) throws Exception {
        awaitUntil("a bounce to " + address, () -> mail.mailboxOf(address).length == 1);
        MimeMessage bounce = mail.mailboxOf(address)[0];
        assertEquals("postmaster@" + MailServer.DOMAIN, ((InternetAddress) bounce.getFrom()[0]).getAddress());
        return bounce;
    }

    private int mailboxCount() {
        try {
            return mail.inGatewayMailbox();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static MimeMessage simple(String from, String to, String subject, String text) throws Exception {
        MimeMessage m = new MimeMessage(MailServer.session());
        m.setFrom(new InternetAddress(from));
        m.setRecipients(Message.RecipientType.TO, to);
        m.setSubject(subject, "utf-8");
        m.setText(text, "utf-8");
        m.saveChanges();
        return m;
    }

    private static String body(MimeMessage m) throws Exception {
        return m.getContent().toString();
    }

    private static MimeBodyPart text(String text, String subtype) throws Exception {
        MimeBodyPart p = new MimeBodyPart();
        p.setText(text, "utf-8", subtype);
        return p;
    }

    private static MimeBodyPart attachment(byte[] data, String type, String name) throws Exception {
        MimeBodyPart p = new MimeBodyPart();
        p.setDataHandler(new DataHandler(new ByteArrayDataSource(data, type)));
        p.setFileName(name);
        p.setDisposition("attachment");
        return p;
    }

    private static Part part(List<Part> parts, String location) {
        return parts.stream().filter(p -> p.contentLocation().orElse("").equals(location)).findFirst()
                .orElseThrow(() -> new AssertionError("no part " + location));
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
