package org.mmsgw.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mmsgw.gateway.fixtures.TestSmsc;
import org.mmsgw.processors.MmsHeaders;

/**
 * One segment through camel-smpp as the push route sends it, to a real SMSC (Cloudhopper): the octets
 * arrive as they were built, with 8-bit data coding and UDHI; a segment longer than one SMS is refused,
 * not split by camel-smpp (which would put a UDH of its own in front of ours).
 */
class SmppSegmentHeadersTest {
    private static final String TO = "+491701111111";

    private TestSmsc smsc;
    private DefaultCamelContext camel;
    private ProducerTemplate template;

    @BeforeEach
    void start() throws Exception {
        smsc = TestSmsc.open();
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:segment").process(new SmppSegmentHeaders())
                        .to("smpp://gw@127.0.0.1:" + smsc.port() + "?password=secret&lazySessionCreation=true"
                                + "&splittingPolicy=REJECT&alphabet=4&dataCoding=4&transactionTimer=5000");
            }
        });
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        camel.stop();
        smsc.close();
    }

    @Test
    void aSegmentOfOneSmsArrivesAsItWasBuilt() throws Exception {
        byte[] segment = segment(140);
        template.sendBodyAndHeader("direct:segment", segment, MmsHeaders.PUSH_TO, TO);

        List<TestSmsc.Submit> submits = smsc.awaitSubmits(1, Duration.ofSeconds(10));
        assertEquals(1, submits.size());
        assertArrayEquals(segment, submits.get(0).shortMessage());
        assertEquals(0x40, submits.get(0).esmClass(), "esm_class UDHI");
        assertEquals(0x04, submits.get(0).dataCoding(), "data_coding 8-bit");
        assertEquals(TO.substring(1), submits.get(0).destination());
    }

    @Test
    void aSegmentLongerThanOneSmsIsRefusedNotSplit() throws Exception {
        assertThrows(CamelExecutionException.class,
                () -> template.sendBodyAndHeader("direct:segment", segment(141), MmsHeaders.PUSH_TO, TO));
        byte[] after = segment(12);
        template.sendBodyAndHeader("direct:segment", after, MmsHeaders.PUSH_TO, TO);

        List<TestSmsc.Submit> submits = smsc.awaitSubmits(1, Duration.ofSeconds(10));
        assertEquals(1, submits.size(), "only the segment that fits reached the SMSC");
        assertArrayEquals(after, submits.get(0).shortMessage());
    }

    /** A WDP port header (UDH 06 05 04 0B84 23F0) and octets of every value, {@code length} in all. */
    private static byte[] segment(int length) {
        byte[] octets = new byte[length];
        byte[] udh = {0x06, 0x05, 0x04, 0x0B, (byte) 0x84, 0x23, (byte) 0xF0};
        System.arraycopy(udh, 0, octets, 0, udh.length);
        for (int i = udh.length; i < length; i++) {
            octets[i] = (byte) (0x80 + i); // not valid UTF-8: a string of it would not count its octets
        }
        return octets;
    }
}
