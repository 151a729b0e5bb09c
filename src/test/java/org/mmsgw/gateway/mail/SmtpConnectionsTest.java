package org.mmsgw.gateway.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;

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
import org.mmsgw.gateway.fixtures.TestSmtpServer;

/** Mails through camel-mail's SMTP producer with connections kept open, against a real SMTP server on loopback. */
class SmtpConnectionsTest {
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private TestSmtpServer server;
    private CamelContext camel;
    private SmtpConnections connections;

    @AfterEach
    void stop() throws Exception {
        if (camel != null) {
            camel.close();
        }
        connections.close();
        if (server != null) {
            server.close();
        }
        timers.shutdownNow();
    }

    private ProducerTemplate start(Duration keepOpen, int mailsPerConnection) throws Exception {
        server = new TestSmtpServer(true);
        server.refuse("nobody@example.com");
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

    private void sendToBob(ProducerTemplate template, int mails) throws MessagingException {
        for (int i = 0; i < mails; i++) {
            send(template, "bob@example.com");
        }
    }

    @Test
    void mailsOneAfterAnotherShareOneConnection() throws Exception {
        ProducerTemplate template = start(Duration.ofSeconds(30), 100);
        sendToBob(template, 5);
        assertEquals(5L, server.mails());
        assertEquals(1L, server.connections(), "one connection for all five");
        assertEquals(1, connections.idle());
    }

    @Test
    void withoutKeepOpenEveryMailHasItsOwnConnection() throws Exception {
        ProducerTemplate template = start(Duration.ZERO, 100);
        sendToBob(template, 3);
        assertEquals(3L, server.mails());
        assertEquals(3L, server.connections());
        assertEquals(0, connections.idle());
        await(server::quits, 3);
    }

    @Test
    void aConnectionIsClosedAfterItsMails() throws Exception {
        ProducerTemplate template = start(Duration.ofSeconds(30), 2);
        sendToBob(template, 5);
        assertEquals(5L, server.mails());
        assertEquals(3L, server.connections(), "two, two and one mails");
        await(server::quits, 2);
    }

    @Test
    void anIdleConnectionIsClosedAndTheNextMailOpensANewOne() throws Exception {
        ProducerTemplate template = start(Duration.ofMillis(300), 100);
        send(template, "bob@example.com");
        await(server::quits, 1);
        assertEquals(0, connections.idle());
        send(template, "bob@example.com");
        assertEquals(2L, server.connections());
        assertEquals(2L, server.mails());
    }

    @Test
    void aRefusedMailClosesItsConnectionAndTheRefusalStaysPermanent() throws Exception {
        ProducerTemplate template = start(Duration.ofSeconds(30), 100);
        send(template, "bob@example.com");
        CamelExecutionException refused = assertThrows(CamelExecutionException.class,
                () -> send(template, "nobody@example.com"));
        assertTrue(new MailErrors().isPermanent(failed(refused)), "550 stays a permanent refusal");
        await(server::quits, 1);
        send(template, "bob@example.com");
        assertEquals(2L, server.mails());
        assertEquals(2L, server.connections(), "the refused mail's connection was not used again");
    }

    @Test
    void aConnectionTheServerDroppedFailsOneMailAsTemporaryAndTheNextGetsANewOne() throws Exception {
        ProducerTemplate template = start(Duration.ofSeconds(30), 100);
        server.dropAfterMail(true);
        send(template, "bob@example.com");
        await(server::drops, 1);
        CamelExecutionException broken = assertThrows(CamelExecutionException.class,
                () -> send(template, "carol@example.com"));
        assertInstanceOf(MessagingException.class, broken.getCause());
        assertFalse(new MailErrors().isPermanent(failed(broken)), "tried again later: the broker redelivers it");
        send(template, "dave@example.com");
        assertEquals(List.of("bob@example.com", "dave@example.com"), server.recipients());
        assertEquals(2L, server.connections());
    }

    @Test
    void aConnectionIdleForASecondIsCheckedFirstAndOneTheServerClosedIsNotUsed() throws Exception {
        ProducerTemplate template = start(Duration.ofSeconds(30), 100);
        server.dropAfterMail(true);
        send(template, "bob@example.com");
        await(server::drops, 1);
        Thread.sleep(1_100);
        send(template, "carol@example.com");
        assertEquals(List.of("bob@example.com", "carol@example.com"), server.recipients());
        assertEquals(2L, server.connections());
    }

    @Test
    void aConnectionIdleForASecondThatStillAnswersIsUsedAgain() throws Exception {
        ProducerTemplate template = start(Duration.ofSeconds(30), 100);
        send(template, "bob@example.com");
        Thread.sleep(1_100);
        send(template, "carol@example.com");
        assertEquals(1L, server.connections());
        assertEquals(1L, server.noops(), "asked once whether it is still there");
    }

    private Exchange failed(CamelExecutionException e) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, e.getCause());
        return exchange;
    }

    private void await(LongSupplier counter, long n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (counter.getAsLong() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(n, counter.getAsLong());
    }
}
