package org.mmsgw.gateway.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.mmsgw.gateway.sandbox.CatchAllDelivery;

/**
 * A real SMTP and IMAP server on loopback (GreenMail) that delivers all mail to the gateway's domain
 * into the gateway's mailbox, as the domain's MX would, and other mail into a mailbox per address.
 * Mail goes in over SMTP, as raw octets when a test needs a malformed one.
 */
final class MailServer implements AutoCloseable {
    static final String DOMAIN = "mms.test";
    static final String MAILBOX = "mms";
    static final String PASSWORD = "secret";

    private int smtpPort;
    private int imapPort;
    private int pop3Port;
    private final GreenMail mail;
    private final GreenMailUser gatewayMailbox;

    MailServer() throws Exception {
        mail = started();
        gatewayMailbox = mail.getUserManager().createUser(MAILBOX + "@" + DOMAIN, MAILBOX, PASSWORD);
        mail.getUserManager().setMessageDeliveryHandler(new CatchAllDelivery(mail.getUserManager(), DOMAIN,
                gatewayMailbox));
    }

    /**
     * The servers on free ports, given time to start on a busy machine; on new ports when one was taken
     * meanwhile by another program.
     */
    private GreenMail started() throws Exception {
        for (int attempt = 1; ; attempt++) {
            smtpPort = RunningGateway.freePort();
            imapPort = RunningGateway.freePort();
            pop3Port = RunningGateway.freePort();
            GreenMail servers = new GreenMail(new ServerSetup[] {setup(smtpPort, ServerSetup.PROTOCOL_SMTP),
                setup(imapPort, ServerSetup.PROTOCOL_IMAP), setup(pop3Port, ServerSetup.PROTOCOL_POP3)});
            try {
                servers.start();
                return servers;
            } catch (IllegalStateException e) {
                servers.stop();
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private static ServerSetup setup(int port, String protocol) {
        ServerSetup setup = new ServerSetup(port, "127.0.0.1", protocol);
        setup.setServerStartupTimeout(15_000);
        return setup;
    }

    /** The gateway settings that point its SMTP client and its mailbox poller at this server. */
    Map<String, String> gatewaySettings() {
        return Map.of("gateway.mms.domain", DOMAIN, "gateway.smtp.port", String.valueOf(smtpPort),
                "gateway.mail.inbound.enabled", "true", "gateway.mail.inbound.port", String.valueOf(imapPort),
                "gateway.mail.inbound.user", MAILBOX, "gateway.mail.inbound.password", PASSWORD,
                // IDLE brings a mail at once; without it the tests would wait a minute and fail
                "gateway.mail.inbound.poll-delay", "60000");
    }

    /** Sends a composed mail over SMTP, its headers as they are (no saveChanges). */
    void send(MimeMessage message, String... recipients) throws Exception {
        java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
        message.writeTo(raw);
        sendRaw(message.getFrom()[0].toString(), raw.toByteArray(), recipients);
    }

    /** One SMTP transaction with exactly these octets as the message (dot-stuffed on the way). */
    void sendRaw(String mailFrom, byte[] message, String... recipients) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", smtpPort)) {
            socket.setSoTimeout(30_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            expect(in, "220");
            command(out, in, "EHLO test.example", "250");
            command(out, in, "MAIL FROM:<" + mailFrom.replaceAll(".*<|>.*", "") + ">", "250");
            for (String r : recipients) {
                command(out, in, "RCPT TO:<" + r + ">", "250");
            }
            command(out, in, "DATA", "354");
            out.write(dotStuffed(message));
            command(out, in, "\r\n.", "250");
            command(out, in, "QUIT", "221");
        }
    }

    int pop3Port() {
        return pop3Port;
    }

    /** Mails in the gateway's own mailbox (not yet taken by the gateway). */
    int inGatewayMailbox() throws Exception {
        return mail.getManagers().getImapHostManager().getInbox(gatewayMailbox).getMessageCount();
    }

    /** Mails in a folder of the gateway's mailbox other than the inbox (0 when there is no such folder). */
    int inGatewayFolder(String folder) throws Exception {
        var f = mail.getManagers().getImapHostManager().getFolder(gatewayMailbox, folder);
        return f == null ? 0 : f.getMessageCount();
    }

    /** Mails that arrived for one outside address. */
    MimeMessage[] mailboxOf(String address) {
        return Arrays.stream(mail.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients() != null && Arrays.stream(m.getAllRecipients())
                        .anyMatch(a -> a.toString().toLowerCase().contains(address.toLowerCase()));
            } catch (Exception e) {
                return false;
            }
        }).toArray(MimeMessage[]::new);
    }

    /** Whether anything was ever delivered to this outside address (its mailbox is made on first delivery). */
    boolean hasMailbox(String address) {
        return mail.getUserManager().getUserByEmail(address) != null;
    }

    /** Every mail the server received, from anyone to anyone. */
    MimeMessage[] received() {
        return mail.getReceivedMessages();
    }

    static Session session() {
        return Session.getInstance(new Properties());
    }

    @Override
    public void close() {
        mail.stop();
    }

    private static void command(OutputStream out, BufferedReader in, String line, String code) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expect(in, code);
    }

    private static void expect(BufferedReader in, String code) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null || !line.startsWith(code)) {
                throw new IOException("SMTP: expected " + code + ", got " + line);
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
    }

    private static byte[] dotStuffed(byte[] message) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(message.length + 64);
        boolean lineStart = true;
        for (byte b : message) {
            if (lineStart && b == '.') {
                out.write('.');
            }
            out.write(b);
            lineStart = b == '\n';
        }
        return out.toByteArray();
    }
}
