package org.mmsgw.processors;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Keeps only the named headers on the incoming message and removes every other one, whatever its
 * case: a client header such as {@code CamelFileName} or {@code mail.smtp.host} never reaches a
 * producer. Put one at every entry point (HTTP, JMS from outside, mail).
 */
public final class HeaderAllowList implements Processor {
    private final Set<String> allowed;

    public HeaderAllowList(Set<String> allowed) {
        this.allowed = allowed.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** For YAML: a comma-separated list of header names. */
    public static HeaderAllowList of(String commaSeparated) {
        return new HeaderAllowList(Set.of(commaSeparated.split("\\s*,\\s*")));
    }

    @Override
    public void process(Exchange exchange) {
        Map<String, Object> headers = exchange.getMessage().getHeaders();
        headers.keySet().removeIf(name -> !allowed.contains(name.toLowerCase(Locale.ROOT)));
    }
}
