package org.mmsgw.processors.store;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The last step of a flow whose store writes did not wait for the disk: returns once they are on it,
 * so the flow's transaction commits only what the store keeps.
 */
public final class StoreSyncProcessor implements Processor {
    private final MessageStore store;

    public StoreSyncProcessor(MessageStore store) {
        this.store = store;
    }

    @Override
    public void process(Exchange exchange) {
        store.sync();
    }
}
