package org.mmsgw.processors.mail;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class MailReaderTest {
    private static final String CRLF = "\r\n";
    private static final String FROM = "ann@example.com";
    /** A JPEG-looking payload with CR, LF, NUL and high octets: none of them may change. */
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0x00, 0x10, 0x0D, 0x0A,
        0x0A, 0x0D, 0x00, 0x3D, (byte) 0xFF, (byte) 0xD9};
    private static final byte[] AMR = {'#', '!', 'A', 'M', 'R', 0x0A, 0x3C, (byte) 0x91, 0x17, 0x16, (byte) 0xBE};
    private static final byte[] SMIL = "<smil><body><par><img src=\"cid:img1\"/></par></body></smil>"
            .getBytes(StandardCharsets.US_ASCII);

    private final MailReader reader = reader(InboundLimits.DEFAULTS);

    private static MailReader reader(InboundLimits limits) {
        return new MailReader(limits, type -> type.startsWith("image/") || type.startsWith("audio/"));
    }

    /** Lines joined with CRLF, as ISO-8859-1 octets (so a line can carry any octet 0..255). */
    private static byte[] mail(String... lines) {
        return String.join(CRLF, lines).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : pieces) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static String b64(byte[] data) {
        return Base64.getMimeEncoder().encodeToString(data);
    }

    /** Base64 of UTF-8 text on one line, for encoded-words. */
    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A base64 body part of {@code type} with the given extra header lines. */
    private static String part(String boundary, String type, byte[] data, String... headers) {
        StringBuilder s = new StringBuilder("--").append(boundary).append(CRLF);
        s.append("Content-Type: ").append(type).append(CRLF);
        for (String h : headers) {
            s.append(h).append(CRLF);
        }
        s.append("Content-Transfer-Encoding: base64").append(CRLF).append(CRLF).append(b64(data)).append(CRLF);
        return s.toString();
    }

    private static String textPart(String boundary, String text) {
        return "--" + boundary + CRLF + "Content-Type: text/plain; charset=us-ascii" + CRLF + CRLF + text + CRLF;
    }

    private static byte[] mixed(String boundary, String... parts) {
        return mail("From: Ann <ann@example.com>", "To: +491701234567@mms.example.net", "Subject: parts",
                "MIME-Version: 1.0", "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"", "",
                String.join("", parts) + "--" + boundary + "--", "");
    }

    private static MailRefusedException refused(MailReader r, byte[] raw) {
        return assertThrows(MailRefusedException.class, () -> r.read(raw));
    }

    // ---- limits -------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({"0,1,1,1", "1,0,1,1", "1,1,0,1", "1,1,1,0", "-1,100,10,1000"})
    void limitsMustBePositive(int size, int parts, int depth, int headers) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new InboundLimits(size, parts, depth, headers));
        assertEquals("mail limits must be positive", e.getMessage());
    }

    // ---- texts and charsets -------------------------------------------------------------------------

    @Test
    void readsPlainUtf8MailWithAddressesIdsAndSubject() {
        byte[] raw = concat(mail("From: Ann Example <Ann@Example.COM>",
                "To: +491701234567@mms.example.net",
                "Subject: =?utf-8?B?" + b64("Grüße") + "?=",
                "Message-ID: <id-1@example.com>",
                "MIME-Version: 1.0",
                "Content-Type: text/plain; charset=utf-8",
                "Content-Transfer-Encoding: 8bit", "", ""),
                "Grüße 👋".getBytes(StandardCharsets.UTF_8));

        InboundMail m = reader.read(raw);

        assertEquals(FROM, m.from());
        assertEquals(List.of("+491701234567@mms.example.net"), m.recipients());
        assertEquals("id-1@example.com", m.messageId());
        assertEquals(List.of(), m.references());
        assertEquals("Grüße", m.subject());
        assertFalse(m.automatic());
        assertEquals(List.of("Grüße 👋"), m.texts());
        assertEquals(List.of(), m.media());
        assertEquals(Optional.empty(), m.smil());
        assertEquals(List.of(), m.dropped());
    }

    static Stream<Arguments> charsets() {
        byte[] utf8 = "Grüße €".getBytes(StandardCharsets.UTF_8);
        return Stream.of(
                Arguments.of("text/plain; charset=utf-8", "8bit", utf8, "Grüße €"),
                Arguments.of("text/plain; charset=\"UTF-8\"", "8bit", utf8, "Grüße €"),
                Arguments.of("text/plain; charset=iso-8859-1", "8bit", new byte[] {'G', 'r', (byte) 0xFC, (byte) 0xDF, 'e'},
                        "Grüße"),
                Arguments.of("text/plain; charset=iso-8859-1", "quoted-printable", "Gr=FC=DFe".getBytes(StandardCharsets.US_ASCII),
                        "Grüße"),
                Arguments.of("text/plain; charset=windows-1252", "8bit", new byte[] {(byte) 0x80, '1'}, "€1"),
                // an unknown label reads as UTF-8
                Arguments.of("text/plain; charset=x-no-such-charset", "8bit", utf8, "Grüße €"),
                Arguments.of("text/plain; charset=\"utf 8\"", "8bit", utf8, "Grüße €"),
                // and octets that are not UTF-8 then become replacement characters
                Arguments.of("text/plain; charset=x-no-such-charset", "8bit", new byte[] {'a', (byte) 0xE4, 'b'},
                        "a\uFFFDb"),
                // no charset: UTF-8
                Arguments.of("text/plain", "8bit", utf8, "Grüße €"),
                // a UTF-8 byte-order mark is not text
                Arguments.of("text/plain; charset=utf-8", "8bit", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                        utf8), "Grüße €"),
                Arguments.of("text/plain; charset=utf-16", "base64", b64("hi ä".getBytes(StandardCharsets.UTF_16))
                        .getBytes(StandardCharsets.US_ASCII), "hi ä"));
    }

    @ParameterizedTest
    @MethodSource("charsets")
    void decodesTextInItsCharset(String contentType, String encoding, byte[] body, String expected) {
        byte[] raw = concat(mail("From: ann@example.com", "Content-Type: " + contentType,
                "Content-Transfer-Encoding: " + encoding, "", ""), body);

        assertEquals(List.of(expected), reader.read(raw).texts());
    }

    @Test
    void alternativeTakesPlainTextOverHtmlWhateverTheOrder() {
        byte[] raw = mail("From: ann@example.com", "Content-Type: multipart/alternative; boundary=alt", "",
                "--alt", "Content-Type: text/html; charset=us-ascii", "", "<p>the <b>html</b></p>",
                "--alt", "Content-Type: text/plain; charset=us-ascii", "", "the plain text",
                "--alt--", "");

        InboundMail m = reader.read(raw);

        assertEquals(List.of("the plain text"), m.texts());
        assertEquals(List.of(), m.dropped());
    }

    @Test
    void alternativeWithoutPlainTextTakesHtmlAsText() {
        byte[] raw = mail("From: ann@example.com", "Content-Type: multipart/alternative; boundary=alt", "",
                "--alt", "Content-Type: text/enriched", "", "<bold>rich</bold>",
                "--alt", "Content-Type: text/html; charset=us-ascii", "", "<p>one &amp; two</p><p>three</p>",
                "--alt--", "");

        assertEquals(List.of("one & two\n\nthree"), reader.read(raw).texts());
    }

    @Test
    void alternativeWithoutAnyTextTakesTheFirstPart() {
        byte[] raw = mail("From: ann@example.com", "Content-Type: multipart/alternative; boundary=alt", "",
                part("alt", "image/png", JPEG, "Content-Disposition: inline; filename=a.png").stripTrailing(),
                part("alt", "image/gif", AMR, "Content-Disposition: inline; filename=b.gif").stripTrailing(),
                "--alt--", "");

        InboundMail m = reader.read(raw);

        assertEquals(1, m.media().size());
        assertEquals("a.png", m.media().get(0).name());
        assertArrayEquals(JPEG, m.media().get(0).data());
    }

    @Test
    void htmlOnlyMailBecomesText() {
        byte[] raw = mail("From: ann@example.com", "Content-Type: text/html; charset=iso-8859-1", "",
                "<html><head><title>T</title><style>p{color:red}</style></head>",
                "<body><p>Gr\u00FC\u00DFe&nbsp;&amp;   Dank</p>a<br>b<script>alert(1)</script></body></html>");

        assertEquals(List.of("Grüße & Dank\na\nb"), reader.read(raw).texts());
    }

    @Test
    void textAttachmentIsNotABodyText() {
        byte[] raw = mixed("b", textPart("b", "body"),
                part("b", "text/plain", "notes".getBytes(StandardCharsets.US_ASCII),
                        "Content-Disposition: attachment; filename=notes.txt"),
                part("b", "text/html", "<p>x</p>".getBytes(StandardCharsets.US_ASCII),
                        "Content-Disposition: attachment"));

        InboundMail m = reader.read(raw);

        assertEquals(List.of("body"), m.texts());
        assertEquals(List.of("notes.txt (text/plain)", "a part (text/html)"), m.dropped());
    }

    // ---- media --------------------------------------------------------------------------------------

    @Test
    void keepsImagesAndAudioWithTheirDecodedOctets() {
        byte[] raw = mixed("b", textPart("b", "look"),
                part("b", "image/JPEG; name=\"cat.jpg\"", JPEG, "Content-ID: <img1@example.com>",
                        "Content-Disposition: attachment; filename=\"cat.jpg\""),
                part("b", "audio/amr", AMR, "Content-Disposition: attachment; filename=hello.amr"));

        InboundMail m = reader.read(raw);

        assertEquals(List.of("look"), m.texts());
        assertEquals(2, m.media().size());
        InboundMail.Media image = m.media().get(0);
        assertEquals("image/jpeg", image.mediaType());
        assertEquals("cat.jpg", image.name());
        assertArrayEquals(JPEG, image.data());
        assertEquals("img1@example.com", image.contentId());
        InboundMail.Media audio = m.media().get(1);
        assertEquals("audio/amr", audio.mediaType());
        assertEquals("hello.amr", audio.name());
        assertArrayEquals(AMR, audio.data());
        assertEquals("", audio.contentId());
    }

    static Stream<Arguments> hostileNames() {
        return Stream.of(
                Arguments.of("filename=\"../../etc/passwd.jpg\"", "passwd.jpg"),
                Arguments.of("filename=\"..\\\\..\\\\win.ini.jpg\"", "win.ini.jpg"),
                Arguments.of("filename=\"/abs/path/x.jpg\"", "x.jpg"),
                // RFC 2231: CR LF and NUL encoded into the name
                Arguments.of("filename*=utf-8''a%0D%0AX-Injected%3A%20b.jpg", "aX-Injected b.jpg"),
                Arguments.of("filename*=utf-8''..%2F..%2Fsecret%00.jpg", "secret.jpg"),
                Arguments.of("filename*=utf-8''Gr%C3%BC%C3%9Fe.jpg", "Grüße.jpg"),
                // RFC 2047 encoded-words in the name, with CR LF and a path inside
                Arguments.of("filename=\"=?utf-8?B?" + b64("x\r\nBcc: y.jpg") + "?=\"", "xBcc y.jpg"),
                Arguments.of("filename=\"=?utf-8?B?" + b64("../Grüße.jpg") + "?=\"", "Grüße.jpg"),
                Arguments.of("filename=\"=?iso-8859-1?Q?caf=E9.jpg?=\"", "café.jpg"),
                // bidi override and quotes
                Arguments.of("filename*=utf-8''evil%E2%80%AEgpj.exe", "evilgpj.exe"),
                Arguments.of("filename=\"'quoted'<x>.jpg\"", "quotedx.jpg"),
                // nothing left: a name made from the type
                Arguments.of("filename=\"../..\"", "part1.jpg"),
                Arguments.of("filename=\"...\"", "part1.jpg"));
    }

    @ParameterizedTest
    @MethodSource("hostileNames")
    void sanitisesAttachmentNames(String parameter, String expected) {
        byte[] raw = mixed("b", part("b", "image/jpeg", JPEG, "Content-Disposition: attachment; " + parameter));

        InboundMail.Media media = reader.read(raw).media().get(0);

        assertEquals(expected, media.name());
        assertArrayEquals(JPEG, media.data());
    }

    @Test
    void makesDuplicateNamesUnique() {
        byte[] raw = mixed("b",
                part("b", "image/jpeg", JPEG, "Content-Disposition: attachment; filename=a.jpg"),
                part("b", "image/jpeg", JPEG, "Content-Disposition: attachment; filename=a.jpg"),
                part("b", "image/jpeg", JPEG, "Content-Disposition: attachment; filename=A.JPG"),
                part("b", "image/jpeg", JPEG, "Content-Disposition: attachment; filename=photo"),
                part("b", "image/jpeg", JPEG, "Content-Disposition: attachment; filename=photo"),
                // named like the name the next unnamed part gets
                part("b", "image/png", JPEG, "Content-Disposition: attachment; filename=part7.png"),
                part("b", "image/png", JPEG),
                part("b", "image/x-unknown", JPEG));

        List<String> names = reader.read(raw).media().stream().map(InboundMail.Media::name).toList();

        assertEquals(List.of("a.jpg", "a-2.jpg", "A-3.JPG", "photo", "photo-2", "part7.png", "part7-2.png",
                "part8.bin"), names);
    }

    @Test
    void dropsDisallowedMediaTypesAndListsThem() {
        byte[] raw = mixed("b", textPart("b", "see attached"),
                part("b", "application/pdf", JPEG, "Content-Disposition: attachment; filename=\"../doc.pdf\""),
                part("b", "application/zip", JPEG),
                part("b", "video/mp4", JPEG, "Content-Disposition: attachment; filename=clip.mp4"),
                part("b", "image/gif", JPEG, "Content-Disposition: attachment; filename=ok.gif"));

        InboundMail m = reader.read(raw);

        assertEquals(List.of("doc.pdf (application/pdf)", "a part (application/zip)", "clip.mp4 (video/mp4)"),
                m.dropped());
        assertEquals(List.of("ok.gif"), m.media().stream().map(InboundMail.Media::name).toList());
    }

    @Test
    void unparseableContentTypeIsOctetStreamAndDropped() {
        byte[] raw = mixed("b", textPart("b", "body"), "--b" + CRLF + "Content-Type: image/" + CRLF + CRLF + "x" + CRLF);

        InboundMail m = reader.read(raw);

        assertEquals(List.of("body"), m.texts());
        assertEquals(List.of("a part (application/octet-stream)"), m.dropped());
    }

    @Test
    void capturesTheFirstSmilPart() {
        byte[] second = "<smil/>".getBytes(StandardCharsets.US_ASCII);
        byte[] raw = mixed("b", part("b", "application/smil; charset=utf-8", SMIL, "Content-ID: <smil>"),
                part("b", "image/jpeg", JPEG, "Content-ID: <img1>"),
                part("b", "application/smil", second, "Content-Disposition: attachment; filename=two.smil"));

        InboundMail m = reader.read(raw);

        assertArrayEquals(SMIL, m.smil().orElseThrow());
        assertEquals(1, m.media().size());
        assertEquals("img1", m.media().get(0).contentId());
        assertEquals(List.of("two.smil (application/smil)"), m.dropped());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "<a@b>|a@b",
        "  <img.1_x-y@host>  |img.1_x-y@host",
        "<a b@c>|''",
        "<>|''",
        "a@b|''",
        "<a@b\u007F>|''"})
    void contentIdIsPrintableAsciiWithoutBrackets(String header, String expected) {
        byte[] raw = mixed("b", part("b", "image/jpeg", JPEG, "Content-ID: " + header));

        assertEquals(expected, reader.read(raw).media().get(0).contentId());
    }

    @Test
    void walksAnAttachedMessage() {
        String inner = String.join(CRLF, "From: bob@example.org", "Subject: inner",
                "Content-Type: multipart/mixed; boundary=in", "",
                "--in", "Content-Type: text/plain", "", "inner text",
                part("in", "image/png", JPEG, "Content-Disposition: attachment; filename=inner.png").stripTrailing(),
                "--in--", "");
        byte[] raw = mixed("out", textPart("out", "outer text"),
                "--out" + CRLF + "Content-Type: message/rfc822" + CRLF + "Content-Disposition: attachment" + CRLF
                        + CRLF + inner + CRLF);

        InboundMail m = reader.read(raw);

        assertEquals(FROM, m.from());
        assertEquals("parts", m.subject());
        assertEquals(List.of("outer text", "inner text"), m.texts());
        assertEquals(List.of("inner.png"), m.media().stream().map(InboundMail.Media::name).toList());
        assertArrayEquals(JPEG, m.media().get(0).data());
    }

    // ---- structure limits ---------------------------------------------------------------------------

    /** {@code levels} multiparts inside each other, a text at the bottom. */
    private static byte[] nested(int levels) {
        StringBuilder s = new StringBuilder("From: ann@example.com" + CRLF);
        for (int i = 0; i < levels; i++) {
            s.append("Content-Type: multipart/mixed; boundary=\"b").append(i).append('"').append(CRLF).append(CRLF);
            s.append("--b").append(i).append(CRLF);
        }
        s.append("Content-Type: text/plain").append(CRLF).append(CRLF).append("deep").append(CRLF);
        for (int i = levels - 1; i >= 0; i--) {
            s.append("--b").append(i).append("--").append(CRLF);
        }
        return s.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void nestingUpToMaxDepthIsRead() {
        // the mail is depth 0; two multiparts put the text at depth 2
        assertEquals(List.of("deep"), reader(new InboundLimits(1 << 20, 100, 2, 100)).read(nested(2)).texts());
    }

    @Test
    void nestingDeeperThanMaxDepthIsRefused() {
        MailRefusedException e = refused(reader(new InboundLimits(1 << 20, 100, 2, 100)), nested(3));

        assertEquals("the mail nests parts more than 2 deep", e.getMessage());
        assertEquals(Optional.of(FROM), e.bounceTo());
    }

    @Test
    void thousandDeepNestingIsRefusedByDepth() {
        byte[] raw = nested(1000);

        MailRefusedException e = refused(reader, raw);

        assertEquals("the mail nests parts more than 10 deep", e.getMessage());
        assertEquals(Optional.of(FROM), e.bounceTo());
    }

    @Test
    void attachedMessagesCountTowardsDepth() {
        String innermost = "From: c@example.org" + CRLF + "Content-Type: text/plain" + CRLF + CRLF + "x" + CRLF;
        String inner = "From: b@example.org" + CRLF + "Content-Type: message/rfc822" + CRLF + CRLF + innermost;
        byte[] raw = mail("From: ann@example.com", "Content-Type: message/rfc822", "", inner);

        // mail(0) -> attached message(1) -> attached message(2) -> its text is the message's own body
        assertEquals(List.of("x" + CRLF), reader(new InboundLimits(1 << 20, 100, 2, 100)).read(raw).texts());
        MailRefusedException e = refused(reader(new InboundLimits(1 << 20, 100, 1, 100)), raw);
        assertEquals("the mail nests parts more than 1 deep", e.getMessage());
    }

    private static byte[] withParts(int leaves) {
        String[] parts = new String[leaves];
        for (int i = 0; i < leaves; i++) {
            parts[i] = textPart("b", "t" + i);
        }
        return mixed("b", parts);
    }

    @Test
    void partsUpToMaxPartsAreRead() {
        // the multipart itself is a part: 1 + 2 leaves = 3
        assertEquals(List.of("t0", "t1"), reader(new InboundLimits(1 << 20, 3, 10, 100)).read(withParts(2)).texts());
    }

    @Test
    void morePartsThanMaxPartsAreRefused() {
        MailRefusedException e = refused(reader(new InboundLimits(1 << 20, 3, 10, 100)), withParts(3));

        assertEquals("the mail has more than 3 parts", e.getMessage());
        assertEquals(Optional.of(FROM), e.bounceTo());
    }

    @Test
    void hundredThousandPartsAreRefused() {
        StringBuilder s = new StringBuilder("From: ann@example.com\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n");
        for (int i = 0; i < 100_000; i++) {
            s.append("--b\r\n\r\nx\r\n");
        }
        s.append("--b--\r\n");

        MailRefusedException e = refused(reader, s.toString().getBytes(StandardCharsets.US_ASCII));

        assertEquals("the mail has more than 100 parts", e.getMessage());
    }

    /** From, Content-Type, then {@code extra} X- headers, and a multipart of one part with 2 headers. */
    private static byte[] withHeaders(int extra) {
        List<String> lines = new ArrayList<>(List.of("From: ann@example.com", "Content-Type: multipart/mixed; boundary=b"));
        for (int i = 0; i < extra; i++) {
            lines.add("X-Filler-" + i + ": v");
        }
        lines.addAll(List.of("", "--b", "Content-Type: text/plain", "X-Part: 1", "", "text", "--b--", ""));
        return mail(lines.toArray(String[]::new));
    }

    @Test
    void headersUpToMaxHeadersAreRead() {
        // 2 + 3 in the mail, 2 in the part: 7
        assertEquals(List.of("text"), reader(new InboundLimits(1 << 20, 10, 10, 7)).read(withHeaders(3)).texts());
    }

    @Test
    void moreHeaderLinesThanMaxHeadersAreRefused() {
        MailRefusedException e = refused(reader(new InboundLimits(1 << 20, 10, 10, 7)), withHeaders(4));

        assertEquals("the mail has more than 7 header lines", e.getMessage());
        assertEquals(Optional.of(FROM), e.bounceTo());
    }

    @Test
    void partHeadersCountTowardsMaxHeaders() {
        // 5 mail headers fit in 6, the part's 2 do not
        MailRefusedException e = refused(reader(new InboundLimits(1 << 20, 10, 10, 6)), withHeaders(3));

        assertEquals("the mail has more than 6 header lines", e.getMessage());
    }

    @Test
    void tenThousandHeadersAreRefused() {
        MailRefusedException e = refused(reader, withHeaders(10_000));

        assertEquals("the mail has more than 1000 header lines", e.getMessage());
    }

    @Test
    void mailOfMaxSizeIsReadAndOneOctetMoreRefused() {
        byte[] raw = mail("From: ann@example.com", "", "body");
        assertEquals(List.of("body"), reader(new InboundLimits(raw.length, 10, 10, 10)).read(raw).texts());

        MailRefusedException e = refused(reader(new InboundLimits(raw.length - 1, 10, 10, 10)), raw);

        assertEquals("the mail is " + raw.length + " octets, more than the " + (raw.length - 1)
                + " this gateway takes", e.getMessage());
        // the size is checked before the mail is parsed: no sender is known yet
        assertEquals(Optional.empty(), e.bounceTo());
    }

    @Test
    void tenMegabyteHeaderIsRefusedBySize() {
        byte[] raw = concat(mail("From: ann@example.com", "X-Big: "), new byte[10 << 20], mail("", "", "x"));

        MailRefusedException e = refused(reader, raw);

        assertEquals("the mail is " + raw.length + " octets, more than the 2097152 this gateway takes", e.getMessage());
    }

    // ---- malformed structure ------------------------------------------------------------------------

    @Test
    void missingFinalBoundaryStillReadsEveryPart() {
        byte[] raw = mail("From: ann@example.com", "Content-Type: multipart/mixed; boundary=b", "",
                "--b", "Content-Type: text/plain", "", "first",
                part("b", "image/png", JPEG, "Content-Disposition: attachment; filename=x.png").stripTrailing());

        InboundMail m = reader.read(raw);

        assertEquals(List.of("first"), m.texts());
        assertEquals(List.of("x.png"), m.media().stream().map(InboundMail.Media::name).toList());
        assertArrayEquals(JPEG, m.media().get(0).data());
    }

    @Test
    void boundaryStringInsideContentIsContent() {
        byte[] raw = mixed("b", textPart("b", "a line with --b inside" + CRLF + " --b--  too"), textPart("b", "second"));

        assertEquals(List.of("a line with --b inside" + CRLF + " --b--  too", "second"), reader.read(raw).texts());
    }

    @ParameterizedTest
    @CsvSource({"abc", "Zm9v=x", "AAAA====="})
    void badBase64IsRefusedWithABounce(String body) {
        byte[] raw = mixed("b", textPart("b", "hi"), "--b" + CRLF + "Content-Type: image/jpeg" + CRLF
                + "Content-Transfer-Encoding: base64" + CRLF + CRLF + body + CRLF);

        MailRefusedException e = refused(reader, raw);

        assertTrue(e.getMessage().startsWith("the mail cannot be read: "), e.getMessage());
        assertEquals(Optional.of(FROM), e.bounceTo());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "To: x@example.com",
        "From:",
        "From: undisclosed-recipients:;",
        "From: Ann <ann>",
        "From: <@example.com>"})
    void mailWithoutUsableFromIsRefusedWithoutBounce(String fromLine) {
        byte[] raw = mail(fromLine, "Subject: s", "", "body");

        MailRefusedException e = refused(reader, raw);

        assertEquals("the mail has no usable From address", e.getMessage());
        assertEquals(Optional.empty(), e.bounceTo());
    }

    @Test
    void nonAsciiFromIsRefused() {
        byte[] raw = concat("From: ann@exa".getBytes(StandardCharsets.US_ASCII),
                "\u760D\u760Ample.com".getBytes(StandardCharsets.UTF_8), mail("", "", "body"));

        MailRefusedException e = refused(reader, raw);

        assertEquals("the mail has no usable From address", e.getMessage());
    }

    // ---- machine-sent mail --------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "X-Nothing: 1|false",
        "Auto-Submitted: no|false",
        "Auto-Submitted: No (a person wrote this)|false",
        "Auto-Submitted: auto-replied|true",
        "Auto-Submitted: auto-generated|true",
        "Auto-Submitted: AUTO-NOTIFIED; owner-email=x@y|true",
        "Precedence: bulk|true",
        "Precedence: Junk|true",
        "Precedence:  list |true",
        "Precedence: first-class|false",
        "Return-Path: <>|true",
        "Return-Path: <ann@example.com>|false"})
    void machineSentMailIsAutomatic(String header, boolean automatic) {
        byte[] raw = mail("From: ann@example.com", header, "", "body");

        assertEquals(automatic, reader.read(raw).automatic());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Auto-Submitted: auto-replied",
        "Precedence: bulk",
        "Return-Path: <>"})
    void refusedMachineSentMailGetsNoBounce(String header) {
        byte[] raw = mail("From: ann@example.com", header, "Content-Type: multipart/mixed; boundary=b", "",
                "--b", "", "1", "--b", "", "2", "--b--", "");

        MailRefusedException e = refused(reader(new InboundLimits(1 << 20, 2, 10, 100)), raw);

        assertEquals("the mail has more than 2 parts", e.getMessage());
        assertEquals(Optional.empty(), e.bounceTo());
    }

    @Test
    void autoSubmittedExtensionKeywordStartingWithNoIsAutomatic() {
        // RFC 3834 §5: any value but the keyword "no" marks a machine's mail; "notification" is an
        // extension keyword, not "no"
        byte[] raw = mail("From: ann@example.com", "Auto-Submitted: notification", "", "body");

        assertTrue(reader.read(raw).automatic());
    }

    // ---- ids, recipients, subject -------------------------------------------------------------------

    @Test
    void readsInReplyToThenReferences() {
        byte[] raw = mail("From: ann@example.com", "Message-ID: <m.1@example.com> <second@x>",
                "In-Reply-To: <parent@mms.example.net> (comment)",
                "References: <r1@x>", "  <r2@x> <bad id@x> <> <r3@x>", "", "body");

        InboundMail m = reader.read(raw);

        assertEquals("m.1@example.com", m.messageId());
        assertEquals(List.of("parent@mms.example.net", "r1@x", "r2@x", "r3@x"), m.references());
    }

    @Test
    void keepsAtMostFiftyReferences() {
        StringBuilder refs = new StringBuilder("References:");
        for (int i = 0; i < 60; i++) {
            refs.append(" <r").append(i).append("@x>");
        }
        List<String> references = reader.read(mail("From: ann@example.com", refs.toString(), "", "b")).references();

        assertEquals(50, references.size());
        assertEquals("r0@x", references.get(0));
        assertEquals("r49@x", references.get(49));
    }

    @Test
    void mailWithoutMessageIdGetsOneFromItsOctets() {
        byte[] one = mail("From: ann@example.com", "Message-ID: <bad id>", "", "body one");
        byte[] two = mail("From: ann@example.com", "", "body two");

        String idOne = reader.read(one).messageId();
        String idTwo = reader.read(two).messageId();

        assertTrue(idOne.matches("sha256:[0-9a-f]{64}"), idOne);
        assertTrue(idTwo.matches("sha256:[0-9a-f]{64}"), idTwo);
        assertNotEquals(idOne, idTwo);
        assertEquals(idOne, reader.read(one.clone()).messageId());
    }

    @Test
    void collectsRecipientsInHeaderOrderWithoutRepeatsOrJunk() {
        byte[] raw = concat(mail("From: ann@example.com",
                "To: Phone <+491701234567@mms.example.net>, bob@example.com, undisclosed-recipients:;",
                "Cc: bob@example.com, \"Carol, C.\" <carol@example.org>, not-an-address, x@",
                "Delivered-To: +491701234567@mms.example.net",
                "Delivered-To: 491709999999@MMS.example.net",
                "X-Original-To: dave@example.net",
                "X-Original-To: "), "eve@exa\u00E4mple.com".getBytes(StandardCharsets.UTF_8),
                mail("", "Bcc: hidden@example.com", "Resent-To: resent@example.com", "", "body"));

        assertEquals(List.of("+491701234567@mms.example.net", "bob@example.com", "carol@example.org",
                "491709999999@MMS.example.net", "dave@example.net"), reader.read(raw).recipients());
    }

    @ParameterizedTest
    @MethodSource("subjects")
    void subjectComesOutWithoutControlCharacters(String header, String expected) {
        byte[] raw = mail("From: ann@example.com", "Subject: " + header, "", "body");

        String subject = reader.read(raw).subject();

        assertEquals(expected, subject);
        assertTrue(subject.codePoints().noneMatch(HeaderText::isControl), subject);
    }

    static Stream<Arguments> subjects() {
        return Stream.of(
                Arguments.of("plain", "plain"),
                Arguments.of("=?utf-8?B?" + b64("Hi\r\nBcc: x@y") + "?=", "Hi  Bcc: x@y"),
                Arguments.of("=?utf-8?Q?a=0D=0Ab=00c=7Fd?=", "a  b c d"),
                Arguments.of("=?utf-8?B?" + b64("a\u0085b\u2028c\u2029d\tz") + "?=", "a b c d z"),
                Arguments.of("=?utf-8?B?" + b64("\r\n  padded \n") + "?=", "padded"),
                Arguments.of("=?utf-8?B?" + b64("x".repeat(300)) + "?=", "x".repeat(200)),
                Arguments.of("=?iso-8859-1?Q?caf=E9?= =?utf-8?B?" + b64(" 👋") + "?=", "café 👋"));
    }

    @Test
    void mailWithoutSubjectHasEmptySubject() {
        assertEquals("", reader.read(mail("From: ann@example.com", "", "body")).subject());
    }

    // ---- bounces ------------------------------------------------------------------------------------

    private static byte[] octets(MimeMessage message) throws IOException, MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    @Test
    void bounceReadBackIsAutomaticAndCarriesTheReasonOnOneLine() throws Exception {
        BounceComposer composer = new BounceComposer("MMS.Example.NET");
        Session session = Session.getInstance(new Properties());

        MimeMessage bounce = composer.compose("ann@example.com", "the mail has\r\nBcc: x@y more \u0000 than 3 parts",
                session);
        InboundMail m = reader.read(octets(bounce));

        assertEquals("postmaster@mms.example.net", m.from());
        assertEquals(List.of("ann@example.com"), m.recipients());
        assertEquals("Not delivered as MMS", m.subject());
        assertTrue(m.automatic());
        assertEquals(List.of("Your mail was not delivered as MMS: the mail has  Bcc: x@y more   than 3 parts.\r\n"),
                m.texts());
        assertEquals(1, bounce.getHeader("Auto-Submitted").length);
        assertEquals("auto-replied", bounce.getHeader("Auto-Submitted")[0]);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ann\r\nBcc: x@y@example.com",
        "ann@ex\u760Dample.com",
        "group:;",
        "nodomain"})
    void bounceRefusesUnsafeRecipients(String to) {
        BounceComposer composer = new BounceComposer("mms.example.net");

        assertThrows(IllegalArgumentException.class,
                () -> composer.compose(to, "reason", Session.getInstance(new Properties())));
    }

    @ParameterizedTest
    @CsvSource({
        "ann@example.com,true",
        "postmaster@mms.example.net,false",
        "PostMaster@MMS.Example.Net,false",
        "+491701234567@mms.example.net,false",
        "x@evilmms.example.net,true",
        "x@mms.example.net.evil.org,true"})
    void bouncesNeverGoToTheOwnDomain(String address, boolean allowed) {
        assertEquals(allowed, new BounceComposer("Mms.Example.Net").mayBounceTo(address));
    }
}
