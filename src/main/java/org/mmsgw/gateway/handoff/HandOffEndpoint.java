package org.mmsgw.gateway.handoff;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** One queue to hand off to; send only. */
public final class HandOffEndpoint extends DefaultEndpoint {
    private final String queue;
    private final HandOffSender sessions;
    private final SubmissionGate gate;
    private boolean async;

    /** @param gate the gate of this queue, or null */
    HandOffEndpoint(String uri, HandOffComponent component, String queue, HandOffSender sessions,
            SubmissionGate gate) {
        super(uri, component);
        this.queue = queue;
        this.sessions = sessions;
        this.gate = gate;
    }

    /** Go on from the broker's confirmation on its thread instead of waiting for it (default false). */
    public void setAsync(boolean async) {
        this.async = async;
    }

    public boolean isAsync() {
        return async;
    }

    @Override
    public Producer createProducer() {
        return new HandOffProducer(this, queue, sessions, async, gate);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("handoff endpoints only send; consume with jms:queue:" + queue);
    }
}
