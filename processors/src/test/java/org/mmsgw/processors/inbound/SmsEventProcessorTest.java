package org.mmsgw.processors.inbound;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mmsgw.processors.Counters;
import org.mmsgw.processors.MmsHeaders;

class SmsEventProcessorTest {
    private static final String DLR_TEXT = "id:0123456789 sub:001 dlvrd:001 submit date:2401011200 done date:2401011201"
            + " stat:DELIVRD err:000 text:Hello";

    private final CamelContext context = new DefaultCamelContext();
    private final Counters counters = new Counters();
    private final SmsEventProcessor processor = new SmsEventProcessor(counters);

    @AfterEach
    void close() throws Exception {
        context.close();
    }

    private static ReceivedSms receipt(String text, Optional<String> tlvId, Optional<Integer> state) {
        return new ReceivedSms("491701234567", 1, "4912345", 0x04, 0, text.getBytes(StandardCharsets.ISO_8859_1),
                tlvId, state);
    }

    private static ReceivedSms mo(String source, int ton, int esmClass, int coding, byte[] data) {
        return new ReceivedSms(source, ton, "4912345", esmClass, coding, data, Optional.empty(), Optional.empty());
    }

    /** What a consumer (camel-smpp) and a sender of forged gateway headers may have put on the message. */
    private Exchange run(ReceivedSms sms) throws Exception {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setHeader("CamelSmppSourceAddr", "491709999999");
        exchange.getMessage().setHeader("CamelSmppId", "forged");
        exchange.getMessage().setHeader(MmsHeaders.ACTION, "mail");
        exchange.getMessage().setHeader(MmsHeaders.SMSC_ID, "forged");
        exchange.getMessage().setHeader(MmsHeaders.SMS_SOURCE, "+491709999999");
        exchange.getMessage().setHeader(MmsHeaders.ATTEMPT, 99);
        exchange.getMessage().setBody(sms);
        processor.process(exchange);
        return exchange;
    }

    private static Map<String, Object> headers(Exchange exchange) {
        return new TreeMap<>(exchange.getMessage().getHeaders());
    }

    private static Map<String, Object> receiptHeaders(String id, boolean fromTlv, String stat) {
        return new TreeMap<>(Map.of(MmsHeaders.SMS_KIND, "receipt", MmsHeaders.SMSC_ID, id,
                MmsHeaders.SMSC_ID_FROM_TLV, fromTlv, MmsHeaders.RECEIPT_STAT, stat, MmsHeaders.ACTION, "queue"));
    }

    private static Map<String, Object> skipped() {
        return new TreeMap<>(Map.of(MmsHeaders.ACTION, "skip"));
    }

    @Test
    void receiptIdFromTextAndStatFromText() throws Exception {
        Exchange exchange = run(receipt(DLR_TEXT, Optional.empty(), Optional.empty()));

        assertEquals(receiptHeaders("0123456789", false, "DELIVRD"), headers(exchange));
        assertEquals("", exchange.getMessage().getBody());
        assertEquals(1, counters.get("mmsgw_receipts_total"));
        assertEquals(0, counters.get("mmsgw_receipts_unmatched_total"));
        assertEquals(0, counters.get("mmsgw_sms_received_total"));
    }

    @Test
    void receiptIdFromTlvIsPreferredOverText() throws Exception {
        Exchange exchange = run(receipt(DLR_TEXT, Optional.of("1A2B3C"), Optional.empty()));

        assertEquals(receiptHeaders("1A2B3C", true, "DELIVRD"), headers(exchange));
    }

    @ParameterizedTest(name = "TLV ''{0}''")
    @ValueSource(strings = {"", " ", "\t"})
    void blankTlvIdFallsBackToText(String tlv) throws Exception {
        Exchange exchange = run(receipt(DLR_TEXT, Optional.of(tlv), Optional.empty()));

        assertEquals(receiptHeaders("0123456789", false, "DELIVRD"), headers(exchange));
    }

    /** SMPP 3.4 §5.2.28; the TLV wins over the text's stat:DELIVRD. */
    @ParameterizedTest(name = "message_state {0} -> {1}")
    @CsvSource({
        "1, ENROUTE",
        "2, DELIVRD",
        "3, EXPIRED",
        "4, DELETED",
        "5, UNDELIV",
        "6, ACCEPTD",
        "7, UNKNOWN",
        "8, REJECTD",
    })
    void statFromMessageStateTlv(int state, String stat) throws Exception {
        Exchange exchange = run(receipt(DLR_TEXT, Optional.of("77"), Optional.of(state)));

        assertEquals(receiptHeaders("77", true, stat), headers(exchange));
    }

