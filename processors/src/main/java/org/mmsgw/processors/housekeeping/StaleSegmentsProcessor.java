package org.mmsgw.processors.housekeeping;

import java.time.Clock;
import java.time.Duration;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.mmsgw.processors.store.SmsParts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Housekeeping of concatenated SMS from phones: a message whose last segment came longer ago than the
 * maximum age will not be completed any more, and its segments are dropped (logged).
 */
public final class StaleSegmentsProcessor implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(StaleSegmentsProcessor.class);

    private final SmsParts parts;
    private final Duration maxAge;
    private final Clock clock;

    public StaleSegmentsProcessor(SmsParts parts, Duration maxAge, Clock clock) {
        this.parts = parts;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        int removed = parts.removeOlderThan(clock.instant().minus(maxAge));
        if (removed > 0) {
            LOG.warn("{} concatenated SMS never completed within {}: their segments are dropped", removed, maxAge);
        }
    }
}
