package org.mmsgw.processors.deliver;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.mmsgw.codec.push.WapPush;
import org.mmsgw.codec.push.WapPushCodec;
import org.mmsgw.codec.sms.PortAddress;
import org.mmsgw.codec.sms.SmsSegmenter;
import org.mmsgw.processors.MmsHeaders;

/**
 * Wraps the MMS PDU in the body in a WAP Push for the MMS user agent and splits it into SMS user-data
 * segments (UDH with ports 2948/9200, 8-bit concatenation when needed): the body becomes a
 * {@code List<byte[]>}, each at most 140 octets, to be sent unsplit. The concatenation reference
 * and push transaction id are derived from the message and recipient, so a redelivered hand-off sends
 * the same segments again and the phone can drop the duplicates.
 */
public final class PushSegmentsProcessor implements Processor {

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        byte[] pdu = in.getMandatoryBody(byte[].class);
        // reports about several recipients of one message go to the same sender: they must differ
        String key = in.getHeader(MmsHeaders.MESSAGE_ID, "", String.class) + "|"
                + in.getHeader(MmsHeaders.PUSH_TO, "", String.class) + "|"
                + in.getHeader(MmsHeaders.REPORT_TYPE, "", String.class) + "|"
                + in.getHeader(MmsHeaders.RECIPIENT, "", String.class) + "|"
                + in.getHeader(MmsHeaders.REPORT_STATUS, "", String.class);
        int hash = java.util.Arrays.hashCode(key.getBytes(StandardCharsets.UTF_8));
        byte[] push = new WapPushCodec().encode(WapPush.forMms((hash >>> 8) & 0xFF, pdu, null));
        List<byte[]> segments = SmsSegmenter.split(push, hash & 0xFF, false, PortAddress.WAP_PUSH_PORT,
                PortAddress.WAP_WSP_PORT);
        in.setBody(segments);
    }
}
