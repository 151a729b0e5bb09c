package org.mmsgw.gateway.handoff;

import java.util.function.Consumer;

/** Sends a Camel message persistently to a queue and tells the caller when the broker has it on disk. */
interface HandOffSender extends AutoCloseable {

    void start();

    /**
     * Sends {@code in} to {@code queue}; {@code done} is called once, with null when the broker has it
     * on disk. Throws (and does not call {@code done}) when the send cannot even start.
     */
    void send(String queue, org.apache.camel.Message in, Consumer<Exception> done) throws Exception;

    /** Fails the sends not confirmed yet. */
    @Override
    void close();
}
