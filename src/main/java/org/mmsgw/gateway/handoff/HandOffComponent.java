package org.mmsgw.gateway.handoff;

import java.util.Map;
import java.util.function.Supplier;

import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code handoff:queue:NAME}: a persistent send to a queue, outside any transaction, that is done once
 * the broker has confirmed it (after its journal sync). Many sends from many requests share the
 * broker's syncs: the sender does not wait per message but is told by the broker's confirmation. To an
 * external broker the sends share one connection and a few sessions; into the embedded one they are
 * routed in the broker itself ({@link BrokerSends}).
 *
 * <p>By default the route waits for the confirmation on its own thread (mail and SMSC entry points:
 * a mail is removed, a deliver_sm answered, only after it). With {@code async=true} the route goes on
 * from the confirmation on the broker's (or its client's) thread, and the calling thread is free at once (the
 * HTTP side: the phone's answer is written from there); only steps that do not block may follow.
 */
public final class HandOffComponent extends DefaultComponent {
    private final HandOffSender sessions;
    private final SubmissionGate gate;

    /** @param factory a factory with a confirmation window (asynchronous confirmations) */
    public HandOffComponent(ConnectionFactory factory, long timeoutMillis) {
        this(factory, timeoutMillis, null);
    }

    /** @param gate keeps the sends to its queue waiting while that is full; null: none */
    public HandOffComponent(ConnectionFactory factory, long timeoutMillis, SubmissionGate gate) {
        this(new HandOffSessions(factory, timeoutMillis), gate);
    }

    private HandOffComponent(HandOffSender sender, SubmissionGate gate) {
        this.sessions = sender;
        this.gate = gate;
    }

    /**
     * Hand-offs to a broker in this process, routed in the broker itself; a large body goes through
     * {@code factory} (a factory with a confirmation window).
     */
    public static HandOffComponent embedded(Supplier<ActiveMQServer> server, ConnectionFactory factory, long timeoutMillis,
            SubmissionGate gate) {
        return new HandOffComponent(new BrokerSends(server, new HandOffSessions(factory, timeoutMillis),
                timeoutMillis), gate);
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        String queue = remaining.startsWith("queue:") ? remaining.substring("queue:".length()) : remaining;
        if (queue.isEmpty() || queue.contains(":")) {
            throw new IllegalArgumentException("handoff endpoints are handoff:queue:NAME, found " + uri);
        }
        HandOffEndpoint endpoint = new HandOffEndpoint(uri, this, queue, sessions,
                gate != null && gate.guards(queue) ? gate : null);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        sessions.start();
        if (gate != null) {
            gate.start();
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (gate != null) {
            gate.close();
        }
        sessions.close();
        super.doStop();
    }
}
