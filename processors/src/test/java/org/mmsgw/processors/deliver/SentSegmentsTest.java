package org.mmsgw.processors.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmsgw.processors.store.LogMessageStore;
import org.mmsgw.processors.store.Recipient;
import org.mmsgw.processors.store.RecipientState;
import org.mmsgw.processors.store.SegmentRef;
import org.mmsgw.processors.store.StoredMessage;

/** What a push's collected SMSC ids become in the store, depending on how the exchange ends. */
class SentSegmentsTest {
    private static final Instant NOW = Instant.parse("2030-01-02T03:04:05Z");
    private static final String PHONE = "+491701111111/TYPE=PLMN";

    @TempDir
    Path tmp;

    private final CamelContext context = new DefaultCamelContext();
    private LogMessageStore store;

    @BeforeEach
    void open() {
        store = new LogMessageStore(tmp.resolve("store"));
        store.save(new StoredMessage("m1", "+491709999999/TYPE=PLMN", NOW, NOW.plusSeconds(86400), false, false,
                false, 100, List.of(new Recipient(PHONE, "tok-m1", RecipientState.PENDING))), new byte[] {1});
    }

    @AfterEach
    void close() throws Exception {
        store.close();
        context.close();
    }

    @Test
    void idsOfAPushThatFailedPartwayAreRecordedStrayWhenTheExchangeFails() {
        Exchange exchange = push("s1"); // and the step after the push never ran: nobody took them
        SentSegments.of(exchange).onFailure(exchange);

        assertEquals(List.of(new SegmentRef("m1", PHONE, "", true)), store.segments("m1", PHONE));
    }

    @Test
    void idsTakenAndRecordedWithTheNewStateAreNotRecordedAgainAtTheEnd() {
        Exchange exchange = push("s1", "s2");
        SentSegments sent = SentSegments.of(exchange);
        store.recordSent("m1", PHONE, sent.take(), RecipientState.NOTIFIED);
        sent.onComplete(exchange);

        assertEquals(List.of(new SegmentRef("m1", PHONE, ""), new SegmentRef("m1", PHONE, "")),
                store.segments("m1", PHONE));
    }

    @Test
    void idsGivenBackAfterTheirWriteWentThroughStayAsRecorded() {
        // the state write reached the log, then its sync failed: the step gives the ids back and fails
        Exchange exchange = push("s1", "s2");
        SentSegments sent = SentSegments.of(exchange);
        store.recordSent("m1", PHONE, sent.take(), RecipientState.NOTIFIED);
        sent.giveBack();
        sent.onFailure(exchange);

        assertEquals(List.of(new SegmentRef("m1", PHONE, ""), new SegmentRef("m1", PHONE, "")),
                store.segments("m1", PHONE), "the recipient is NOTIFIED: its receipts decide");
    }

    @Test
    void idsGivenBackWhoseWriteFailedAreRecordedStray() {
        Exchange exchange = push("s1", "s2");
        SentSegments sent = SentSegments.of(exchange);
        sent.take();
        sent.giveBack();
        sent.onFailure(exchange);

        assertEquals(List.of(new SegmentRef("m1", PHONE, "", true), new SegmentRef("m1", PHONE, "", true)),
                store.segments("m1", PHONE));
    }

    /** An exchange whose notification push sent segments with these SMSC ids. */
    private Exchange push(String... smscIds) {
        Exchange exchange = new DefaultExchange(context);
        SentSegments.start(exchange, store, "m1", PHONE);
        SentSegments.of(exchange).add(List.of(smscIds));
        return exchange;
    }
}
