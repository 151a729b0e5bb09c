package org.mmsgw.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmsgw.gateway.e2e.Pushes.awaitPushes;
import static org.mmsgw.gateway.e2e.Pushes.awaitUntil;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mmsgw.codec.mms.MessageType;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.codec.mms.MmsPdus;
import org.mmsgw.codec.wsp.ContentType;
import org.mmsgw.codec.wsp.Parameter;

/** An MMS to an e-mail address arrives at a real SMTP server (GreenMail on loopback) as a MIME mail. */
class MmsToMailTest extends GatewayTest {
    private static final String ALICE = "+491701111111";

    private final int smtpPort = freePort();
    private GreenMail mail;

    @Override
    Map<String, String> settings() {
        mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        return Map.of("gateway.smtp.port", String.valueOf(smtpPort), "gateway.mms.domain", "mms.test");
    }

    @AfterEach
    void stopMail() {
        mail.stop();
    }

    @Test
    void textAndTwoImagesArriveAsMimePartsByteForByte() throws Exception {
        byte[] jpeg = new byte[40_000];
        byte[] png = new byte[12_345];
        new Random(7).nextBytes(jpeg);
        new Random(8).nextBytes(png);
        String text = "Grüße aus Köln – 日本語";
        MmsPdu sendReq = Pushes.withDeliveryReport(MmsPdus.sendReq("M-1", List.of("bob@example.org"), "Grüße 👋 Привет")
                .body(MmsPdus.relatedType("<smil>"), MmsPdus.multipart(
                        org.mmsgw.codec.multipart.Part.of(ContentType.of("application/smil"), "<smil>", "s.smil",
                                "<smil/>".getBytes()),
                        org.mmsgw.codec.multipart.Part.text("<t>", "t.txt", text),
                        org.mmsgw.codec.multipart.Part.of(ContentType.of("image/jpeg", Parameter.of("name", "photo.jpg")),
                                "<a>", "photo.jpg", jpeg),
                        org.mmsgw.codec.multipart.Part.of(ContentType.of("image/png"), "<b>", "../../etc/plan.png", png)))
                .build());

        String messageId = Pushes.assertOk(gateway.phone(ALICE).send(sendReq));
        awaitUntil("one mail at the SMTP server", () -> mail.getReceivedMessages().length == 1);
        MimeMessage received = mail.getReceivedMessages()[0];

        assertEquals("Grüße 👋 Привет", received.getSubject());
        assertEquals(new InternetAddress(ALICE + "@mms.test"), received.getFrom()[0]);
        String replyTo = ((InternetAddress) received.getReplyTo()[0]).getAddress();
        assertTrue(replyTo.matches("reply\\+[A-Za-z0-9_-]{22}@mms\\.test"), replyTo);
        assertEquals("bob@example.org", ((InternetAddress) received.getAllRecipients()[0]).getAddress());
        assertTrue(received.getMessageID().contains("@mms.test"), received.getMessageID());

        List<Part> parts = leaves(received);
        Part textPart = parts.stream().filter(p -> type(p).startsWith("text/plain")).findFirst().orElseThrow();
        assertEquals(text, textPart.getContent());
        assertArrayEquals(jpeg, bytes(byName(parts, "photo.jpg")));
        assertArrayEquals(png, bytes(byName(parts, "plan.png")), "path stripped from the file name");

        // the sender asked for a delivery report: handed to SMTP = Forwarded
        MmsPdu report = awaitPushes(smsc, ALICE, 1).get(0).pdu();
        assertEquals(MessageType.DELIVERY_IND, report.messageType());
        assertEquals(messageId, report.text(MmsField.MESSAGE_ID).orElseThrow());
        assertEquals(6, report.token(MmsField.STATUS).orElseThrow(), "Forwarded");
    }

    @Test
    void smtpDownThenUpTheMailGoesOutOnce() throws Exception {
        mail.stop();
        Pushes.assertOk(gateway.phone(ALICE).send(Pushes.sendReq("M-2", List.of("carol@example.org"), "later",
                org.mmsgw.codec.multipart.Part.text("<t>", "t.txt", "queued while the server is away"))));
        Thread.sleep(1500); // a few failed attempts
        mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        awaitUntil("the mail arrives once the server is back", () -> mail.getReceivedMessages().length == 1);
        Pushes.settle();
        assertEquals(1, mail.getReceivedMessages().length, "exactly once");
    }

    @Test
    void aServerRestartBetweenMailsCostsTheOpenConnectionNotTheMail() throws Exception {
        Pushes.assertOk(gateway.phone(ALICE).send(Pushes.sendReq("M-3", List.of("dave@example.org"), "first",
                org.mmsgw.codec.multipart.Part.text("<t>", "t.txt", "over a new connection, kept open after"))));
        awaitUntil("the first mail arrives", () -> mail.getReceivedMessages().length == 1);
        // the connection the first mail left open now leads nowhere
        mail.stop();
        mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        Pushes.assertOk(gateway.phone(ALICE).send(Pushes.sendReq("M-4", List.of("erin@example.org"), "second",
                org.mmsgw.codec.multipart.Part.text("<t>", "t.txt", "after the restart"))));
        awaitUntil("the second mail arrives at the restarted server",
                () -> mail.getReceivedMessages().length == 1);
        Pushes.settle();
        assertEquals(1, mail.getReceivedMessages().length, "exactly once");
        assertEquals("second", mail.getReceivedMessages()[0].getSubject());
    }

    private static List<Part> leaves(Part part) throws Exception {
        List<Part> out = new ArrayList<>();
        if (part.getContent() instanceof Multipart m) {
            for (int i = 0; i < m.getCount(); i++) {
                out.addAll(leaves(m.getBodyPart(i)));
            }
        } else {
            out.add(part);
        }
        return out;
    }

    private static String type(Part p) {
        try {
            return p.getContentType().toLowerCase();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Part byName(List<Part> parts, String name) throws Exception {
        for (Part p : parts) {
            if (name.equals(p.getFileName())) {
                return p;
            }
        }
        throw new AssertionError("no attachment " + name);
    }

    private static byte[] bytes(Part p) throws Exception {
        try (InputStream in = p.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }

    private static int freePort() {
        try {
            return RunningGateway.freePort();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
