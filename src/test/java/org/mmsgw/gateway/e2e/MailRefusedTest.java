package org.mmsgw.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mmsgw.gateway.e2e.Pushes.awaitPushes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mmsgw.codec.mms.MessageType;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.codec.multipart.Part;

/** An SMTP server that refuses the recipient for good (550): the sender gets a failure report, no retries. */
class MailRefusedTest extends GatewayTest {
    private static final String ALICE = "+491701111111";

    private ServerSocket smtp;
    private final AtomicInteger rcptAttempts = new AtomicInteger();

    @Override
    Map<String, String> settings() {
        try {
            smtp = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread server = new Thread(this::serve, "refusing-smtp");
        server.setDaemon(true);
        server.start();
        return Map.of("gateway.smtp.port", String.valueOf(smtp.getLocalPort()));
    }

    @AfterEach
    void stopSmtp() throws IOException {
        smtp.close();
    }

    @Test
    void permanentRefusalGivesAFailureReportAndNoRetry() throws Exception {
        MmsPdu sendReq = Pushes.withDeliveryReport(Pushes.sendReq("F-1", List.of("nobody@example.org"), "bounce",
                Part.text("<t>", "t.txt", "to nobody")));
        String messageId = Pushes.assertOk(gateway.phone(ALICE).send(sendReq));

        MmsPdu report = awaitPushes(smsc, ALICE, 1).get(0).pdu();
        assertEquals(MessageType.DELIVERY_IND, report.messageType());
        assertEquals(messageId, report.text(MmsField.MESSAGE_ID).orElseThrow());
        assertEquals("nobody@example.org", report.texts(MmsField.TO).get(0));
        assertEquals(7, report.token(MmsField.STATUS).orElseThrow(), "Unreachable");
        Pushes.settle();
        assertEquals(1, rcptAttempts.get(), "a 5xx is not retried");
        assertEquals(0, gateway.broker().depth("mms.deliver.mm3"));
        assertEquals(0, gateway.broker().depth("DLQ"));
    }

    /** Just enough SMTP (RFC 5321) to reach RCPT TO and refuse it. */
    private void serve() {
        while (!smtp.isClosed()) {
            try (Socket client = smtp.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = client.getOutputStream();
                reply(out, "220 refusing.test ESMTP");
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                    switch (command) {
                        case "EHLO", "HELO" -> reply(out, "250 refusing.test");
                        case "MAIL" -> reply(out, "250 2.1.0 ok");
                        case "RCPT" -> {
                            rcptAttempts.incrementAndGet();
                            reply(out, "550 5.1.1 no such user");
                        }
                        case "RSET", "NOOP" -> reply(out, "250 2.0.0 ok");
                        case "QUIT" -> {
                            reply(out, "221 2.0.0 bye");
                            return;
                        }
                        default -> reply(out, "503 5.5.1 bad sequence");
                    }
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
