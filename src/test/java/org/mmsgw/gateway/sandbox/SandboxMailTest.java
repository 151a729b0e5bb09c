package org.mmsgw.gateway.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdus;
import org.mmsgw.codec.multipart.Part;
import org.mmsgw.codec.wsp.ContentType;
import org.mmsgw.gateway.e2e.RunningGateway;
import org.mmsgw.gateway.fixtures.TestPhone;

/** In sandbox mode an MMS to a mail address lands in the local mail server and can be read over IMAP. */
class SandboxMailTest {
    @TempDir
    Path data;

    @Test
    void mailToAnAddressCanBeReadOverImap() throws Exception {
        int smsc = free();
        int smtp = free();
        int imap = free();
        try (RunningGateway gateway = RunningGateway.start(data, smsc, Map.of("gateway.sandbox", "true",
                "gateway.smtp.port", String.valueOf(smtp), "gateway.mail.inbound.port", String.valueOf(imap)))) {
            TestPhone alice = new TestPhone(gateway.baseUrl(), "+491701111111");
            var conf = alice.send(MmsPdus.sendReq("SB-1", List.of("someone@example.com"), "Sandbox mail")
                    .body(ContentType.of(ContentType.MULTIPART_MIXED), MmsPdus.multipart(
                            Part.text("<t>", "t.txt", "hello from the sandbox")))
                    .build());
            assertEquals(0, conf.token(MmsField.RESPONSE_STATUS).orElseThrow());

            Store store = Session.getInstance(new Properties()).getStore("imap");
            long deadline = System.nanoTime() + 30_000_000_000L;
            int count = 0;
            while (count == 0 && System.nanoTime() < deadline) {
                Thread.sleep(200);
                try {
                    store.connect("127.0.0.1", imap, "someone@example.com", "someone@example.com");
                    Folder inbox = store.getFolder("INBOX");
                    inbox.open(Folder.READ_ONLY);
                    count = inbox.getMessageCount();
                    if (count == 1) {
                        assertEquals("Sandbox mail", inbox.getMessage(1).getSubject());
                    }
                    inbox.close(false);
                    store.close();
                } catch (jakarta.mail.AuthenticationFailedException e) {
                    // the mailbox exists only once the first mail arrived
                }
            }
            assertEquals(1, count, "mails in someone@example.com's inbox");
        }
    }

    @Test
    void aReplyMailThroughTheSandboxServerReachesTheSandboxPhone() throws Exception {
        int smsc = free();
        int smtp = free();
        int imap = free();
        try (RunningGateway gateway = RunningGateway.start(data, smsc, Map.of("gateway.sandbox", "true",
                "gateway.smtp.port", String.valueOf(smtp), "gateway.mail.inbound.port", String.valueOf(imap),
                "gateway.mail.inbound.enabled", "true", "gateway.mail.inbound.poll-delay", "60000"))) {
            Sandbox sandbox = gateway.context().getRegistry().lookupByNameAndType("sandbox", Sandbox.class);
            SandboxMail mail = gateway.context().getRegistry().lookupByNameAndType("sandboxMail", SandboxMail.class);
            TestPhone alice = new TestPhone(gateway.baseUrl(), "+491701111111");
            alice.send(MmsPdus.sendReq("SB-2", List.of("friend@example.com"), "Ping")
                    .body(ContentType.of(ContentType.MULTIPART_MIXED), MmsPdus.multipart(
                            Part.text("<t>", "t.txt", "ping")))
                    .build());
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (mail.received().length == 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            jakarta.mail.internet.MimeMessage original = mail.received()[0];
            jakarta.mail.internet.MimeMessage reply = (jakarta.mail.internet.MimeMessage) original.reply(false);
            reply.setFrom(new jakarta.mail.internet.InternetAddress("friend@example.com"));
            reply.setText("pong", "utf-8");
            reply.saveChanges();
            try (jakarta.mail.Transport transport = Session.getInstance(new Properties()).getTransport("smtp")) {
                transport.connect("127.0.0.1", smtp, null, null);
                transport.sendMessage(reply, reply.getAllRecipients());
            }

            long before = sandbox.phones().retrieved();
            while (sandbox.phones().retrieved() == before && System.nanoTime() < deadline + 30_000_000_000L) {
                Thread.sleep(100);
            }
            assertEquals(before + 1, sandbox.phones().retrieved(), "the reply arrived at the sandbox phone as an MMS");
        }
    }

    private static int free() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
