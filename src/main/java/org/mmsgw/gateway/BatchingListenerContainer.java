package org.mmsgw.gateway;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import org.apache.camel.component.jms.DefaultJmsMessageListenerContainer;
import org.apache.camel.component.jms.JmsEndpoint;
import org.apache.camel.component.jms.MessageListenerContainerFactory;
import org.mmsgw.processors.store.StoreSyncProcessor;
import org.springframework.jms.connection.JmsResourceHolder;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * camel-jms' listener container, taking up to {@code maxBatch} messages into one transaction of its
 * transacted session: each message still runs the route on its own exchange, in order, on the
 * consumer's thread, and the route's sends join the session as before; the store's syncs of the
 * whole batch are made once, and then the session commits once, for all of them. A message the
 * broker delivers again (its transaction was rolled back) ends the batch it arrives in and starts
 * none, so that a message that keeps failing takes at most the messages received before it in one
 * batch back with it; those were fully processed, and the routes see them again as already done (the
 * store has the message and its recipients' states). Any failure rolls the whole batch back, after
 * the store has synced what the batch wrote, so that whichever thread runs a redelivered message
 * finds on disk what it finds in the store. With {@code maxBatch} 1 every message is a batch of one.
 *
 * <p>The batch takes what the consumer has already buffered, waiting at most a millisecond for more
 * (before the commit, after the messages' work), so under light load batches are of one message.
 */
final class BatchingListenerContainer extends DefaultJmsMessageListenerContainer {
    private final int maxBatch;
    private final StoreSyncProcessor storeSync;

    BatchingListenerContainer(JmsEndpoint endpoint, int maxBatch, StoreSyncProcessor storeSync) {
        super(endpoint);
        this.maxBatch = maxBatch;
        this.storeSync = storeSync;
    }

    /** The factory camel-jms takes ({@code consumerType=Custom}, {@code messageListenerContainerFactory}). */
    static MessageListenerContainerFactory factory(int maxBatch, StoreSyncProcessor storeSync) {
        return endpoint -> new BatchingListenerContainer(endpoint, maxBatch, storeSync);
    }

    @Override
    protected boolean doReceiveAndExecute(Object invoker, Session session, MessageConsumer consumer,
            TransactionStatus status) throws JMSException {
        if (session == null || consumer == null || status != null
                || !isSessionLocallyTransacted(session)) {
            return super.doReceiveAndExecute(invoker, session, consumer, status);
        }
        Message first = receiveMessage(consumer);
        if (first == null) {
            noMessageReceived(invoker, session);
            commitIfNecessary(session, null);
            return false;
        }
        messageReceived(invoker, session);
        if (!isAcceptMessagesWhileStopping() && !isRunning()) {
            rollbackIfNecessary(session); // stopping: back to the broker, as the container does for one
            return true;
        }
        // the route's sends find the session here and join its transaction (what the container does
        // for one message); unbound again before the commit or rollback, which look for it
        boolean expose = isExposeListenerSession()
                && !TransactionSynchronizationManager.hasResource(obtainConnectionFactory());
        if (expose) {
            TransactionSynchronizationManager.bindResource(obtainConnectionFactory(), new JmsResourceHolder(session));
        }
        Throwable failure = null;
        try {
            storeSync.deferring(() -> run(session, consumer, first));
        } catch (JMSException | RuntimeException | Error e) {
            failure = e;
        } finally {
            if (expose) {
                TransactionSynchronizationManager.unbindResource(obtainConnectionFactory());
            }
        }
        if (failure != null) {
            rollbackOnExceptionIfNecessary(session, failure);
            handleListenerException(failure);
            if (failure instanceof JMSException jms) {
                throw jms;
            }
            return true;
        }
        commitIfNecessary(session, first); // a transacted session: the message itself plays no part
        return true;
    }

    private void run(Session session, MessageConsumer consumer, Message first) throws JMSException {
        Message message = first;
        for (int n = 1; ; n++) {
            invokeListener(session, message);
            if (n >= maxBatch || message.getJMSRedelivered() || !isRunning()) {
                return;
            }
            message = consumer.receive(1);
            if (message == null) {
                return;
            }
        }
    }
}
