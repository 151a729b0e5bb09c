package org.mmsgw.processors.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mmsgw.processors.Counters;
import org.mmsgw.processors.MmsHeaders;
import org.mmsgw.processors.mail.SmsMailComposer;
import org.mmsgw.processors.store.FileSmsStore;

class MoSmsProcessorTest {
    private static final String PHONE = "+491701234567";
    private static final String STRANGER = "+491709999999";
    private static final String ALICE = "alice@example.com";
    private static final String FROM = "+491701234567@mms.example.net";

    @TempDir
    Path tmp;

    private final CamelContext context = new DefaultCamelContext();
    private final Counters counters = new Counters();
    private FileSmsStore sms;

    @BeforeEach
    void open() {
        sms = new FileSmsStore(tmp.resolve("sms"));
        sms.record(PHONE, ALICE);
    }

    @AfterEach
    void close() throws Exception {
        context.close();
        sms.close();
    }

    private MoSmsProcessor processor(Optional<String> defaultMailbox) {
        return new MoSmsProcessor(sms, sms, defaultMailbox, new SmsMailComposer("MMS.Example.NET"), counters);
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private Exchange exchange(String phone, int coding, boolean udhi, byte[] data) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setHeader(MmsHeaders.SMS_KIND, "text");
        exchange.getMessage().setHeader(MmsHeaders.SMS_SOURCE, phone);
        exchange.getMessage().setHeader(MmsHeaders.SMS_CODING, coding);
        exchange.getMessage().setHeader(MmsHeaders.SMS_UDHI, udhi);
        exchange.getMessage().setBody(data);
        return exchange;
    }

    private Exchange run(MoSmsProcessor processor, String phone, int coding, boolean udhi, byte[] data)
            throws Exception {
        Exchange exchange = exchange(phone, coding, udhi, data);
        processor.process(exchange);
        return exchange;
    }

    private Exchange run(int coding, boolean udhi, String data) throws Exception {
        return run(processor(Optional.empty()), PHONE, coding, udhi, hex(data));
    }

    private static String action(Exchange exchange) {
        return exchange.getMessage().getHeader(MmsHeaders.ACTION, String.class);
    }

