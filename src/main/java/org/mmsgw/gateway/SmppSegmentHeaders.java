package org.mmsgw.gateway;

import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.smpp.Smpp8BitSplitter;
import org.apache.camel.component.smpp.SmppConstants;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.mmsgw.processors.MmsHeaders;

/**
 * Sets the submit_sm fields of one WAP Push segment (the body: UDH + payload, at most 140 octets):
 * 8-bit data coding, esm_class UDHI, a delivery receipt request, and the destination from
 * {@link MmsHeaders#PUSH_TO}. The data coding must be a header: camel-smpp only passes a byte[] body
 * through unchanged when the header says 8-bit.
 */
public final class SmppSegmentHeaders implements Processor {
    private static final ESMClass UDHI = new ESMClass(MessageMode.DEFAULT, MessageType.DEFAULT, GSMSpecificFeature.UDHI);
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{6,15}");

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        String to = in.getHeader(MmsHeaders.PUSH_TO, String.class);
        if (to == null || !PHONE.matcher(to).matches()) {
            throw new IllegalArgumentException("push destination is not a phone number: " + to);
        }
        byte[] segment = in.getBody(byte[].class);
        if (segment != null) {
            // camel-smpp's own splitter is made from the body as a string (decoded only to count it); one
            // made from the octets here leaves a segment of at most 140 octets as it is, as that one does
            in.setHeader(SmppConstants.DATA_SPLITTER, new Smpp8BitSplitter(segment.length));
        }
        in.setHeader(SmppConstants.DATA_CODING, (byte) 0x04);
        in.setHeader(SmppConstants.ALPHABET, Alphabet.ALPHA_8_BIT.value());
        in.setHeader(SmppConstants.ESM_CLASS, UDHI);
        in.setHeader(SmppConstants.REGISTERED_DELIVERY, SMSCDeliveryReceipt.SUCCESS_FAILURE.value());
        in.setHeader(SmppConstants.DEST_ADDR, to.startsWith("+") ? to.substring(1) : to);
        in.setHeader(SmppConstants.DEST_ADDR_TON, TypeOfNumber.INTERNATIONAL.value());
        in.setHeader(SmppConstants.DEST_ADDR_NPI, NumberingPlanIndicator.ISDN.value());
    }
}
