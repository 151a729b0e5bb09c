package org.mmsgw.processors.mail;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mmsgw.codec.mms.MmsDecoder;
import org.mmsgw.codec.mms.MmsEncoder;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.codec.mms.MmsPdus;
import org.mmsgw.codec.multipart.Body;
import org.mmsgw.codec.wsp.Charsets;
import org.mmsgw.codec.wsp.EncodedString;
import org.mmsgw.codec.wsp.HeaderValue;
import org.mmsgw.codec.wsp.Parameter;
import org.mmsgw.processors.store.Recipient;
import org.mmsgw.processors.store.RecipientState;
import org.mmsgw.processors.store.StoredMessage;

class MailComposerTest {
    private static final String DOMAIN = "mms.example.net";
    private static final String MAIL = "bob@example.com";
    private static final String TOKEN = "Zq3-x_9Tk2LmNp4QrStUvW";
    private static final String MESSAGE_ID = "Mq7a-Kx_0pLmZ2TrYv9wBc";
    private static final Instant SUBMITTED = Instant.parse("2030-01-01T10:00:00Z");
    private static final String SUBJECT = "Grüße 👋 Привет";
    private static final byte[] SMIL = "<smil><body><par><img src=\"a.jpg\"/></par></body></smil>"
            .getBytes(StandardCharsets.US_ASCII);
    /** UTF-16 with a byte-order mark and a bare LF: must arrive exactly like this. */
    private static final byte[] TEXT_UTF16 = "\uFEFFHallo Welt\nZeile 2 \u00e4".getBytes(StandardCharsets.UTF_16BE);
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0x00, 0x10, 0x0D, 0x0A,
        0x0A, 0x0D, 0x00, (byte) 0xFF, (byte) 0xD9};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D};
    private static final byte[] AMR = "#!AMR\n\u0001\u0002".getBytes(StandardCharsets.ISO_8859_1);

    private final Session session = Session.getInstance(new Properties());

    private static StoredMessage stored(String sender, boolean hideSender) {
        return new StoredMessage(MESSAGE_ID, sender, SUBMITTED, SUBMITTED.plusSeconds(86_400), false, false,
                hideSender, 1000, List.of(new Recipient(MAIL, TOKEN, RecipientState.PENDING)));
    }

    private static StoredMessage stored() {
        return stored("+491701111111", false);
    }

    /** Encoded and decoded again, as the store hands it over. */
    private static MmsPdu stored(MmsPdu pdu) {
        return new MmsDecoder().decode(new MmsEncoder().encode(pdu));
    }

    /** SMIL, two texts, a JPEG with a hostile Content-Location, a nested multipart with a PNG, an AMR. */
    private static MmsPdu richMms(String subject) {
        return stored(MmsPdus.sendReq("T1", List.of(MAIL), subject).body(MmsPdus.relatedType("<smil>"),
                MmsPdus.multipart(
                        org.mmsgw.codec.multipart.Part.of(org.mmsgw.codec.wsp.ContentType.of("application/smil"),
                                "<smil>", "smil.xml", SMIL),
                        org.mmsgw.codec.multipart.Part.of(org.mmsgw.codec.wsp.ContentType.of("text/plain",
                                Parameter.charset(Charsets.UTF_16)), "<t1>", "t1.txt", TEXT_UTF16),
                        org.mmsgw.codec.multipart.Part.text("<t2>", "t2.txt", "zweiter Text\nmit ü"),
                        org.mmsgw.codec.multipart.Part.of(org.mmsgw.codec.wsp.ContentType.of("image/jpeg"),
                                "<a>", "../../etc/passwd", JPEG),
                        new org.mmsgw.codec.multipart.Part(
                                org.mmsgw.codec.wsp.ContentType.of(org.mmsgw.codec.wsp.ContentType.MULTIPART_MIXED),
                                List.of(), MmsPdus.multipart(org.mmsgw.codec.multipart.Part.of(
                                        org.mmsgw.codec.wsp.ContentType.of("image/png",
                                                Parameter.of("name", "a\r\nBcc: x@y.png")),
                                        "<b>", "C:\\Users\\me\\b.png", PNG))),
                        org.mmsgw.codec.multipart.Part.of(org.mmsgw.codec.wsp.ContentType.of("audio/amr"), null,
                                null, AMR)))
                .build());
    }

    private static byte[] raw(MimeMessage mail) throws IOException, MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.writeTo(out);
        return out.toByteArray();
    }

    private MimeMessage parse(byte[] raw) throws MessagingException {
        return new MimeMessage(session, new ByteArrayInputStream(raw));
    }

    private static List<MimeBodyPart> parts(MimeMessage mail) throws IOException, MessagingException {
        MimeMultipart mixed = (MimeMultipart) mail.getContent();
        assertTrue(new ContentType(mixed.getContentType()).match("multipart/mixed"), mixed.getContentType());
        List<MimeBodyPart> parts = new ArrayList<>();
        for (int i = 0; i < mixed.getCount(); i++) {
            parts.add((MimeBodyPart) mixed.getBodyPart(i));
        }
        return parts;
    }

    private static byte[] octets(MimeBodyPart part) throws IOException, MessagingException {
        return part.getInputStream().readAllBytes();
    }

    private static String headerSection(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        return text.substring(0, text.indexOf("\r\n\r\n") + 2);
    }

    private static void assertNoInjectedLines(byte[] raw) {
        for (String line : new String(raw, StandardCharsets.ISO_8859_1).split("\r\n", -1)) {
            assertFalse(line.regionMatches(true, 0, "Bcc:", 0, 4), () -> "injected line: " + line);
            assertTrue(line.length() <= 998, () -> "line over 998 characters: " + line.length());
            assertFalse(line.contains("\r") || line.contains("\n"), () -> "bare CR or LF in: " + line);
        }
    }

    @Test
    void composesHeadersFromOwnValues() throws Exception {
        MimeMessage mail = new MailComposer(DOMAIN, true).compose(stored(), richMms(SUBJECT), MAIL, TOKEN, session);
        byte[] raw = raw(mail);
        MimeMessage parsed = parse(raw);

        InternetAddress from = (InternetAddress) parsed.getFrom()[0];
        assertEquals("+491701111111@mms.example.net", from.getAddress());
        assertNull(from.getPersonal());
        assertEquals(1, parsed.getFrom().length);
        assertEquals("reply+" + TOKEN + "@mms.example.net", ((InternetAddress) parsed.getReplyTo()[0]).getAddress());
        assertEquals(1, parsed.getReplyTo().length);
        assertEquals(MAIL, ((InternetAddress) parsed.getRecipients(jakarta.mail.Message.RecipientType.TO)[0])
                .getAddress());
        assertNull(parsed.getRecipients(jakarta.mail.Message.RecipientType.CC));
        assertNull(parsed.getHeader("Bcc"));
        assertEquals(SUBJECT, parsed.getSubject());
        assertTrue(headerSection(raw).contains("Subject: =?UTF-8?B?"), headerSection(raw));
        assertEquals(Date.from(SUBMITTED), parsed.getSentDate());
        assertEquals(MESSAGE_ID, parsed.getHeader(MailComposer.MESSAGE_ID_HEADER, null));
        assertTrue(parsed.getMessageID().matches("<" + MESSAGE_ID + "\\.[0-9a-f]{16}@mms\\.example\\.net>"),
                parsed.getMessageID());
        assertEquals("1.0", parsed.getHeader("MIME-Version", null));
        assertNoInjectedLines(raw);
    }

    @Test
    void messageIdIsOursAndSurvivesSaveChanges() throws Exception {
        MailComposer composer = new MailComposer(DOMAIN, true);
        MimeMessage mail = composer.compose(stored(), richMms(SUBJECT), MAIL, TOKEN, session);
        String id = mail.getMessageID();
        assertTrue(id.startsWith("<" + MESSAGE_ID + "."), id);

        mail.saveChanges(); // Transport.send does this again
        assertEquals(id, mail.getMessageID());
        assertEquals(id, parse(raw(mail)).getMessageID());
        // a retry for the same recipient keeps the id; another recipient gets its own
        assertEquals(id, composer.compose(stored(), richMms(SUBJECT), MAIL, TOKEN, session).getMessageID());
        assertNotEquals(id, composer.compose(stored(), richMms(SUBJECT), "carol@example.org", TOKEN, session)
                .getMessageID());
    }

    @Test
    void keepsTextOctetsAndCharsetsThenAttachesMediaInOrder() throws Exception {
        MimeMessage parsed = parse(raw(new MailComposer(DOMAIN, true)
                .compose(stored(), richMms(SUBJECT), MAIL, TOKEN, session)));
        List<MimeBodyPart> parts = parts(parsed);
        assertEquals(6, parts.size());

        MimeBodyPart text1 = parts.get(0);
        assertEquals("text/plain", new ContentType(text1.getContentType()).getBaseType());
        assertEquals("utf-16", new ContentType(text1.getContentType()).getParameter("charset"));
        assertEquals(Part.INLINE, text1.getDisposition());
        assertEquals("base64", text1.getEncoding());
        assertArrayEquals(TEXT_UTF16, octets(text1));

        MimeBodyPart text2 = parts.get(1);
        assertEquals("utf-8", new ContentType(text2.getContentType()).getParameter("charset"));
        assertArrayEquals("zweiter Text\nmit ü".getBytes(StandardCharsets.UTF_8), octets(text2));

        MimeBodyPart smil = parts.get(2);
        assertEquals("application/smil", new ContentType(smil.getContentType()).getBaseType());
        assertEquals("presentation.smil", smil.getFileName());
        assertArrayEquals(SMIL, octets(smil));

        MimeBodyPart jpeg = parts.get(3);
        assertEquals("image/jpeg", new ContentType(jpeg.getContentType()).getBaseType());
        assertEquals(Part.ATTACHMENT, jpeg.getDisposition());
        assertEquals("base64", jpeg.getEncoding());
        assertEquals("passwd", jpeg.getFileName());
        assertArrayEquals(JPEG, octets(jpeg));

        MimeBodyPart png = parts.get(4);
        assertEquals("image/png", new ContentType(png.getContentType()).getBaseType());
        assertEquals("aBcc x@y.png", png.getFileName());
        assertArrayEquals(PNG, octets(png));

        MimeBodyPart amr = parts.get(5);
        assertEquals("audio/amr", new ContentType(amr.getContentType()).getBaseType());
        assertEquals("part6.amr", amr.getFileName()); // sixth part once flattened
        assertArrayEquals(AMR, octets(amr));
    }

    @Test
    void dropsSmilUnlessKept() throws Exception {
        List<MimeBodyPart> parts = parts(parse(raw(new MailComposer(DOMAIN, false)
                .compose(stored(), richMms(SUBJECT), MAIL, TOKEN, session))));
        assertEquals(5, parts.size());
        for (MimeBodyPart p : parts) {
            assertFalse(new ContentType(p.getContentType()).match("application/smil"), p.getContentType());
        }
    }

    @Test
    void onlySmilGivesAnEmptyTextInsteadOfAnEmptyMultipart() throws Exception {
        MmsPdu pdu = stored(MmsPdus.sendReq("T1", List.of(MAIL), null).body(MmsPdus.relatedType("<smil>"),
                MmsPdus.multipart(org.mmsgw.codec.multipart.Part.of(
                        org.mmsgw.codec.wsp.ContentType.of("application/smil"), "<smil>", "s.smil", SMIL)))
                .build());
        MimeMessage parsed = parse(raw(new MailComposer(DOMAIN, false).compose(stored(), pdu, MAIL, TOKEN, session)));
        List<MimeBodyPart> parts = parts(parsed);
        assertEquals(1, parts.size());
        assertEquals(0, octets(parts.get(0)).length);
        assertNull(parsed.getSubject());
        assertNull(parsed.getHeader("Subject"));
    }

    @Test
    void singlePartBodyBecomesOneText() throws Exception {
        byte[] latin1 = "Grüße".getBytes(StandardCharsets.ISO_8859_1);
        MmsPdu pdu = stored(MmsPdus.sendReq("T1", List.of(MAIL), "x")
                .body(org.mmsgw.codec.wsp.ContentType.of("text/plain", Parameter.charset(Charsets.ISO_8859_1)),
                        Body.of(latin1))
                .build());
        List<MimeBodyPart> parts = parts(parse(raw(new MailComposer(DOMAIN, true)
                .compose(stored(), pdu, MAIL, TOKEN, session))));
        assertEquals(1, parts.size());
        assertEquals("iso-8859-1", new ContentType(parts.get(0).getContentType()).getParameter("charset"));
        assertArrayEquals(latin1, octets(parts.get(0)));
    }

    @Test
    void textInAnUnknownCharsetIsAttachedAsOctets() throws Exception {
        byte[] odd = {0x01, (byte) 0xFE, 0x41};
        MmsPdu pdu = stored(MmsPdus.sendReq("T1", List.of(MAIL), "x").body(MmsPdus.relatedType("<smil>"),
                MmsPdus.multipart(org.mmsgw.codec.multipart.Part.of(
                        org.mmsgw.codec.wsp.ContentType.of("text/plain", Parameter.charset(4000)), null, null, odd)))
                .build());
        List<MimeBodyPart> parts = parts(parse(raw(new MailComposer(DOMAIN, true)
                .compose(stored(), pdu, MAIL, TOKEN, session))));
        assertEquals(1, parts.size());
        assertEquals("application/octet-stream", new ContentType(parts.get(0).getContentType()).getBaseType());
        assertEquals(Part.ATTACHMENT, parts.get(0).getDisposition());
        assertEquals("part1.txt", parts.get(0).getFileName());
        assertArrayEquals(odd, octets(parts.get(0)));
    }

    @Test
    void subjectWithCrLfInjectsNoHeader() throws Exception {
        byte[] raw = raw(new MailComposer(DOMAIN, true)
                .compose(stored(), richMms("Hi\r\nBcc: victim@example.com"), MAIL, TOKEN, session));
        MimeMessage parsed = parse(raw);
        assertNull(parsed.getHeader("Bcc"));
        assertNull(parsed.getRecipients(jakarta.mail.Message.RecipientType.BCC));
        assertEquals("Hi  Bcc: victim@example.com", parsed.getSubject());
        assertNoInjectedLines(raw);
    }

    @Test
    void subjectControlsBecomeSpacesAndNonAsciiIsEncoded() throws Exception {
        // U+760D and U+760A narrow to CR and LF in careless code: they must only ever travel encoded
        String subject = "A\u0000B\u0007C\u007FD\u0085E\u2028F \u760D\u760A\tG";
        byte[] raw = raw(new MailComposer(DOMAIN, true).compose(stored(), richMms(subject), MAIL, TOKEN, session));
        assertEquals("A B C D E F \u760D\u760A G", parse(raw).getSubject());
        assertFalse(headerSection(raw).chars().anyMatch(c -> c >= 0x80), "header section is ASCII");
        assertNoInjectedLines(raw);
    }

    @Test
    void subjectThatLooksEncodedArrivesLiterally() throws Exception {
        String subject = "=?utf-8?B?SGkNCkJjYzogeEB5?=";
        byte[] raw = raw(new MailComposer(DOMAIN, true).compose(stored(), richMms(subject), MAIL, TOKEN, session));
        assertEquals(subject, parse(raw).getSubject());
        assertNoInjectedLines(raw);
    }

    @Test
    void longSubjectsAreCutAndFolded() throws Exception {
        String waves = "👋".repeat(500);
        byte[] raw = raw(new MailComposer(DOMAIN, true).compose(stored(), richMms(waves), MAIL, TOKEN, session));
        assertEquals("👋".repeat(HeaderText.MAX_SUBJECT), parse(raw).getSubject());
        for (String line : headerSection(raw).split("\r\n")) {
            assertTrue(line.length() <= 78, () -> "header line over 78: " + line);
        }

        String words = "word ".repeat(300);
        raw = raw(new MailComposer(DOMAIN, true).compose(stored(), richMms(words), MAIL, TOKEN, session));
        // the parser drops the trailing space of the cut text
        assertEquals(words.substring(0, HeaderText.MAX_SUBJECT).strip(), parse(raw).getSubject());
        assertNoInjectedLines(raw);
    }

    @Test
    void subjectKeepsItsLatin1Charset() throws Exception {
        MmsPdu pdu = stored(MmsPdu.builder(org.mmsgw.codec.mms.MessageType.SEND_REQ).transactionId("T1")
                .version(1, 2).insertAddressFrom().to(MAIL)
                .add(MmsField.SUBJECT, new HeaderValue.Encoded(EncodedString.of("Grüße", Charsets.ISO_8859_1)))
                .body(org.mmsgw.codec.wsp.ContentType.of("text/plain"), Body.of(new byte[] {'x'})).build());
        byte[] raw = raw(new MailComposer(DOMAIN, true).compose(stored(), pdu, MAIL, TOKEN, session));
        assertTrue(headerSection(raw).contains("Subject: =?ISO-8859-1?B?"), headerSection(raw));
        assertEquals("Grüße", parse(raw).getSubject());
    }

    @Test
    void hiddenSenderIsAnonymous() throws Exception {
        MimeMessage parsed = parse(raw(new MailComposer(DOMAIN, true)
                .compose(stored("+491701111111", true), richMms(SUBJECT), MAIL, TOKEN, session)));
        assertEquals("anonymous@mms.example.net", ((InternetAddress) parsed.getFrom()[0]).getAddress());
        assertFalse(new String(raw(parsed), StandardCharsets.ISO_8859_1).contains("491701111111"));
    }

    @Test
    void senderInMmsFormIsNormalised() throws Exception {
        MimeMessage mail = new MailComposer(DOMAIN, true)
                .compose(stored("+491702222222/TYPE=PLMN", false), richMms(SUBJECT), MAIL, TOKEN, session);
        assertEquals("+491702222222@mms.example.net", ((InternetAddress) mail.getFrom()[0]).getAddress());
    }

    @Test
    void senderThatIsNoNumberIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MailComposer(DOMAIN, true)
                .compose(stored("evil\r\nBcc: x@y", false), richMms(SUBJECT), MAIL, TOKEN, session));
        assertTrue(e.getMessage().startsWith("sender is not a phone number"), e.getMessage());
        assertFalse(e.getMessage().contains("\r"), e.getMessage());
    }

    @Test
    void displayNameOfTheRecipientIsDropped() throws Exception {
        MimeMessage mail = new MailComposer(DOMAIN, true)
                .compose(stored(), richMms(SUBJECT), "Bob <bob@example.com>", TOKEN, session);
        InternetAddress to = (InternetAddress) mail.getRecipients(jakarta.mail.Message.RecipientType.TO)[0];
        assertEquals(MAIL, to.getAddress());
        assertNull(to.getPersonal());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bob@example.com\r\nBcc: victim@example.com", "bob@example.com\n", "bob\r@example.com",
        "bob@example.com\u0000", "\"a\r\nRCPT TO:<x@y>\"@example.com", "bob\t@example.com", "bob@example.com\u007F"})
    void recipientWithControlCharactersIsRefused(String recipient) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MailComposer(DOMAIN, true)
                .compose(stored(), richMms(SUBJECT), recipient, TOKEN, session));
        assertTrue(e.getMessage().startsWith("recipient has control character U+00"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bob@exa\u760Dmple.com", "bob@example.com\u760A", "b\u00f6b@example.com",
        "bob@example.com\u2028"})
    void recipientWithNonAsciiIsRefused(String recipient) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MailComposer(DOMAIN, true)
                .compose(stored(), richMms(SUBJECT), recipient, TOKEN, session));
        assertTrue(e.getMessage().startsWith("recipient has non-ASCII character U+"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not-an-address", "@example.com", "bob@", "a@example.com, b@example.com",
        "friends: a@example.com;", "bob@@example.com", "+491701111111/TYPE=PLMN"})
    void recipientThatIsNoMailboxIsRefused(String recipient) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MailComposer(DOMAIN, true)
                .compose(stored(), richMms(SUBJECT), recipient, TOKEN, session));
        assertTrue(e.getMessage().startsWith("recipient "), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a.b", "tok@x", "tok\r\nX: y", "t ok"})
    void replyTokenThatIsNotOursIsRefused(String token) {
        assertThrows(IllegalArgumentException.class, () -> new MailComposer(DOMAIN, true)
                .compose(stored(), richMms(SUBJECT), MAIL, token, session));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "mms.example.net\r\n", "-mms.example.net", "mms..example.net", "mms_example.net",
        "m\u00fcms.example.net"})
    void domainThatIsNoHostNameIsRefused(String domain) {
        assertThrows(IllegalArgumentException.class, () -> new MailComposer(domain, true));
    }
}
