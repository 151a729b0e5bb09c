package org.mmsgw.processors.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mmsgw.processors.Counters;
import org.mmsgw.processors.MmsHeaders;
import org.mmsgw.processors.inbound.SmscIds.Form;
import org.mmsgw.processors.store.FileMessageStore;
import org.mmsgw.processors.store.Recipient;
import org.mmsgw.processors.store.RecipientState;
import org.mmsgw.processors.store.SegmentRef;
import org.mmsgw.processors.store.StoredMessage;

class ReceiptProcessorTest {
    private static final Instant NOW = Instant.parse("2030-01-02T03:04:05.678Z");
    /** NOW plus the 30 s wait. */
    private static final long SCHEDULED_AT = Instant.parse("2030-01-02T03:04:35.678Z").toEpochMilli();
    private static final String PHONE = "+491701111111/TYPE=PLMN";
    private static final String OTHER = "+491702222222/TYPE=PLMN";
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path tmp;

    private final CamelContext context = new DefaultCamelContext();
    private final Counters counters = new Counters();
    private FileMessageStore store;

    @BeforeEach
    void open() {
        store = new FileMessageStore(tmp.resolve("store"));
    }

    @AfterEach
    void close() throws Exception {
        context.close();
    }

    private void save(String id, boolean deliveryReport, RecipientState state) {
        store.save(new StoredMessage(id, "+491709999999/TYPE=PLMN", NOW.minusSeconds(60), NOW.plusSeconds(86400),
                deliveryReport, false, false, 100, List.of(new Recipient(PHONE, "tok-" + id, state),
                        new Recipient(OTHER, "tok2-" + id, RecipientState.NOTIFIED))), new byte[] {1});
    }

    /** m1 to PHONE in two segments a1 and a2, one segment b1 to OTHER. */
    private void twoSegments(boolean deliveryReport, RecipientState state) {
        save("m1", deliveryReport, state);
        store.recordSegment("m1", PHONE, "a1");
        store.recordSegment("m1", PHONE, "a2");
        store.recordSegment("m1", OTHER, "b1");
    }

    private ReceiptProcessor processor(Form form) {
        return new ReceiptProcessor(store, form, 3, Duration.ofSeconds(30), CLOCK, counters);
    }

    private Exchange receipt(String smscId, String stat) {
        return receipt(Form.AUTO, smscId, stat, false, null, null);
    }

