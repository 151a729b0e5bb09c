package org.mmsgw.gateway;

import java.util.List;
import java.util.function.BooleanSupplier;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.mmsgw.processors.Counters;
import org.mmsgw.processors.MmsHeaders;

/**
 * {@code GET /health} (200 when the broker and the SMPP link are up, else 503, with a JSON body
 * saying which) and {@code GET /metrics} (Prometheus text).
 */
public final class StatusProcessor {
    static final List<String> QUEUES = List.of("mms.submitted", "mms.deliver.mm1", "mms.deliver.mm3", "mms.reports",
            "mms.smsc.in", EmbeddedBroker.DEAD_LETTER, EmbeddedBroker.EXPIRY);

    private final BooleanSupplier brokerUp;
    private final org.mmsgw.processors.store.MessageStore store;
    private final SmppLink smpp;
    private final Counters counters;

    /**
     * @param broker the embedded broker (its queue depths become gauges), or null when an external one is
     *               used: its state is then probed through {@code factory}, and its queue depths are
     *               Artemis' own metrics
     */
    public StatusProcessor(EmbeddedBroker broker, jakarta.jms.ConnectionFactory factory, SmppLink smpp,
            Counters counters, org.mmsgw.processors.store.MessageStore store) {
        this.store = store;
        this.brokerUp = broker != null ? broker::isActive : new BrokerProbe(factory);
        counters.gauge("mmsgw_jvm_heap_used_bytes",
                () -> java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        // the most the heap held since start: the peaks of its pools, summed
        counters.gauge("mmsgw_jvm_heap_peak_bytes", () -> java.lang.management.ManagementFactory.getMemoryPoolMXBeans()
                .stream().filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum());
        this.smpp = smpp;
        this.counters = counters;
        if (broker != null) {
            for (String queue : QUEUES) {
                counters.gauge("mmsgw_queue_depth{queue=\"" + queue + "\"}", () -> broker.depth(queue));
            }
        }
    }

    public void health(Exchange exchange) {
        boolean brokerUp = this.brokerUp.getAsBoolean();
        boolean smppUp = smpp.isUp();
        boolean storeUp = store.isWritable();
        boolean up = brokerUp && smppUp && storeUp;
        Message out = exchange.getMessage();
        out.setHeader(MmsHeaders.HTTP_STATUS, up ? 200 : 503);
        out.setHeader(MmsHeaders.HTTP_CONTENT_TYPE, "application/json");
        out.setBody("{\"status\":\"" + (up ? "UP" : "DOWN") + "\",\"broker\":\""
                + (brokerUp ? "UP" : "DOWN") + "\",\"smpp\":\"" + (smppUp ? "UP" : "DOWN") + "\",\"store\":\""
                + (storeUp ? "UP" : "DOWN") + "\",\"smppSession\":\"" + smpp.describe() + "\"}");
    }

    public void metrics(Exchange exchange) {
        Message out = exchange.getMessage();
        out.setHeader(MmsHeaders.HTTP_STATUS, 200);
        out.setHeader(MmsHeaders.HTTP_CONTENT_TYPE, "text/plain; version=0.0.4");
        out.setBody(counters.render());
    }
}