    /** The mail as it goes on the wire, parsed again. */
    private static MimeMessage mail(Exchange exchange) throws Exception {
        assertEquals("mail", action(exchange));
        MimeMessage built = assertInstanceOf(MimeMessage.class, exchange.getMessage().getBody());
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        built.writeTo(wire);
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(wire.toByteArray()));
    }

    private static void assertMail(MimeMessage mail, String to, String text) throws Exception {
        assertEquals(List.of(new InternetAddress(FROM)), List.of(mail.getFrom()));
        assertEquals(List.of(new InternetAddress(FROM)), List.of(mail.getReplyTo()));
        assertEquals(List.of(new InternetAddress(to)), List.of(mail.getRecipients(RecipientType.TO)));
        assertNull(mail.getRecipients(RecipientType.CC));
        assertEquals("SMS from " + PHONE, mail.getSubject());
        ContentType type = new ContentType(mail.getContentType());
        assertEquals("text/plain", type.getBaseType());
        assertEquals("utf-8", type.getParameter("charset").toLowerCase());
        assertEquals(text, mail.getContent());
        String messageId = mail.getMessageID();
        assertTrue(messageId.matches("<sms\\.[A-Za-z0-9_-]{22}@mms\\.example\\.net>"), messageId);
    }

    private long storedSegmentSets() throws Exception {
        try (Stream<Path> dirs = Files.list(tmp.resolve("sms/parts"))) {
            return dirs.filter(Files::isDirectory).count();
        }
    }

    @Test
    void singleGsm7() throws Exception {
        // "Hi {you} €5" one septet an octet
        Exchange exchange = run(0, false, "48 69 20 1B28 79 6F 75 1B29 20 1B65 35");

        assertMail(mail(exchange), ALICE, "Hi {you} \u20AC5");
        assertEquals(1, counters.get("mmsgw_sms_forwarded_total"));
        assertNull(exchange.getProperty(MoSmsProcessor.PARTS_KEY));
    }

    @Test
    void singleLatin1() throws Exception {
        assertMail(mail(run(3, false, "47 72 FC DF 65 20 40 A4")), ALICE, "Gr\u00FC\u00DFe @\u00A4");
    }

    @Test
    void ucs2WithSurrogatePair() throws Exception {
        assertMail(mail(run(8, false, "00 48 00 69 00 20 D8 3D DE 00 04 1F")), ALICE, "Hi \uD83D\uDE00\u041F");
    }

    @Test
    void ucs2OddLengthDropsTheLastOctet() throws Exception {
        assertMail(mail(run(8, false, "00 48 00 69 00")), ALICE, "Hi");
    }

    @Test
    void headerWithoutConcatenationIsCutOff() throws Exception {
        // UDHL 3: national language single shift (IEI 0x24, length 1), then "Hi"
        assertMail(mail(run(0, true, "03 24 01 00 48 69")), ALICE, "Hi");
    }

    @Test
    void sameSmsRedeliveredIsTheSameMailAndAnotherSmsAnother() throws Exception {
        MoSmsProcessor processor = processor(Optional.empty());
        Exchange first = exchange(PHONE, 0, false, hex("48 69"));
        first.getMessage().setHeader("JMSMessageID", "ID:1");
        Exchange again = exchange(PHONE, 0, false, hex("48 69"));
        again.getMessage().setHeader("JMSMessageID", "ID:1");
        Exchange other = exchange(PHONE, 0, false, hex("48 69"));
        other.getMessage().setHeader("JMSMessageID", "ID:2");
        processor.process(first);
        processor.process(again);
        processor.process(other);

        assertEquals(mail(first).getMessageID(), mail(again).getMessageID());
        assertNotEquals(mail(first).getMessageID(), mail(other).getMessageID());
    }

    @Test
    void twoSegmentsInReverseOrderWithEightBitReference() throws Exception {
        MoSmsProcessor processor = processor(Optional.empty());
        // "Hello " and "world" in GSM 7-bit, reference 0x2A, 2 segments
        Exchange second = run(processor, PHONE, 0, true, hex("05 00 03 2A 02 02 77 6F 72 6C 64"));
        assertEquals("skip", action(second));
        assertEquals(0, counters.get("mmsgw_sms_forwarded_total"));
        assertEquals(0, counters.get("mmsgw_sms_dropped_total"));
        assertEquals(1, storedSegmentSets());

        Exchange first = run(processor, PHONE, 0, true, hex("05 00 03 2A 02 01 48 65 6C 6C 6F 20"));
        assertMail(mail(first), ALICE, "Hello world");
        assertEquals(1, counters.get("mmsgw_sms_forwarded_total"));

        processor.done(first);
        assertEquals(0, storedSegmentSets());
        // forgotten: the first segment again waits for a second one
        assertEquals("skip", action(run(processor, PHONE, 0, true, hex("05 00 03 2A 02 01 48 65 6C 6C 6F 20"))));
    }

    @Test
    void twoSegmentsInReverseOrderWithSixteenBitReference() throws Exception {
        MoSmsProcessor processor = processor(Optional.empty());
        // UCS-2 "Grüße " and "😀", reference 0x1234
        Exchange second = run(processor, PHONE, 8, true, hex("06 08 04 12 34 02 02 D8 3D DE 00"));
        assertEquals("skip", action(second));

        Exchange first = run(processor, PHONE, 8, true, hex("06 08 04 12 34 02 01 00 47 00 72 00 FC 00 DF 00 65 00 20"));
        assertMail(mail(first), ALICE, "Gr\u00FC\u00DFe \uD83D\uDE00");

        processor.done(first);
        assertEquals(0, storedSegmentSets());
    }

    @Test
    void doneWithoutConcatenationRemovesNothing() throws Exception {
        MoSmsProcessor processor = processor(Optional.empty());
        run(processor, PHONE, 0, true, hex("05 00 03 2A 02 02 77"));
        Exchange single = run(processor, PHONE, 0, false, hex("48 69"));

        processor.done(single);

        assertEquals(1, storedSegmentSets());
    }

    @Test
    void duplicateSegmentIsHarmless() throws Exception {
        MoSmsProcessor processor = processor(Optional.empty());
        assertEquals("skip", action(run(processor, PHONE, 0, true, hex("05 00 03 07 03 01 41"))));
        assertEquals("skip", action(run(processor, PHONE, 0, true, hex("05 00 03 07 03 01 41"))));
        assertEquals("skip", action(run(processor, PHONE, 0, true, hex("05 00 03 07 03 03 43"))));

        Exchange last = run(processor, PHONE, 0, true, hex("05 00 03 07 03 02 42"));

        assertMail(mail(last), ALICE, "ABC");
        assertEquals(0, counters.get("mmsgw_sms_dropped_total"));
    }

    @Test
    void segmentsOfDifferentMessagesDoNotMix() throws Exception {
        sms.record(STRANGER, "bob@example.com");
        MoSmsProcessor processor = processor(Optional.empty());
        // same reference number 0x12 and total, but 8-bit vs 16-bit reference, another phone, another total
        assertEquals("skip", action(run(processor, PHONE, 0, true, hex("05 00 03 12 02 01 41"))));
        assertEquals("skip", action(run(processor, PHONE, 0, true, hex("06 08 04 00 12 02 02 42"))));
        assertEquals("skip", action(run(processor, STRANGER, 0, true, hex("05 00 03 12 02 02 43"))));
        assertEquals("skip", action(run(processor, PHONE, 0, true, hex("05 00 03 12 03 02 44"))));
        assertEquals(4, storedSegmentSets());

        Exchange whole = run(processor, PHONE, 0, true, hex("05 00 03 12 02 02 45"));
        assertMail(mail(whole), ALICE, "AE");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {
        "0A 00 03 2A 02 01 41", // UDH length 10 > the 6 octets after it
        "05 00 03 2A 00 01 41", // total 0
        "05 00 03 2A 02 03 41", // sequence > total
        "05 00 03 2A 02 00 41", // sequence 0
        "04 00 02 2A 02 41", // concatenation element of length 2
        "05 00 04 2A 02 01", // element runs past the header
        "0B 00 03 2A 02 01 08 04 00 2A 02 01 41", // two concatenation elements
        "",
    })
    void malformedUserDataHeaderIsSkipped(String data) throws Exception {
        Exchange exchange = run(0, true, data);

        assertEquals("skip", action(exchange));
        assertEquals("", exchange.getMessage().getBody());
        assertEquals(1, counters.get("mmsgw_sms_dropped_total"));
        assertEquals(0, storedSegmentSets());
    }

    @ParameterizedTest(name = "data_coding {0}")
    @ValueSource(ints = {2, 4, 0xF4, 0xF7, 5})
    void binaryDataCodingIsSkipped(int coding) throws Exception {
        Exchange exchange = run(processor(Optional.empty()), PHONE, coding, false, hex("48 69"));

        assertEquals("skip", action(exchange));
        assertEquals("", exchange.getMessage().getBody());
        assertEquals(1, counters.get("mmsgw_sms_dropped_total"));
    }

    @Test
    void binarySegmentIsNotKept() throws Exception {
        Exchange exchange = run(4, true, "05 00 03 2A 02 01 48 69");

        assertEquals("skip", action(exchange));
        assertEquals(0, storedSegmentSets());
    }

    @Test
    void noCorrespondentIsSkipped() throws Exception {
        Exchange exchange = run(processor(Optional.empty()), STRANGER, 0, false, hex("48 69"));

        assertEquals("skip", action(exchange));
        assertEquals("", exchange.getMessage().getBody());
        assertEquals(1, counters.get("mmsgw_sms_dropped_total"));
        assertEquals(0, counters.get("mmsgw_sms_forwarded_total"));
    }

    @Test
    void noCorrespondentGoesToTheDefaultMailbox() throws Exception {
        Exchange exchange = run(processor(Optional.of("inbox@example.org")), STRANGER, 0, false, hex("48 69"));

        MimeMessage mail = mail(exchange);
        assertEquals(List.of(new InternetAddress("+491709999999@mms.example.net")), List.of(mail.getFrom()));
        assertEquals(List.of(new InternetAddress("inbox@example.org")), List.of(mail.getRecipients(RecipientType.TO)));
        assertEquals("Hi", mail.getContent());
    }

    @Test
    void correspondentWinsOverTheDefaultMailbox() throws Exception {
        Exchange exchange = run(processor(Optional.of("inbox@example.org")), PHONE, 0, false, hex("48 69"));

        assertMail(mail(exchange), ALICE, "Hi");
    }
}
