package org.mmsgw.gateway;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.apache.camel.CamelContext;

/** Reads the {@code gateway.*} settings (application.properties, overridden by environment variables). */
final class Settings {
    private final CamelContext context;

    Settings(CamelContext context) {
        this.context = context;
    }

    Optional<String> optional(String key) {
        return context.getPropertiesComponent().resolveProperty(key).map(String::trim).filter(s -> !s.isEmpty());
    }

    String text(String key, String fallback) {
        return optional(key).orElse(fallback);
    }

    int number(String key, int fallback) {
        String value = text(key, String.valueOf(fallback));
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, was " + value);
        }
    }

    boolean flag(String key, boolean fallback) {
        return Boolean.parseBoolean(text(key, String.valueOf(fallback)));
    }

    /** ISO-8601 durations ({@code P7D}, {@code PT1H}). */
    Duration duration(String key, String fallback) {
        String value = text(key, fallback);
        try {
            return Duration.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(key + " must be an ISO-8601 duration such as P7D or PT1H, was " + value);
        }
    }

    List<String> list(String key, String fallback) {
        return Arrays.stream(text(key, fallback).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