    @ParameterizedTest(name = "message_state {0}")
    @ValueSource(ints = {0, 9, 255, -1})
    void messageStateOutsideTheTableFallsBackToText(int state) throws Exception {
        Exchange exchange = run(receipt("id:5 stat:undeliv", Optional.empty(), Optional.of(state)));

        assertEquals(receiptHeaders("5", false, "UNDELIV"), headers(exchange));
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(value = {
        "id:abc-1 stat:DELIVRD                     | abc-1 | DELIVRD",
        "ID:00FF STAT:rejectd                      | 00FF  | REJECTD",
        "Id:  42 submit date:2401011200 stat: Expired | 42 | EXPIRED",
        "subid:12 id:34 stat:DELIVRD               | 34    | DELIVRD",
        "stat:DELETED id:9                         | 9     | DELETED",
        "id:9 stat:FOOBAR err:000                  | 9     | FOOBAR",
        "id:9\\nstat:DELIVRD                       | 9     | DELIVRD",
    }, delimiter = '|')
    void textOnlyReceipts(String text, String id, String stat) throws Exception {
        Exchange exchange = run(receipt(text.replace("\\n", "\n"), Optional.empty(), Optional.empty()));

        assertEquals(receiptHeaders(id, false, stat), headers(exchange));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {
        "sub:001 dlvrd:001 stat:DELIVRD err:000",
        "xid:5 stat:DELIVRD",
        "id:\u00e9 stat:DELIVRD",
        "id:",
        "",
    })
    void receiptWithoutIdIsSkipped(String text) throws Exception {
        Exchange exchange = run(receipt(text, Optional.empty(), Optional.empty()));

        assertEquals(skipped(), headers(exchange));
        assertEquals("", exchange.getMessage().getBody());
        assertEquals(1, counters.get("mmsgw_receipts_total"));
        assertEquals(1, counters.get("mmsgw_receipts_unmatched_total"));
    }

    @Test
    void receiptWithoutStatIsSkipped() throws Exception {
        Exchange textOnly = run(receipt("id:5 sub:001 dlvrd:001 err:000", Optional.empty(), Optional.empty()));
        Exchange tlvId = run(receipt("", Optional.of("5"), Optional.empty()));
        Exchange zeroState = run(receipt("id:5 stat:", Optional.of("5"), Optional.of(0)));

        assertEquals(skipped(), headers(textOnly));
        assertEquals(skipped(), headers(tlvId));
        assertEquals(skipped(), headers(zeroState));
        assertEquals(3, counters.get("mmsgw_receipts_total"));
        assertEquals(3, counters.get("mmsgw_receipts_unmatched_total"));
    }

    @Test
    void receiptTextOverFiveHundredTwelveBytesIsReadInItsFirstFiveHundredTwelve() throws Exception {
        String longText = DLR_TEXT + "x".repeat(600);
        Exchange exchange = run(receipt(longText, Optional.empty(), Optional.empty()));
        assertEquals(receiptHeaders("0123456789", false, "DELIVRD"), headers(exchange));

        // " stat:DELIVRD" ends at octet 512: still read
        String prefix = "id:5 ";
        String stat = " stat:DELIVRD";
        String inside = prefix + "y".repeat(512 - prefix.length() - stat.length()) + stat;
        assertEquals(512, inside.length());
        assertEquals(receiptHeaders("5", false, "DELIVRD"), headers(run(receipt(inside + "zzz", Optional.empty(),
                Optional.empty()))));

        // it starts at octet 512: not read, so no status
        String outside = prefix + "y".repeat(512 - prefix.length()) + stat;
        assertEquals(skipped(), headers(run(receipt(outside, Optional.empty(), Optional.empty()))));
        assertEquals(1, counters.get("mmsgw_receipts_unmatched_total"));
    }

    @Test
    void receiptIdFromTlvNeedsNoText() throws Exception {
        Exchange exchange = run(receipt("", Optional.of("abc"), Optional.of(2)));

        assertEquals(receiptHeaders("abc", true, "DELIVRD"), headers(exchange));
    }

    @ParameterizedTest(name = "esm_class 0x{0}")
    @ValueSource(strings = {"04", "44", "07", "84"})
    void esmClassMessageTypeFourIsReceipt(String esm) throws Exception {
        ReceivedSms sms = new ReceivedSms("491701234567", 1, "4912345", Integer.parseInt(esm, 16), 0,
                "id:5 stat:DELIVRD".getBytes(StandardCharsets.ISO_8859_1), Optional.empty(), Optional.empty());

        assertEquals(receiptHeaders("5", false, "DELIVRD"), headers(run(sms)));
    }

    private static Map<String, Object> textHeaders(String source, int coding, boolean udhi) {
        return new TreeMap<>(Map.of(MmsHeaders.SMS_KIND, "text", MmsHeaders.SMS_SOURCE, source,
                MmsHeaders.SMS_CODING, coding, MmsHeaders.SMS_UDHI, udhi, MmsHeaders.ACTION, "queue"));
    }

    @Test
    void moFromTonOneWithoutPlusGetsPlus() throws Exception {
        byte[] data = {0x05, 0x00, 0x03, 0x2A, 0x02, 0x01, 0x00, 0x48};
        Exchange exchange = run(mo("491701234567", 1, 0x40, 8, data));

        assertEquals(textHeaders("+491701234567", 8, true), headers(exchange));
        assertArrayEquals(data, exchange.getMessage().getBody(byte[].class));
        assertEquals(1, counters.get("mmsgw_sms_received_total"));
        assertEquals(0, counters.get("mmsgw_receipts_total"));
    }

    @ParameterizedTest(name = "''{0}'' TON {1}")
    @CsvSource({
        "+491701234567, 1, +491701234567",
        "+491701234567, 0, +491701234567",
        "123456,        1, +123456",
        "123456789012345, 1, +123456789012345",
    })
    void moFromInternationalNumber(String source, int ton, String phone) throws Exception {
        Exchange exchange = run(mo(source, ton, 0x00, 0, new byte[] {0x48, 0x69}));

        assertEquals(textHeaders(phone, 0, false), headers(exchange));
        assertArrayEquals(new byte[] {0x48, 0x69}, exchange.getMessage().getBody(byte[].class));
    }

    @ParameterizedTest(name = "''{0}'' TON {1}")
    @CsvSource({
        "491701234567,  0", // unknown TON without +: could be national
        "01701234567,   2", // national
        "1701234567,    2",
        "4912345,       3", // network specific
        "Bank,          5", // alphanumeric
        "12345,         1", // too short
        "1234567890123456, 1", // too long
        "'',            1",
        "+4917012x4567, 1",
    })
    void moFromNonInternationalNumberIsSkipped(String source, int ton) throws Exception {
        Exchange exchange = run(mo(source, ton, 0x00, 0, new byte[] {0x48}));

        assertEquals(skipped(), headers(exchange));
        assertEquals("", exchange.getMessage().getBody());
        assertEquals(1, counters.get("mmsgw_sms_received_total"));
    }

    @ParameterizedTest(name = "esm_class 0x{0}")
    @ValueSource(strings = {"00", "03", "40", "43"})
    void moEsmClassGivesUdhi(String esm) throws Exception {
        int esmClass = Integer.parseInt(esm, 16);
        Exchange exchange = run(mo("491701234567", 1, esmClass, 3, new byte[] {0x41}));

        assertEquals(textHeaders("+491701234567", 3, (esmClass & 0x40) != 0), headers(exchange));
    }

    /**
     * An empty id ("id:" and then the next field) names no message: the receipt must be skipped. The id
     * pattern's {@code \s*} after "id:" runs on into the next field, so "sub" is queued as the SMSC id
     * and the receipt waits its retries for a segment that cannot exist.
     */
    @Test
    void emptyIdInTextIsNotTheNextFieldsName() throws Exception {
        Exchange exchange = run(receipt("id: sub:001 dlvrd:001 submit date:2401011200 done date:2401011201"
                + " stat:DELIVRD err:000 text:", Optional.empty(), Optional.empty()));

        assertEquals(skipped(), headers(exchange));
        assertEquals(1, counters.get("mmsgw_receipts_unmatched_total"));
    }

    @Test
    void bodyMustBeReceivedSms() {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody("id:5 stat:DELIVRD");

        assertThrows(InvalidPayloadException.class, () -> processor.process(exchange));
    }
}
