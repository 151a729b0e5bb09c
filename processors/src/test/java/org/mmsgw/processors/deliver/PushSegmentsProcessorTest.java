package org.mmsgw.processors.deliver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.mmsgw.codec.sms.Concatenation;
import org.mmsgw.codec.sms.UserData;
import org.mmsgw.processors.MmsHeaders;

class PushSegmentsProcessorTest {
    private static final String PHONE = "+491702222222";

    @Test
    void theSameHandOffTwiceGivesTheSameSegments() throws Exception {
        byte[] pdu = pdu((byte) 0x10);
        List<byte[]> first = segments("m-1", PHONE, pdu);
        List<byte[]> again = segments("m-1", PHONE, pdu.clone());
        assertEquals(2, first.size(), "segments of a 200-octet PDU");
        assertEquals(first.size(), again.size());
        for (int i = 0; i < first.size(); i++) {
            assertArrayEquals(first.get(i), again.get(i), "segment " + (i + 1));
        }
    }

    @Test
    void anotherNotificationForTheSameRecipientGetsAnotherReference() throws Exception {
        // the same message and recipient, the PDU different in one octet (a relative expiry a second shorter)
        int first = reference(segments("m-1", PHONE, pdu((byte) 0x10)));
        int later = reference(segments("m-1", PHONE, pdu((byte) 0x0F)));
        assertNotEquals(first, later, "concatenation reference of the next attempt");
    }

    @Test
    void theSamePduForAnotherRecipientGetsAnotherReference() throws Exception {
        byte[] pdu = pdu((byte) 0x10);
        assertNotEquals(reference(segments("m-1", PHONE, pdu)), reference(segments("m-1", "+491703333333", pdu)));
    }

    private static int reference(List<byte[]> segments) {
        Concatenation c = UserData.parse(segments.get(0)).header().concatenation().orElseThrow();
        for (byte[] segment : segments) {
            assertEquals(c.reference(), UserData.parse(segment).header().concatenation().orElseThrow().reference(),
                    "one reference in all segments of a push");
        }
        return c.reference();
    }

    /** 200 octets, the one at 20 as given. */
    private static byte[] pdu(byte at20) {
        byte[] pdu = new byte[200];
        Arrays.fill(pdu, (byte) 'x');
        pdu[20] = at20;
        return pdu;
    }

    @SuppressWarnings("unchecked")
    private static List<byte[]> segments(String messageId, String to, byte[] pdu) throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            Exchange exchange = new DefaultExchange(context);
            exchange.getMessage().setHeader(MmsHeaders.MESSAGE_ID, messageId);
            exchange.getMessage().setHeader(MmsHeaders.PUSH_TO, to);
            exchange.getMessage().setBody(pdu);
            new PushSegmentsProcessor().process(exchange);
            return exchange.getMessage().getBody(List.class);
        }
    }
}
