package org.mmsgw.processors;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The gateway's counters and gauges, rendered in the Prometheus text format for {@code GET /metrics}.
 * Counter names follow Prometheus conventions ({@code mmsgw_..._total}); a label is written into the
 * key by {@link #increment(String, String, String)}.
 */
public final class Counters {
    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
    private final Map<String, Supplier<Number>> gauges = new ConcurrentHashMap<>();

    public void increment(String name) {
        counters.computeIfAbsent(name, k -> new LongAdder()).increment();
    }

    public void add(String name, long amount) {
        counters.computeIfAbsent(name, k -> new LongAdder()).add(amount);
    }

    /** A counter with one label, e.g. {@code mmsgw_rejected_total{status="Error-permanent-..."}}. */
    public void increment(String name, String label, String value) {
        increment(name + "{" + label + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
    }

    public void gauge(String name, Supplier<Number> value) {
        gauges.put(name, value);
    }

    public long get(String name) {
        LongAdder adder = counters.get(name);
        return adder == null ? 0 : adder.sum();
    }

    /** Prometheus text exposition format 0.0.4. */
    public String render() {
        StringBuilder out = new StringBuilder();
        Map<String, String> typed = new TreeMap<>();
        new TreeMap<>(counters).forEach((key, adder) -> {
            String family = key.contains("{") ? key.substring(0, key.indexOf('{')) : key;
            if (typed.put(family, "counter") == null) {
                out.append("# TYPE ").append(family).append(" counter\n");
            }
            out.append(key).append(' ').append(adder.sum()).append('\n');
        });
        new TreeMap<>(gauges).forEach((key, value) -> {
            String family = key.contains("{") ? key.substring(0, key.indexOf('{')) : key;
            if (typed.put(family, "gauge") == null) {
                out.append("# TYPE ").append(family).append(" gauge\n");
            }
            out.append(key).append(' ').append(value.get()).append('\n');
        });
        return out.toString();
    }
}