    private Exchange receipt(Form form, String smscId, String stat, boolean fromTlv, Integer attempt,
            Boolean redelivered) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setHeader(MmsHeaders.SMS_KIND, "receipt");
        exchange.getMessage().setHeader(MmsHeaders.SMSC_ID, smscId);
        exchange.getMessage().setHeader(MmsHeaders.SMSC_ID_FROM_TLV, fromTlv);
        exchange.getMessage().setHeader(MmsHeaders.RECEIPT_STAT, stat);
        if (attempt != null) {
            exchange.getMessage().setHeader(MmsHeaders.ATTEMPT, attempt);
        }
        if (redelivered != null) {
            exchange.getMessage().setHeader("JMSRedelivered", redelivered);
        }
        exchange.getMessage().setBody("");
        processor(form).process(exchange);
        return exchange;
    }

    private RecipientState state(String address) {
        return store.find("m1").orElseThrow().recipient(address).orElseThrow().state();
    }

    private static String action(Exchange exchange) {
        return exchange.getMessage().getHeader(MmsHeaders.ACTION, String.class);
    }

    @Test
    void delivrdOnEverySegmentMovesNotifiedToPushed() {
        twoSegments(true, RecipientState.NOTIFIED);

        Exchange first = receipt("a1", "DELIVRD");
        assertEquals("skip", action(first));
        assertEquals("m1", first.getMessage().getHeader(MmsHeaders.MESSAGE_ID));
        assertEquals(PHONE, first.getMessage().getHeader(MmsHeaders.RECIPIENT));
        assertEquals(RecipientState.NOTIFIED, state(PHONE));
        assertEquals(Optional.of(new SegmentRef("m1", PHONE, "DELIVRD")), store.findSegment("a1"));

        Exchange second = receipt("a2", "DELIVRD");
        assertEquals("skip", action(second));
        assertNull(second.getMessage().getHeader(MmsHeaders.REPORT_STATUS));
        assertEquals(RecipientState.PUSHED, state(PHONE));
        // the other recipient's segment has no receipt: it is untouched
        assertEquals(RecipientState.NOTIFIED, state(OTHER));
        assertEquals(2, counters.get("mmsgw_receipts_matched_total{stat=\"DELIVRD\"}"));
    }

    @Test
    void sameDelivrdTwiceOnOneSegmentIsNotEverySegment() {
        twoSegments(true, RecipientState.NOTIFIED);

        receipt("a1", "DELIVRD");
        receipt("a1", "DELIVRD");

        assertEquals(RecipientState.NOTIFIED, state(PHONE));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = RecipientState.class, names = {"PENDING", "DEFERRED", "RETRIEVED", "REJECTED", "UNREACHABLE",
        "EXPIRED", "PUSHED"})
    void delivrdMovesToPushedOnlyFromNotified(RecipientState before) {
        twoSegments(true, before);

        receipt("a1", "DELIVRD");
        Exchange last = receipt("a2", "DELIVRD");

        assertEquals("skip", action(last));
        assertEquals(before, state(PHONE));
    }

    @Test
    void failedSegmentThenDelivrdStaysUnreachable() {
        twoSegments(true, RecipientState.NOTIFIED);

        receipt("a1", "UNDELIV");
        receipt("a2", "DELIVRD");

        assertEquals(RecipientState.UNREACHABLE, state(PHONE));
    }

    /**
     * The first push to PHONE failed after the SMSC took its segment s1 (stray); the push that followed went
     * in a1 and a2. A failure of s1 neither ends the recipient nor reports; DELIVRD on a1 and a2 is every
     * segment that counts, with s1 still waiting for its receipt.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"UNDELIV", "REJECTD", "EXPIRED", "DELETED", "DELIVRD"})
    void aStraySegmentsReceiptIsRecordedButTheRetriedPushDecides(String stat) {
        twoSegments(true, RecipientState.NOTIFIED);
        store.recordStraySegment("m1", PHONE, "s1");
        store.recordStraySegment("m1", PHONE, "s2");

        Exchange stray = receipt("s1", stat);

        assertEquals("skip", action(stray));
        assertNull(stray.getMessage().getHeader(MmsHeaders.REPORT_STATUS));
        assertEquals(RecipientState.NOTIFIED, state(PHONE));
        assertEquals(Optional.of(new SegmentRef("m1", PHONE, stat, true)), store.findSegment("s1"));
        assertEquals(1, counters.get("mmsgw_receipts_matched_total{stat=\"" + stat + "\"}"));

        receipt("a1", "DELIVRD");
        receipt("a2", "DELIVRD");
        assertEquals(RecipientState.PUSHED, state(PHONE), "s2 never got a receipt, and need not");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "UNDELIV, UNREACHABLE, Unreachable",
        "REJECTD, UNREACHABLE, Unreachable",
        "EXPIRED, EXPIRED,     Expired",
        "DELETED, EXPIRED,     Expired",
    })
    void failureWithDeliveryReport(String stat, RecipientState after, String reportStatus) {
        twoSegments(true, RecipientState.NOTIFIED);

        Exchange exchange = receipt("a2", stat);

        assertEquals(after, state(PHONE));
        assertEquals(RecipientState.NOTIFIED, state(OTHER));
        Map<String, Object> expected = new TreeMap<>(Map.of(MmsHeaders.SMS_KIND, "receipt", MmsHeaders.SMSC_ID, "a2",
                MmsHeaders.SMSC_ID_FROM_TLV, false, MmsHeaders.RECEIPT_STAT, stat, MmsHeaders.MESSAGE_ID, "m1",
                MmsHeaders.RECIPIENT, PHONE, MmsHeaders.ACTION, "report", MmsHeaders.REPORT_TYPE, "delivery",
                MmsHeaders.REPORT_STATUS, reportStatus));
        assertEquals(expected, new TreeMap<>(exchange.getMessage().getHeaders()));
        assertEquals("", exchange.getMessage().getBody());
        assertEquals(Optional.of(new SegmentRef("m1", PHONE, stat)), store.findSegment("a2"));
        assertEquals(1, counters.get("mmsgw_receipts_matched_total{stat=\"" + stat + "\"}"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "UNDELIV, UNREACHABLE",
        "REJECTD, UNREACHABLE",
        "EXPIRED, EXPIRED",
        "DELETED, EXPIRED",
    })
    void failureWithoutDeliveryReport(String stat, RecipientState after) {
        twoSegments(false, RecipientState.NOTIFIED);

        Exchange exchange = receipt("a1", stat);

        assertEquals(after, state(PHONE));
        assertEquals("skip", action(exchange));
        assertNull(exchange.getMessage().getHeader(MmsHeaders.REPORT_STATUS));
        assertNull(exchange.getMessage().getHeader(MmsHeaders.REPORT_TYPE));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"ENROUTE", "ACCEPTD", "UNKNOWN", "FOOBAR", "delivrd", ""})
    void intermediateAndUnknownStatusesChangeNothing(String stat) {
        twoSegments(true, RecipientState.NOTIFIED);

        Exchange exchange = receipt("a1", stat);

        assertEquals("skip", action(exchange));
        assertEquals(RecipientState.NOTIFIED, state(PHONE));
        // not even recorded on the segment
        assertEquals(Optional.of(new SegmentRef("m1", PHONE, "")), store.findSegment("a1"));
        assertNull(exchange.getMessage().getHeader(MmsHeaders.MESSAGE_ID));
        assertNull(exchange.getMessage().getHeader(MmsHeaders.ATTEMPT));
        assertEquals(1, counters.get("mmsgw_receipts_matched_total{stat=\"" + stat + "\"}"));
    }

    @Test
    void unknownIdWaitsWithAttemptAndScheduledDeliveryFromTheClock() {
        twoSegments(true, RecipientState.NOTIFIED);

        Exchange first = receipt("zz9", "DELIVRD");
        assertEquals("retry", action(first));
        assertEquals(1, first.getMessage().getHeader(MmsHeaders.ATTEMPT));
        assertEquals(SCHEDULED_AT, first.getMessage().getHeader(ReceiptProcessor.SCHEDULED));
        assertNull(first.getMessage().getHeader(MmsHeaders.MESSAGE_ID));

        Exchange again = receipt(Form.AUTO, "zz9", "DELIVRD", false, 2, null);
        assertEquals("retry", action(again));
        assertEquals(3, again.getMessage().getHeader(MmsHeaders.ATTEMPT));
        assertEquals(SCHEDULED_AT, again.getMessage().getHeader(ReceiptProcessor.SCHEDULED));
        assertEquals(0, counters.get("mmsgw_receipts_unmatched_total"));
    }

    @Test
    void unknownIdIsDroppedAfterMaxAttempts() {
        Exchange exchange = receipt(Form.AUTO, "zz9", "DELIVRD", false, 3, null);

        assertEquals("skip", action(exchange));
        assertEquals(3, exchange.getMessage().getHeader(MmsHeaders.ATTEMPT));
        assertNull(exchange.getMessage().getHeader(ReceiptProcessor.SCHEDULED));
        assertEquals(1, counters.get("mmsgw_receipts_unmatched_total"));
    }

    @Test
    void attemptHeaderAsJmsStringProperty() {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setHeader(MmsHeaders.SMSC_ID, "zz9");
        exchange.getMessage().setHeader(MmsHeaders.RECEIPT_STAT, "DELIVRD");
        exchange.getMessage().setHeader(MmsHeaders.ATTEMPT, "1");

        processor(Form.AUTO).process(exchange);

        assertEquals(2, exchange.getMessage().getHeader(MmsHeaders.ATTEMPT));
    }

    @Test
    void receiptThatOvertakesItsSubmitRespMatchesOnItsRetry() {
        save("m1", true, RecipientState.NOTIFIED);

        Exchange early = receipt("a1", "UNDELIV");
        assertEquals("retry", action(early));
        assertEquals(RecipientState.NOTIFIED, state(PHONE));

        store.recordSegment("m1", PHONE, "a1");
        Exchange retried = receipt(Form.AUTO, "a1", "UNDELIV", false, 1, null);
        assertEquals("report", action(retried));
        assertEquals(RecipientState.UNREACHABLE, state(PHONE));
    }

    @Test
    void receiptOfADeletedMessageWaits() {
        twoSegments(true, RecipientState.NOTIFIED);
        store.delete("m1");

        assertEquals("retry", action(receipt("a1", "DELIVRD")));
    }

    /** submit_sm_resp in hex "00AB54A98CEB1F0AD2" (stored in key form), receipt text in decimal. */
    @ParameterizedTest(name = "{0} {1} tlv={2}: {3}")
    @CsvSource({
        "DECIMAL_RECEIPT, 12345678901234567890, false, report",
        "AUTO,            12345678901234567890, false, report",
        "SAME,            12345678901234567890, false, retry",
        "HEX_RECEIPT,     12345678901234567890, false, retry",
        "SAME,            00AB54A98CEB1F0AD2,   false, report",
        "DECIMAL_RECEIPT, AB54A98CEB1F0AD2,     false, retry",
        // the TLV carries the submit_sm_resp's form
        "DECIMAL_RECEIPT, AB54A98CEB1F0AD2,     true,  report",
        "HEX_RECEIPT,     ab54a98ceb1f0ad2,     true,  report",
    })
    void hexSubmitIdAndReceiptForms(Form form, String receiptId, boolean fromTlv, String action) {
        save("m1", true, RecipientState.NOTIFIED);
        store.recordSegment("m1", PHONE, SmscIds.key("00AB54A98CEB1F0AD2"));

        Exchange exchange = receipt(form, receiptId, "UNDELIV", fromTlv, null, null);

        assertEquals(action, action(exchange));
        assertEquals(action.equals("report") ? RecipientState.UNREACHABLE : RecipientState.NOTIFIED, state(PHONE));
    }

    /** submit_sm_resp in decimal "255", receipt in hex. */
    @ParameterizedTest(name = "{0} {1} tlv={2}: {3}")
    @CsvSource({
        "HEX_RECEIPT,     FF,   false, report",
        "HEX_RECEIPT,     00ff, false, report",
        "AUTO,            FF,   false, report",
        "SAME,            FF,   false, retry",
        "DECIMAL_RECEIPT, FF,   false, retry",
        "HEX_RECEIPT,     255,  true,  report",
        "SAME,            0255, false, report",
    })
    void decimalSubmitIdAndReceiptForms(Form form, String receiptId, boolean fromTlv, String action) {
        save("m1", true, RecipientState.NOTIFIED);
        store.recordSegment("m1", PHONE, SmscIds.key("255"));

        Exchange exchange = receipt(form, receiptId, "UNDELIV", fromTlv, null, null);

        assertEquals(action, action(exchange));
    }

    @Test
    void autoPrefersTheIdAsWritten() {
        // "10" is stored for m1 and its hex reading "a" for m2: the receipt is m1's
        save("m1", true, RecipientState.NOTIFIED);
        save("m2", true, RecipientState.NOTIFIED);
        store.recordSegment("m1", PHONE, "10");
        store.recordSegment("m2", PHONE, "a");

        Exchange exchange = receipt("10", "UNDELIV");

        assertEquals("m1", exchange.getMessage().getHeader(MmsHeaders.MESSAGE_ID));
        assertEquals(RecipientState.UNREACHABLE, state(PHONE));
        assertEquals(RecipientState.NOTIFIED, store.find("m2").orElseThrow().recipient(PHONE).orElseThrow().state());
    }

    @Test
    void redeliveredReceiptOfUnreachableRecipientReportsAgain() {
        twoSegments(true, RecipientState.NOTIFIED);
        assertEquals("report", action(receipt("a1", "UNDELIV")));

        Exchange redelivered = receipt(Form.AUTO, "a1", "UNDELIV", false, null, true);

        assertEquals("report", action(redelivered));
        assertEquals("Unreachable", redelivered.getMessage().getHeader(MmsHeaders.REPORT_STATUS));
        assertEquals(RecipientState.UNREACHABLE, state(PHONE));
    }

    @Test
    void repeatedReceiptOfUnreachableRecipientThatIsNoRedeliveryDoesNotReport() {
        twoSegments(true, RecipientState.NOTIFIED);
        receipt("a1", "UNDELIV");

        Exchange notRedelivered = receipt(Form.AUTO, "a1", "UNDELIV", false, null, false);
        Exchange noHeader = receipt("a1", "UNDELIV");
        // the other segment failing too is no new report either
        Exchange otherSegment = receipt("a2", "REJECTD");

        assertEquals("skip", action(notRedelivered));
        assertEquals("skip", action(noHeader));
        assertEquals("skip", action(otherSegment));
        assertNull(otherSegment.getMessage().getHeader(MmsHeaders.REPORT_STATUS));
    }

    @Test
    void redeliveredExpiryOfUnreachableRecipientDoesNotReport() {
        twoSegments(true, RecipientState.NOTIFIED);
        receipt("a1", "UNDELIV");

        Exchange exchange = receipt(Form.AUTO, "a2", "EXPIRED", false, null, true);

        assertEquals("skip", action(exchange));
        assertEquals(RecipientState.UNREACHABLE, state(PHONE));
    }

    @Test
    void zeroMaxAttemptsDropsAtOnce() {
        ReceiptProcessor none = new ReceiptProcessor(store, Form.AUTO, 0, Duration.ofSeconds(30), CLOCK, counters);
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setHeader(MmsHeaders.SMSC_ID, "zz9");
        exchange.getMessage().setHeader(MmsHeaders.RECEIPT_STAT, "DELIVRD");

        none.process(exchange);

        assertEquals("skip", action(exchange));
        assertNull(exchange.getMessage().getHeader(ReceiptProcessor.SCHEDULED));
        assertNull(exchange.getMessage().getHeader(MmsHeaders.ATTEMPT));
        assertEquals(1, counters.get("mmsgw_receipts_unmatched_total"));
    }
}
