package org.mmsgw.processors.mail;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.mmsgw.codec.mms.MessageType;
import org.mmsgw.codec.mms.MmsDecoder;
import org.mmsgw.codec.mms.MmsEncoder;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.codec.multipart.Body;
import org.mmsgw.codec.multipart.Part;
import org.mmsgw.codec.wsp.Charsets;
import org.mmsgw.codec.wsp.ContentType;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

class MmsFromMailTest {
    private static final String FROM = "ann@example.com";
    private static final List<String> PHONES = List.of("+491701234567/TYPE=PLMN", "+491709999999/TYPE=PLMN");
    private static final long DATE = 1_893_492_000L;
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, 0x00, 0x0D, 0x0A, (byte) 0xFF, (byte) 0xD9};
    private static final byte[] AMR = {'#', '!', 'A', 'M', 'R', 0x0A, 0x00, (byte) 0x80};
    private static final byte[] MP4 = {0x00, 0x00, 0x00, 0x18, 'f', 't', 'y', 'p'};

    private final MmsFromMail builder = new MmsFromMail();

    private static InboundMail mail(String subject, List<String> texts, List<InboundMail.Media> media,
            Optional<byte[]> smil, List<String> dropped) {
        return new InboundMail(FROM, List.of("+491701234567@mms.example.net"), "id@example.com", List.of(), subject,
                false, texts, media, smil, dropped);
    }

    private static InboundMail.Media media(String type, String name, byte[] data, String contentId) {
        return new InboundMail.Media(type, name, data, contentId);
    }

    private static List<Part> parts(MmsPdu pdu) {
        return assertInstanceOf(Body.Multipart.class, pdu.body()).parts();
    }

    private static byte[] data(Part p) {
        return p.data().orElseThrow().toByteArray();
    }

    /** The SMIL's media elements in document order: tag name, src and region ("" when none). */
    private record Ref(String element, String src, String region) {
    }

    private static List<List<Ref>> slides(byte[] smil) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Element root = f.newDocumentBuilder().parse(new ByteArrayInputStream(smil)).getDocumentElement();
        assertEquals("smil", root.getTagName());
        NodeList pars = root.getElementsByTagName("par");
        List<List<Ref>> slides = new ArrayList<>();
        for (int i = 0; i < pars.getLength(); i++) {
            List<Ref> refs = new ArrayList<>();
            NodeList children = pars.item(i).getChildNodes();
            for (int j = 0; j < children.getLength(); j++) {
                if (children.item(j).getNodeType() == Node.ELEMENT_NODE) {
                    Element e = (Element) children.item(j);
                    refs.add(new Ref(e.getTagName(), e.getAttribute("src"), e.getAttribute("region")));
                }
            }
            slides.add(refs);
        }
        return slides;
    }

    private InboundMail rich() {
        return mail("Grüße 👋", List.of("first text", "  \r\n ", "zweiter Text ä"),
                List.of(media("image/jpeg", "cat.jpg", JPEG, "img1@example.com"),
                        media("audio/amr", "hello.amr", AMR, ""),
                        media("video/mp4", "clip.mp4", MP4, "")),
                Optional.empty(), List.of());
    }

    @Test
    void sendReqCarriesSenderPhonesAndSubject() {
        MmsPdu pdu = builder.build(rich(), "T-1", PHONES, DATE);

        assertEquals(MessageType.SEND_REQ, pdu.messageType());
        assertEquals(Optional.of("T-1"), pdu.transactionId());
        assertEquals(Optional.of(FROM), pdu.from());
        assertEquals(PHONES, pdu.texts(MmsField.TO));
        assertEquals(Optional.of("Grüße 👋"), pdu.text(MmsField.SUBJECT));
        assertEquals(Optional.of(DATE), pdu.number(MmsField.DATE));
        assertEquals(List.of(), pdu.all(MmsField.CC));
    }

    @Test
    void emptySubjectWritesNoSubject() {
        MmsPdu pdu = builder.build(mail("", List.of("t"), List.of(), Optional.empty(), List.of()), "T", PHONES, DATE);

        assertEquals(Optional.empty(), pdu.first(MmsField.SUBJECT));
    }

    @Test
    void noPhoneIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> builder.build(rich(), "T", List.of(), DATE));

        assertEquals("an MMS needs a recipient", e.getMessage());
    }

    @Test
    void bodyIsRelatedWithTheSmilFirstAsStart() {
        MmsPdu pdu = builder.build(rich(), "T", PHONES, DATE);

        assertEquals(ContentType.MULTIPART_RELATED, pdu.contentType().mediaType());
        assertEquals(Optional.of("<smil>"), pdu.contentType().parameterText("start"));
        assertEquals(Optional.of("application/smil"), pdu.contentType().parameterText("type"));
        Part smil = parts(pdu).get(0);
        assertEquals("application/smil", smil.contentType().mediaType());
        assertEquals(Optional.of("<smil>"), smil.contentId());
        assertEquals(Optional.of("presentation.smil"), smil.contentLocation());
        assertEquals(1, parts(pdu).stream().filter(p -> p.contentId().equals(Optional.of("<smil>"))).count());
    }

    @Test
    void textsBecomeUtf8PartsWithoutBlankOnesAndMediaComeAsTheyCame() {
        List<Part> parts = parts(builder.build(rich(), "T", PHONES, DATE));

        assertEquals(6, parts.size());
        Part first = parts.get(1);
        assertEquals("text/plain", first.contentType().mediaType());
        assertEquals(Optional.of((long) Charsets.UTF_8), first.contentType().charset());
        assertEquals(Optional.of("text1.txt"), first.contentLocation());
        assertArrayEquals("first text".getBytes(StandardCharsets.UTF_8), data(first));
        Part second = parts.get(2);
        assertEquals(Optional.of("text2.txt"), second.contentLocation());
        assertArrayEquals("zweiter Text ä".getBytes(StandardCharsets.UTF_8), data(second));

        Part image = parts.get(3);
        assertEquals("image/jpeg", image.contentType().mediaType());
        assertEquals(Optional.of("cat.jpg"), image.contentType().parameterText("name"));
        assertEquals(Optional.of("<img1@example.com>"), image.contentId());
        assertEquals(Optional.of("cat.jpg"), image.contentLocation());
        assertArrayEquals(JPEG, data(image));
        Part audio = parts.get(4);
        assertEquals("audio/amr", audio.contentType().mediaType());
        // numbered among the media, whether or not the others have their own id
        assertEquals(Optional.of("<media2>"), audio.contentId());
        assertArrayEquals(AMR, data(audio));
        assertEquals(Optional.of("<media3>"), parts.get(5).contentId());
        assertArrayEquals(MP4, data(parts.get(5)));
    }

    @Test
    void generatedSmilReferencesEveryPartByContentLocation() throws Exception {
        List<Part> parts = parts(builder.build(rich(), "T", PHONES, DATE));

        List<List<Ref>> slides = slides(data(parts.get(0)));

        assertEquals(List.of(
                List.of(new Ref("img", "cat.jpg", "Image"), new Ref("text", "text1.txt", "Text")),
                List.of(new Ref("audio", "hello.amr", ""), new Ref("text", "text2.txt", "Text")),
                List.of(new Ref("video", "clip.mp4", "Image"))), slides);
        Set<String> referenced = new HashSet<>();
        slides.forEach(s -> s.forEach(r -> referenced.add(r.src())));
        Set<String> locations = new HashSet<>();
        parts.subList(1, parts.size()).forEach(p -> locations.add(p.contentLocation().orElseThrow()));
        assertEquals(locations, referenced);
    }

    @Test
    void generatedSmilLaysOutEverySlideOnceWhenTextsOutnumberMedia() throws Exception {
        InboundMail m = mail("s", List.of("a", "b", "c"), List.of(media("image/gif", "x.gif", JPEG, "")),
                Optional.empty(), List.of());

        List<List<Ref>> slides = slides(data(parts(builder.build(m, "T", PHONES, DATE)).get(0)));

        assertEquals(List.of(
                List.of(new Ref("img", "x.gif", "Image"), new Ref("text", "text1.txt", "Text")),
                List.of(new Ref("text", "text2.txt", "Text")),
                List.of(new Ref("text", "text3.txt", "Text"))), slides);
    }

    @Test
    void mailOfOnlyBlankTextStillGetsAPresentation() throws Exception {
        MmsPdu pdu = builder.build(mail("s", List.of(" "), List.of(), Optional.empty(), List.of()), "T", PHONES, DATE);

        assertEquals(1, parts(pdu).size());
        assertEquals(List.of(List.of()), slides(data(parts(pdu).get(0))));
    }

    @Test
    void smilLayoutEscapesLocations() throws Exception {
        String hostile = "a&b\"<c>'d.jpg";
        String smil = SmilLayout.of(List.of(new SmilLayout.Item("image/jpeg", hostile),
                new SmilLayout.Item("application/vnd.x", "x\"/><script>.bin"),
                new SmilLayout.Item("text/plain", "t&t.txt")));

        assertEquals(List.of(List.of(new Ref("img", hostile, "Image"), new Ref("text", "t&t.txt", "Text")),
                List.of(new Ref("ref", "x\"/><script>.bin", "Image"))),
                slides(smil.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void mailsOwnSmilIsKept() {
        byte[] own = "<smil><body><par><img src=\"cid:img1@example.com\"/></par></body></smil>"
                .getBytes(StandardCharsets.UTF_8);
        InboundMail m = mail("s", List.of("t"), List.of(media("image/jpeg", "cat.jpg", JPEG, "img1@example.com")),
                Optional.of(own), List.of());

        List<Part> parts = parts(builder.build(m, "T", PHONES, DATE));

        assertEquals(3, parts.size());
        assertArrayEquals(own, data(parts.get(0)));
        assertEquals(Optional.of("<smil>"), parts.get(0).contentId());
        assertEquals(Optional.of("<img1@example.com>"), parts.get(2).contentId());
    }

    @Test
    void droppedPartsAreNamedInTheLastText() throws Exception {
        InboundMail m = mail("s", List.of("hello"), List.of(media("image/png", "p.png", JPEG, "")), Optional.empty(),
                List.of("doc.pdf (application/pdf)", "a part (application/zip)"));

        List<Part> parts = parts(builder.build(m, "T", PHONES, DATE));

        assertEquals(List.of("presentation.smil", "text1.txt", "text2.txt", "p.png"),
                parts.stream().map(p -> p.contentLocation().orElseThrow()).toList());
        assertEquals(Optional.of("[Not included: doc.pdf (application/pdf), a part (application/zip)]"),
                parts.get(2).text());
        List<List<Ref>> slides = slides(data(parts.get(0)));
        assertEquals(new Ref("text", "text2.txt", "Text"), slides.get(1).get(0));
    }

    @Test
    void encodesAndDecodesToEqualParts() {
        InboundMail m = mail("Grüße 👋", List.of("eins", "zwei ä €"),
                List.of(media("image/jpeg", "Grüße.jpg", JPEG, "img1@example.com"),
                        media("audio/amr", "hello.amr", AMR, ""),
                        media("image/x-private", "part3.bin", MP4, "")),
                Optional.empty(), List.of("doc.pdf (application/pdf)"));
        MmsPdu pdu = builder.build(m, "T-42", PHONES, DATE);

        MmsPdu decoded = new MmsDecoder().decode(new MmsEncoder().encode(pdu));

        assertEquals(MessageType.SEND_REQ, decoded.messageType());
        assertEquals(Optional.of("T-42"), decoded.transactionId());
        assertEquals(Optional.of(FROM), decoded.from());
        assertEquals(PHONES, decoded.texts(MmsField.TO));
        assertEquals(Optional.of("Grüße 👋"), decoded.text(MmsField.SUBJECT));
        assertEquals(Optional.of(DATE), decoded.number(MmsField.DATE));
        assertEquals(pdu.contentType().mediaType(), decoded.contentType().mediaType());
        assertEquals(Optional.of("<smil>"), decoded.contentType().parameterText("start"));
        List<Part> expected = parts(pdu);
        List<Part> actual = parts(decoded);
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            Part e = expected.get(i);
            Part a = actual.get(i);
            assertEquals(e.contentType().mediaType(), a.contentType().mediaType(), "type of part " + i);
            assertEquals(e.contentType().charset(), a.contentType().charset(), "charset of part " + i);
            assertEquals(e.contentType().parameterText("name"), a.contentType().parameterText("name"),
                    "name of part " + i);
            assertEquals(e.contentId(), a.contentId(), "Content-ID of part " + i);
            assertEquals(e.contentLocation(), a.contentLocation(), "Content-Location of part " + i);
            assertArrayEquals(data(e), data(a), "octets of part " + i);
        }
        assertEquals(Optional.of("zwei ä €"), actual.get(2).text());
        assertEquals(Optional.of("Grüße.jpg"), actual.get(4).contentType().parameterText("name"));
    }

    @Test
    void receivedMailBecomesAnMms() throws Exception {
        String b64 = Base64.getMimeEncoder().encodeToString(JPEG);
        byte[] raw = String.join("\r\n", "From: Ann <Ann@Example.com>", "To: +491701234567@mms.example.net",
                "Subject: Photo", "Content-Type: multipart/mixed; boundary=b", "",
                "--b", "Content-Type: text/plain; charset=utf-8", "", "see the cat",
                "--b", "Content-Type: image/jpeg", "Content-Disposition: attachment; filename=\"../cat.jpg\"",
                "Content-Transfer-Encoding: base64", "", b64,
                "--b", "Content-Type: application/pdf", "Content-Disposition: attachment; filename=doc.pdf", "", "%PDF",
                "--b--", "").getBytes(StandardCharsets.US_ASCII);
        InboundMail m = new MailReader(InboundLimits.DEFAULTS, t -> t.startsWith("image/")).read(raw);

        MmsPdu pdu = new MmsDecoder().decode(new MmsEncoder().encode(builder.build(m, "T", PHONES.subList(0, 1), DATE)));

        assertEquals(Optional.of("ann@example.com"), pdu.from());
        assertEquals(Optional.of("Photo"), pdu.text(MmsField.SUBJECT));
        List<Part> parts = parts(pdu);
        assertEquals(List.of("presentation.smil", "text1.txt", "text2.txt", "cat.jpg"),
                parts.stream().map(p -> p.contentLocation().orElseThrow()).toList());
        assertEquals(Optional.of("see the cat"), parts.get(1).text());
        assertEquals(Optional.of("[Not included: doc.pdf (application/pdf)]"), parts.get(2).text());
        assertArrayEquals(JPEG, data(parts.get(3)));
        assertEquals(List.of(List.of(new Ref("img", "cat.jpg", "Image"), new Ref("text", "text1.txt", "Text")),
                List.of(new Ref("text", "text2.txt", "Text"))), slides(data(parts.get(0))));
    }

    @Test
    void mediaContentIdSmilDoesNotShadowThePresentation() {
        // an attachment with "Content-ID: <smil>" (MailReader keeps it) must not be a second start part, nor one
        // with "<media2>" the twin of the id made up for the second media
        InboundMail m = mail("s", List.of("t"), List.of(media("image/jpeg", "cat.jpg", JPEG, "smil"),
                media("image/jpeg", "dog.jpg", JPEG, ""), media("image/jpeg", "eel.jpg", JPEG, "media2")),
                Optional.empty(), List.of());

        List<Part> parts = parts(builder.build(m, "T", PHONES, DATE));

        List<Optional<String>> ids = parts.stream().map(Part::contentId).toList();
        assertEquals(ids.size(), new HashSet<>(ids).size(), "Content-IDs must be unique: " + ids);
    }

    @Test
    void mediaNamedLikeAGeneratedTextHasItsOwnContentLocation() {
        // an image attached as "text1.txt" or "presentation.smil": SMIL src must name one part only
        InboundMail m = mail("s", List.of("hello"), List.of(media("image/jpeg", "text1.txt", JPEG, ""),
                media("image/png", "presentation.smil", JPEG, "")), Optional.empty(), List.of());

        List<Part> parts = parts(builder.build(m, "T", PHONES, DATE));

        List<Optional<String>> locations = parts.stream().map(Part::contentLocation).toList();
        assertEquals(locations.size(), new HashSet<>(locations).size(), "Content-Locations must be unique: " + locations);
    }
}
