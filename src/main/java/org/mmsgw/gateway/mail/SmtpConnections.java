package org.mmsgw.gateway.mail;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.apache.camel.component.mail.DefaultJavaMailSender;

/**
 * SMTP connections kept open between mails, one set per server and account: a mail goes out on a
 * connection the last one left open instead of a new TCP connection, greeting and EHLO (and QUIT) each
 * time. A connection is closed when it has been idle for {@code keepOpen}, after {@code mailsPerConnection}
 * mails, and after any failure (a reply that refused the mail or a broken connection), so a failed mail
 * never leaves a connection in an unknown state for the next one. A zero {@code keepOpen} is one
 * connection per mail.
 *
 * <p>A connection idle for a second or more is asked first whether it is still there (NOOP, one round
 * trip instead of the four of a new connection), so one the server closed on its own is not used. A mail
 * on a connection that broke in the meantime fails like any broken connection: the flow's transaction
 * rolls back and the broker redelivers it, on a new connection.
 */
public final class SmtpConnections implements AutoCloseable {
    private static final long CHECK_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final long keepOpenNanos;
    private final int mailsPerConnection;
    private final Map<String, ArrayDeque<Connection>> idle = new HashMap<>();
    private final ScheduledFuture<?> sweep;
    private boolean closed;

    /** @param timers runs the closing of connections idle too long */
    public SmtpConnections(Duration keepOpen, int mailsPerConnection, ScheduledExecutorService timers) {
        if (keepOpen.isNegative() || mailsPerConnection < 1) {
            throw new IllegalArgumentException("keep-open must be zero or more and mails per connection 1 or more");
        }
        this.keepOpenNanos = keepOpen.toNanos();
        this.mailsPerConnection = mailsPerConnection;
        long period = Math.max(100, keepOpen.toMillis() / 2);
        this.sweep = keepOpen.isZero() ? null
                : timers.scheduleWithFixedDelay(this::closeIdle, period, period, TimeUnit.MILLISECONDS);
    }

    /** Sends {@code message} to its recipients through the server and account {@code sender} names. */
    public void send(DefaultJavaMailSender sender, MimeMessage message) throws MessagingException {
        PasswordAuthentication account = sender.getPasswordAuthentication();
        String key = sender.getProtocol() + "://" + account.getUserName() + "@" + sender.getHost() + ":"
                + sender.getPort();
        prepare(message);
        Connection c = take(key);
        if (c == null) {
            Transport transport = sender.getSession().getTransport(sender.getProtocol());
            transport.connect(sender.getHost(), sender.getPort(), account.getUserName(), account.getPassword());
            c = new Connection(transport);
        }
        boolean sent = false;
        try {
            c.transport.sendMessage(message, message.getAllRecipients());
            sent = true;
        } finally {
            c.mails++;
            if (!sent || !giveBack(key, c)) {
                c.close();
            }
        }
    }

    /** Connections open and waiting for a mail. */
    public synchronized int idle() {
        return idle.values().stream().mapToInt(ArrayDeque::size).sum();
    }

    @Override
    public void close() {
        List<Connection> open = new ArrayList<>();
        synchronized (this) {
            closed = true;
            idle.values().forEach(open::addAll);
            idle.clear();
        }
        if (sweep != null) {
            sweep.cancel(false);
        }
        open.forEach(Connection::close);
    }

    /** What DefaultJavaMailSender does before it sends: a date, the headers saved, the Message-ID kept. */
    private static void prepare(MimeMessage message) throws MessagingException {
        if (message.getSentDate() == null) {
            message.setSentDate(new Date());
        }
        String messageId = message.getMessageID();
        message.saveChanges();
        if (messageId != null) {
            message.setHeader("Message-ID", messageId);
        }
    }

    /**
     * The connection used last for {@code key}, if one is open, not idle too long, and (after a second
     * idle) still answers.
     */
    private Connection take(String key) {
        while (true) {
            Connection c;
            synchronized (this) {
                ArrayDeque<Connection> open = idle.get(key);
                c = open == null ? null : open.pollFirst();
            }
            if (c == null) {
                return null;
            }
            long idleFor = System.nanoTime() - c.idleSince;
            if (idleFor < keepOpenNanos && (idleFor < CHECK_AFTER_NANOS || c.transport.isConnected())) {
                return c;
            }
            c.close();
        }
    }

    /** False when the connection is not to be kept: closes it then. */
    private synchronized boolean giveBack(String key, Connection c) {
        if (closed || keepOpenNanos == 0 || c.mails >= mailsPerConnection) {
            return false;
        }
        c.idleSince = System.nanoTime();
        idle.computeIfAbsent(key, k -> new ArrayDeque<>()).offerFirst(c);
        return true;
    }

    private void closeIdle() {
        List<Connection> stale = new ArrayList<>();
        synchronized (this) {
            long now = System.nanoTime();
            for (ArrayDeque<Connection> open : idle.values()) {
                for (Iterator<Connection> i = open.descendingIterator(); i.hasNext();) {
                    Connection c = i.next();
                    if (now - c.idleSince >= keepOpenNanos) {
                        i.remove();
                        stale.add(c);
                    }
                }
            }
        }
        stale.forEach(Connection::close);
    }

    private static final class Connection {
        final Transport transport;
        long idleSince;
        int mails;

        Connection(Transport transport) {
            this.transport = transport;
        }

        void close() {
            try {
                transport.close();
            } catch (MessagingException | RuntimeException e) {
                // a broken connection: nothing left to close
            }
        }
    }
}
