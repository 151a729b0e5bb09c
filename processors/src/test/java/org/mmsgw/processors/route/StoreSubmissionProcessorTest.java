package org.mmsgw.processors.route;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.mmsgw.processors.store.MessageStore;
import org.mmsgw.processors.store.RecipientTokens;

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
        routing = new StoreSubmissionProcessor(store, (m, a) -> "tok" + tokens.incrementAndGet());
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
        assertEquals(2, e.getMessage().getHeader(MmsHeaders.DELIVERIES));
        assertNull(e.getMessage().getHeader(MmsHeaders.RECIPIENT), "two recipients: none named in the headers");
    }

    @Test
    void aSingleRecipientIsNamedInTheHeaders() throws Exception {
        byte[] one = new MmsEncoder().encode(MmsPdus.sendReq("T-2", List.of("+491701111111/TYPE=PLMN"), "Hi").build());
        Exchange e = handOff("m4", one, BodyChecksum.of(one));
        routing.process(e);
        assertEquals(1, e.getMessage().getHeader(MmsHeaders.DELIVERIES));
        assertEquals("+491701111111/TYPE=PLMN", e.getMessage().getHeader(MmsHeaders.RECIPIENT));
        assertEquals(Delivery.PHONE, e.getMessage().getHeader(MmsHeaders.CHANNEL));
    }

    @Test
    void eachDeliveryOfTheSplitBecomesHeadersAndAnEmptyBody() throws Exception {
        Exchange e = handOff("m5", pdu, BodyChecksum.of(pdu));
        routing.process(e);
        List<?> deliveries = e.getMessage().getBody(List.class);
        Exchange part = new DefaultExchange(camel);
        part.getMessage().setBody(deliveries.get(1));
        new DeliveryHeaders().process(part);
        assertEquals("bob@example.com", part.getMessage().getHeader(MmsHeaders.RECIPIENT));
        assertEquals(Delivery.EMAIL, part.getMessage().getHeader(MmsHeaders.CHANNEL));
        assertEquals("", part.getMessage().getBody());
    }

    @Test
    void aSaveLostToACrashIsMadeAgainWithTheSameTokens() throws Exception {
        RecipientTokens keyed = RecipientTokens.open(tmp.resolve("tokens.key"));
        new StoreSubmissionProcessor(store, keyed).process(handOff("m6", pdu, BodyChecksum.of(pdu)));
        List<String> first = store.find("m6").orElseThrow().recipients().stream().map(r -> r.token()).toList();
        // the machine went down before the store's sync: the redelivered hand-off meets a store without it
        try (LogMessageStore empty = new LogMessageStore(tmp.resolve("store-after-crash"), 1 << 20, 0)) {
            new StoreSubmissionProcessor(empty, RecipientTokens.open(tmp.resolve("tokens.key")))
                    .process(handOff("m6", pdu, BodyChecksum.of(pdu)));
            assertEquals(first, empty.find("m6").orElseThrow().recipients().stream().map(r -> r.token()).toList());
        }
        assertEquals(22, first.get(0).length(), "the phone's token");
        assertNotEquals(first.get(0), first.get(1), "each recipient a token of its own");
    }

    @Test
    void theSaveDoesNotWaitForTheDiskTheFlowsSyncDoes() throws Exception {
        // a view of the store that notes whether each save ran inside withoutWaiting
        boolean[] inside = {false};
        List<Boolean> saves = new ArrayList<>();
        MessageStore watched = (MessageStore) Proxy.newProxyInstance(MessageStore.class.getClassLoader(),
                new Class<?>[] {MessageStore.class}, (proxy, method, args) -> {
                    boolean around = method.getName().equals("withoutWaiting");
                    if (method.getName().equals("save")) {
                        saves.add(inside[0]);
                    }
                    inside[0] |= around;
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    } finally {
                        if (around) {
                            inside[0] = false;
                        }
                    }
                });
        Exchange e = handOff("m3", pdu, BodyChecksum.of(pdu));
        new StoreSubmissionProcessor(watched, (m, a) -> "tok").process(e);
        assertEquals(List.of(true), saves, "one save, made without waiting for the disk");
        assertTrue(store.find("m3").isPresent());
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
