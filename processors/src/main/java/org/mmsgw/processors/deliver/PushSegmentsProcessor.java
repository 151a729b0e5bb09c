package org.mmsgw.processors.deliver;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32C;

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
 * and push transaction id are derived from the message, the recipient and the PDU itself: a redelivered
 * hand-off with the same PDU sends the same segments again, so the phone can drop the duplicates, and a
 * different PDU for the same recipient (a notification sent again a moment later: its relative expiry
 * is shorter) gets another reference, so a phone that kept the first segment of an attempt that failed
 * partway does not join it to the segments of the next one.
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
        CRC32C crc = new CRC32C();
        crc.update(key.getBytes(StandardCharsets.UTF_8));
        crc.update(pdu);
        int hash = (int) crc.getValue();
        byte[] push = new WapPushCodec().encode(WapPush.forMms((hash >>> 8) & 0xFF, pdu, null));
        List<byte[]> segments = SmsSegmenter.split(push, hash & 0xFF, false, PortAddress.WAP_PUSH_PORT,
                PortAddress.WAP_WSP_PORT);
        in.setBody(segments);
    }
}
