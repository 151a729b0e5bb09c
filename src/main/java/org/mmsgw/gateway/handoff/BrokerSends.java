package org.mmsgw.gateway.handoff;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

import jakarta.jms.JMSException;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.io.IOCallback;
import org.apache.activemq.artemis.core.message.impl.CoreMessage;
import org.apache.activemq.artemis.core.persistence.OperationContext;
import org.apache.activemq.artemis.core.persistence.StorageManager;
import org.apache.activemq.artemis.core.postoffice.RoutingStatus;
import org.apache.activemq.artemis.core.server.ActiveMQServer;

/**
 * Hand-offs to the broker the gateway embeds, routed inside the broker itself (as its own protocols
 * route what their clients send): no client session, no in-VM connection and no answer packet, so
 * none of the thread hand-overs those take. The send is confirmed once the broker's journal has
 * synced it, as a client's would be, and many sends share a sync. Each sending thread has its own
 * operation context, whose confirmations run in order on the broker's pool.
 *
 * <p>A body above {@value #LARGE} octets goes through {@code large} instead (a JMS client, which sends
 * it as a large message: the journal does not take a record above its buffer). A send while the broker
 * is not running fails at once, and the sends waiting for their sync fail when it stops.
 */
final class BrokerSends implements HandOffSender {
    /** The JMS client's default smallest large message. */
    static final int LARGE = 100 * 1024;

    private final Supplier<ActiveMQServer> server;
    private final HandOffSender large;
    private final Confirmations confirmations;
    private final ThreadLocal<Context> contexts = new ThreadLocal<>();
    private final Set<String> queues = ConcurrentHashMap.newKeySet();

    /** @param server the broker now running, or null */
    BrokerSends(Supplier<ActiveMQServer> server, HandOffSender large, long timeoutMillis) {
        this.server = server;
        this.large = large;
        this.confirmations = new Confirmations(timeoutMillis);
    }

    @Override
    public void start() {
        large.start();
        confirmations.start(() -> {
            if (!active(server.get())) {
                confirmations.fail(owner -> true, new JMSException("the broker stopped before it confirmed"));
            }
        });
    }

    @Override
    public void send(String queue, org.apache.camel.Message in, Consumer<Exception> done) throws Exception {
        byte[] octets = CoreMessages.octets(in);
        if (octets != null && octets.length > LARGE) {
            large.send(queue, in, done);
            return;
        }
        ActiveMQServer broker = server.get();
        if (!active(broker)) {
            throw new JMSException("the broker is not running");
        }
        StorageManager storage = broker.getStorageManager();
        CoreMessage message = CoreMessages.of(storage.generateID(), queue, in, octets);
        Confirmations.Confirmation confirmation = confirmations.open(this, done);
        Context own = contexts.get();
        if (own == null || own.broker != broker) {
            own = new Context(broker, storage.newContext(broker.getExecutorFactory().getExecutor()));
            contexts.set(own);
        }
        OperationContext context = own.context;
        storage.setContext(context);
        try {
            RoutingStatus routed = route(broker, queue, message);
            if (routed != RoutingStatus.OK) {
                throw new JMSException("the broker did not queue the hand-off to " + queue + ": " + routed);
            }
            confirmation.waiting();
            context.executeOnCompletion(new IOCallback() {
                @Override
                public void done() {
                    confirmation.finish(null);
                }

                @Override
                public void onError(int code, String text) {
                    confirmation.finish(new JMSException("the broker could not store the hand-off: " + text));
                }
            });
        } finally {
            storage.clearContext();
        }
    }

    /** Routes to the queue, made first if it is not there (a queue nobody used yet, or one auto-deleted). */
    private RoutingStatus route(ActiveMQServer broker, String queue, CoreMessage message) throws Exception {
        if (queues.add(queue)) {
            ensure(broker, queue);
        }
        RoutingStatus routed = broker.getPostOffice().route(message, false);
        if (routed == RoutingStatus.NO_BINDINGS) {
            ensure(broker, queue);
            routed = broker.getPostOffice().route(message, false);
        }
        return routed;
    }

    private static void ensure(ActiveMQServer broker, String queue) throws Exception {
        broker.createQueue(QueueConfiguration.of(queue).setRoutingType(RoutingType.ANYCAST).setDurable(true)
                .setAutoCreateAddress(true), true);
    }

    private static boolean active(ActiveMQServer broker) {
        return broker != null && broker.isActive();
    }

    /** A thread's operation context in one broker (a broker started again gets new ones). */
    private record Context(ActiveMQServer broker, OperationContext context) {
    }

    @Override
    public void close() {
        confirmations.close("hand-offs stopped before the broker confirmed");
        large.close();
    }
}
