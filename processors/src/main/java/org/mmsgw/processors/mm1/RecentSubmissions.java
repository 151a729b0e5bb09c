package org.mmsgw.processors.mm1;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.mmsgw.processors.MmsHeaders;

/**
 * The answers to recent accepted submissions, by sender and transaction id: a phone that did not get
 * its m-send-conf posts the same m-send-req again, and must get the same Message-ID, not a second
 * message. Bounded in count and age; kept in memory (a retry after a restart of the gateway is taken
 * as a new message). As a processor it remembers the exchange's answer once the submission is durable.
 */
public final class RecentSubmissions implements Processor {
    /** Exchange property: the key of the submission being handled. */
    public static final String KEY = "MmsSubmissionKey";

    private record Answer(byte[] sendConf, Instant at) {
    }

    private final int capacity;
    private final Duration maxAge;
    private final Clock clock;
    private final Map<String, Answer> answers;

    public RecentSubmissions(int capacity, Duration maxAge, Clock clock) {
        this.capacity = capacity;
        this.maxAge = maxAge;
        this.clock = clock;
        this.answers = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Answer> eldest) {
                return size() > RecentSubmissions.this.capacity;
            }
        };
    }

    static String key(String sender, String transactionId) {
        return sender + "\u0000" + transactionId;
    }

    /** The m-send-conf already given for this submission, if it is recent. */
    public synchronized Optional<byte[]> answered(String key) {
        Answer a = answers.get(key);
        if (a == null || a.at().plus(maxAge).isBefore(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(a.sendConf());
    }

    public synchronized void remember(String key, byte[] sendConf) {
        answers.put(key, new Answer(sendConf, clock.instant()));
    }

    @Override
    public void process(Exchange exchange) {
        String key = exchange.getProperty(KEY, String.class);
        byte[] reply = exchange.getProperty(MmsHeaders.REPLY, byte[].class);
        if (key != null && reply != null) {
            remember(key, reply);
        }
    }
}
