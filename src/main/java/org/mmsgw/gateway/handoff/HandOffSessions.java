package org.mmsgw.gateway.handoff;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;

/**
 * One connection and a small pool of sessions for hand-offs, each send confirmed asynchronously.
 * A session is used by one thread at a time and given back as soon as its send is on its way (JMS
 * allows sends while earlier ones wait for their confirmation). Every send is told its outcome exactly
 * once: confirmed, refused, the connection lost (all its unconfirmed sends fail at once), or no
 * confirmation within the timeout; the connection is made again for the next send.
 */
final class HandOffSessions implements HandOffSender {
    private static final int SESSIONS = 8;

    private final ConnectionFactory factory;
    private final Confirmations confirmations;
    private Link link;
    private volatile boolean closed;

    HandOffSessions(ConnectionFactory factory, long timeoutMillis) {
        this.factory = factory;
        this.confirmations = new Confirmations(timeoutMillis);
    }

    @Override
    public synchronized void start() {
        closed = false;
        confirmations.start(() -> { });
    }

    @Override
    public void send(String queue, org.apache.camel.Message in, Consumer<Exception> done) throws Exception {
        Link current = link();
        Pooled s = current.borrow();
        Pending p = new Pending(confirmations.open(current, done));
        boolean sent = false;
        try {
            Message message = JmsMessages.of(s.session, in);
            // may wait for the broker's credits (a full queue): the timeout counts from the send
            s.producer.send(s.queue(queue), message, DeliveryMode.PERSISTENT, Message.DEFAULT_PRIORITY,
                    Message.DEFAULT_TIME_TO_LIVE, p);
            sent = true;
        } catch (Exception e) {
            if (e instanceof JMSException) {
                current.fail(e);
            }
            throw e;
        } finally {
            if (sent || !current.failed.get()) {
                current.giveBack(s);
            }
        }
        p.confirmation.waiting();
    }

    private synchronized Link link() throws JMSException {
        if (closed) {
            throw new IllegalStateException("hand-offs are stopped");
        }
        if (link == null || link.failed.get()) {
            Connection connection = factory.createConnection();
            Link fresh = new Link(connection);
            connection.setExceptionListener(fresh::fail);
            link = fresh;
        }
        return link;
    }

    @Override
    public void close() {
        Link last;
        synchronized (this) {
            closed = true;
            last = link;
            link = null;
        }
        if (last != null) {
            last.close();
        }
        confirmations.close("hand-offs stopped before the broker confirmed");
    }

    /** One connection and its sessions. */
    private final class Link {
        final Connection connection;
        final BlockingQueue<Pooled> idle = new ArrayBlockingQueue<>(SESSIONS);
        final AtomicBoolean failed = new AtomicBoolean();
        private int created;

        Link(Connection connection) {
            this.connection = connection;
        }

        Pooled borrow() throws JMSException, InterruptedException {
            Pooled s = idle.poll();
            if (s != null) {
                return s;
            }
            synchronized (this) {
                if (created < SESSIONS) {
                    created++;
                    try {
                        return new Pooled(connection.createSession(false, Session.AUTO_ACKNOWLEDGE));
                    } catch (JMSException | RuntimeException e) {
                        created--;
                        throw e;
                    }
                }
            }
            return idle.take();
        }

        void giveBack(Pooled s) {
            idle.offer(s);
        }

        void fail(Exception cause) {
            if (!failed.compareAndSet(false, true)) {
                return;
            }
            confirmations.fail(owner -> owner == this,
                    cause instanceof JMSException j ? j : new JMSException(String.valueOf(cause)));
            close();
        }

        void close() {
            try {
                connection.close();
            } catch (JMSException | RuntimeException e) {
                // already gone
            }
        }
    }

    /** A session with its producer (for any queue) and the queues it has looked up; one thread at a time. */
    private static final class Pooled {
        final Session session;
        final MessageProducer producer;
        final Map<String, Queue> queues = new HashMap<>();

        Pooled(Session session) throws JMSException {
            this.session = session;
            this.producer = session.createProducer(null);
        }

        Queue queue(String name) throws JMSException {
            Queue q = queues.get(name);
            if (q == null) {
                q = session.createQueue(name);
                queues.put(name, q);
            }
            return q;
        }
    }

    /** The broker's answer to one send. */
    private static final class Pending implements CompletionListener {
        final Confirmations.Confirmation confirmation;

        Pending(Confirmations.Confirmation confirmation) {
            this.confirmation = confirmation;
        }

        @Override
        public void onCompletion(Message message) {
            confirmation.finish(null);
        }

        @Override
        public void onException(Message message, Exception exception) {
            confirmation.finish(exception);
        }
    }
}
