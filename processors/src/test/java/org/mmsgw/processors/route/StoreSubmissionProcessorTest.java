package org.mmsgw.processors.route;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmsgw.codec.mms.MmsEncoder;
import org.mmsgw.codec.mms.MmsPdus;
import org.mmsgw.processors.BodyChecksum;
import org.mmsgw.processors.MmsHeaders;
import org.mmsgw.processors.store.LogMessageStore;

/** The routing step against a real store: a hand-off's body is stored only when it arrived whole. */
class StoreSubmissionProcessorTest {
    @TempDir
    Path tmp;

    private LogMessageStore store;
    private StoreSubmissionProcessor routing;
    private final CamelContext camel = new DefaultCamelContext();
    private final AtomicInteger tokens = new AtomicInteger();
    private final byte[] pdu = new MmsEncoder().encode(MmsPdus.sendReq("T-1",
            List.of("+491701111111/TYPE=PLMN", "bob@example.com"), "Hello").build());

    @BeforeEach
    void open() {
        store = new LogMessageStore(tmp.resolve("store"), 1 << 20, 0);
        routing = new StoreSubmissionProcessor(store, () -> "tok" + tokens.incrementAndGet());
    }

    @AfterEach
    void close() throws IOException {
        store.close();
    }

    private Exchange handOff(String id, byte[] body, Long crc) {
        Exchange e = new DefaultExchange(camel);
        e.getMessage().setBody(body);
        e.getMessage().setHeader(MmsHeaders.MESSAGE_ID, id);
        e.getMessage().setHeader(MmsHeaders.SENDER, "+491709999999/TYPE=PLMN");
        e.getMessage().setHeader(MmsHeaders.EXPIRY, 4_000_000_000_000L);
        if (crc != null) {
            e.getMessage().setHeader(MmsHeaders.BODY_CRC, crc);
        }
        return e;
    }

    @Test
    void aBodyThatMatchesItsChecksumIsStoredAndRouted() throws Exception {
        Exchange e = handOff("m1", pdu, BodyChecksum.of(pdu));
        routing.process(e);
        assertArrayEquals(pdu, store.content("m1").orElseThrow());
        assertEquals(2, e.getMessage().getBody(List.class).size(), "one delivery per recipient");
    }

    @Test
    void aBodyDamagedOnTheWayIsRefusedAndNothingIsStored() {
        byte[] damaged = Arrays.copyOf(pdu, pdu.length);
        Arrays.fill(damaged, pdu.length / 2, pdu.length, (byte) 0);
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> routing.process(handOff("m2", damaged, BodyChecksum.of(pdu))));
        assertTrue(refused.getMessage().contains("m2"), refused.getMessage());
        assertTrue(store.find("m2").isEmpty(), "nothing stored: the broker redelivers the hand-off");
    }

    @Test
    void aHandOffWithoutChecksumFromAnOlderSenderIsTaken() throws Exception {
        routing.process(handOff("m3", pdu, null));
        assertArrayEquals(pdu, store.content("m3").orElseThrow());
    }
}
