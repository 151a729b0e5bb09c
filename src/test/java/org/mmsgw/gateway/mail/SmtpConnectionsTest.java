package org.mmsgw.gateway.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mail.MailComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mmsgw.gateway.MailErrors;

/** Mails through camel-mail's SMTP producer with connections kept open, against a real SMTP server on loopback. */
class SmtpConnectionsTest {
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final Server server = new Server();
    private CamelContext camel;
    private SmtpConnections connections;

    @AfterEach
    void stop() throws Exception {
        if (camel != null) {
            camel.close();
        }
        connections.close();
        server.close();
        timers.shutdownNow();
    }

    private ProducerTemplate start(Duration keepOpen, int mailsPerConnection) throws Exception {
        connections = new SmtpConnections(keepOpen, mailsPerConnection, timers);
        MailComponent smtp = new MailComponent();
        smtp.setConfiguration(new PooledMailConfiguration(connections));
        camel = new DefaultCamelContext();
        camel.addComponent("smtp", smtp);
        camel.start();
        return camel.createProducerTemplate();
    }

    private void send(ProducerTemplate template, String to) throws MessagingException {
        MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()));
        mail.setFrom(new InternetAddress("gateway@mms.example.net"));
        mail.setRecipients(jakarta.mail.Message.RecipientType.TO, to);
        mail.setSubject("Hello");
        mail.setText("one mail");
        template.sendBody("smtp://127.0.0.1:" + server.port(), mail);
    }

    @Test
    void mailsOneAfterAnotherShareOneConnection() throws Exception {
        ProducerTemplate template = start(Duration.ofSeconds(30), 100);
        for (int i = 0; i < 5; i++) {
            send(template, "bob@example.com");
        }
        assertEquals(5, server.mails.get());
        assertEquals(1, server.connections.get(), "one connection for all five");
        assertEquals(1, connections.idle());
    }

    @Test
    void withoutKeepOpenEveryMailHasItsOwnConnection() throws Exception {
        ProducerTemplate template = start(Duration.ZERO, 100);
        for (int i = 0; i < 3; i++) {
            send(template, "bob@example.com");
        }
        assertEquals(3, server.mails.get());
        assertEquals(3, server.connections.get());
        assertEquals(0, connections.idle());
        server.awaitQuits(3);
    }

    @Test
    void aConnectionIsClosedAfterItsMails() throws Exception {
        ProducerTemplate template = start(Duration.ofSeconds(30), 2);
        for (int i = 0; i < 5; i++) {
            send(template, "bob@example.com");
        }
        assertEquals(5, server.mails.get());
        assertEquals(3, server.connections.get(), "two, two and one mails");
        server.awaitQuits(2);
    }

    @Test
    void anIdleConnectionIsClosedAndTheNextMailOpensANewOne() throws Exception {
        ProducerTemplate template = start(Duration.ofMillis(300), 100);
        send(template, "bob@example.com");
        server.awaitQuits(1);
        assertEquals(0, connections.idle());
        send(template, "bob@example.com");
        assertEquals(2, server.connections.get());
        assertEquals(2, server.mails.get());
    }

    @Test
    void aRefusedMailClosesItsConnectionAndTheRefusalStaysPermanent() throws Exception {
        ProducerTemplate template = start(Duration.ofSeconds(30), 100);
        send(template, "bob@example.com");
        CamelExecutionException refused = assertThrows(CamelExecutionException.class,
                () -> send(template, "nobody@example.com"));
        assertTrue(new MailErrors().isPermanent(failed(refused)), "550 stays a permanent refusal");
        server.awaitQuits(1);
        send(template, "bob@example.com");
        assertEquals(2, server.mails.get());
        assertEquals(2, server.connections.get(), "the refused mail's connection was not used again");
    }

    @Test
    void aConnectionTheServerDroppedFailsOneMailAsTemporaryAndTheNextGetsANewOne() throws Exception {
        ProducerTemplate template = start(Duration.ofSeconds(30), 100);
        server.dropAfterMail = true;
        send(template, "bob@example.com");
        server.awaitDrops(1);
        CamelExecutionException broken = assertThrows(CamelExecutionException.class,
                () -> send(template, "carol@example.com"));
        assertInstanceOf(MessagingException.class, broken.getCause());
        assertFalse(new MailErrors().isPermanent(failed(broken)), "tried again later: the broker redelivers it");
        send(template, "dave@example.com");
        assertEquals(List.of("bob@example.com", "dave@example.com"), server.recipients);
        assertEquals(2, server.connections.get());
    }

    @Test
    void aConnectionIdleForASecondIsCheckedFirstAndOneTheServerClosedIsNotUsed() throws Exception {
        ProducerTemplate template = start(Duration.ofSeconds(30), 100);
        server.dropAfterMail = true;
        send(template, "bob@example.com");
        server.awaitDrops(1);
        Thread.sleep(1_100);
        send(template, "carol@example.com");
        assertEquals(List.of("bob@example.com", "carol@example.com"), server.recipients);
        assertEquals(2, server.connections.get());
    }

    @Test
    void aConnectionIdleForASecondThatStillAnswersIsUsedAgain() throws Exception {
        ProducerTemplate template = start(Duration.ofSeconds(30), 100);
        send(template, "bob@example.com");
        Thread.sleep(1_100);
        send(template, "carol@example.com");
        assertEquals(1, server.connections.get());
        assertEquals(1, server.noops.get(), "asked once whether it is still there");
    }

    private Exchange failed(CamelExecutionException e) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, e.getCause());
        return exchange;
    }

    /**
     * An SMTP server that counts connections, mails and QUITs; refuses nobody@example.com with 550;
     * with {@code dropAfterMail}, closes the connection (no QUIT) right after a mail is accepted.
     */
    private static final class Server implements AutoCloseable {
        final AtomicInteger connections = new AtomicInteger();
        final AtomicInteger mails = new AtomicInteger();
        final AtomicInteger quits = new AtomicInteger();
        final AtomicInteger drops = new AtomicInteger();
        final AtomicInteger noops = new AtomicInteger();
        final List<String> recipients = new CopyOnWriteArrayList<>();
        volatile boolean dropAfterMail;
        private final ServerSocket socket;

        Server() {
            try {
                socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            Thread accept = new Thread(this::accept, "smtp-test-server");
            accept.setDaemon(true);
            accept.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        void awaitQuits(int n) throws InterruptedException {
            await(quits, n);
        }

        void awaitDrops(int n) throws InterruptedException {
            await(drops, n);
        }

        private static void await(AtomicInteger counter, int n) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (counter.get() < n && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(n, counter.get());
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    connections.incrementAndGet();
                    Thread t = new Thread(() -> serve(s), "smtp-test-connection");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(Socket s) {
            try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                    StandardCharsets.ISO_8859_1))) {
                OutputStream out = s.getOutputStream();
                reply(out, "220 test ESMTP");
                String to = null;
                String line;
                while ((line = in.readLine()) != null) {
                    String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                    switch (verb) {
                        case "EHLO" -> reply(out, "250-test\r\n250 8BITMIME");
                        case "RCPT" -> {
                            to = line.substring(line.indexOf('<') + 1, line.indexOf('>'));
                            reply(out, to.equals("nobody@example.com") ? "550 5.1.1 no such user" : "250 ok");
                        }
                        case "DATA" -> {
                            reply(out, "354 go ahead");
                            while ((line = in.readLine()) != null && !line.equals(".")) {
                                // the content is not kept
                            }
                            mails.incrementAndGet();
                            recipients.add(to);
                            reply(out, "250 queued");
                            if (dropAfterMail) {
                                drops.incrementAndGet();
                                return;
                            }
                        }
                        case "NOOP" -> {
                            noops.incrementAndGet();
                            reply(out, "250 ok");
                        }
                        case "QUIT" -> {
                            quits.incrementAndGet();
                            reply(out, "221 bye");
                            return;
                        }
                        default -> reply(out, "250 ok");
                    }
                }
            } catch (IOException e) {
                // the client went away
            }
        }

        private static void reply(OutputStream out, String text) throws IOException {
            out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
