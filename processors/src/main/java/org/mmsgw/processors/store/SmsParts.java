package org.mmsgw.processors.store;

import java.util.List;
import java.util.Optional;

/**
 * Segments of concatenated SMS from phones, kept on stable storage until the last one arrives, so a
 * restart in between loses none (3GPP TS 23.040 §9.2.3.24.1). Adding a segment again is harmless.
 */
public interface SmsParts {
    /**
     * Keeps one segment and returns every segment's text in order once all {@code total} are there.
     *
     * @param key      the concatenated message: sender, reference and total, as the caller makes it
     * @param sequence 1..total
     */
    Optional<List<String>> add(String key, int sequence, int total, String text);

    /** Forgets a message's segments (after it was handled). */
    void remove(String key);

    /**
     * Forgets the segments of messages whose last segment came before {@code instant}: the rest will not
     * come any more. Returns how many messages were forgotten.
     */
    int removeOlderThan(java.time.Instant instant);
}
