package org.mmsgw.gateway.handoff;

import java.util.Map;

import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.message.impl.CoreMessage;
import org.apache.activemq.artemis.reader.TextMessageUtil;
import org.apache.activemq.artemis.utils.UUIDGenerator;
import org.apache.camel.InvalidPayloadException;
import org.mmsgw.processors.BodyChecksum;
import org.mmsgw.processors.MmsHeaders;

/**
 * A Camel message as the broker's own message, made as the JMS client would make {@link JmsMessages}'s
 * (the consumers read it as that JMS message): persistent, the JMS default priority, no body as an
 * empty message, a String as a text message, anything else as the bytes of a bytes message with
 * their checksum; the same headers as properties.
 */
final class CoreMessages {
    private static final byte JMS_DEFAULT_PRIORITY = 4;

    private CoreMessages() {
    }

    /** The octets of a body sent as a bytes message; null for no body or text. */
    static byte[] octets(org.apache.camel.Message in) throws InvalidPayloadException {
        Object body = in.getBody();
        if (body == null || body instanceof String) {
            return null;
        }
        return body instanceof byte[] b ? b : in.getMandatoryBody(byte[].class);
    }

    /** @param octets what {@link #octets} gave for {@code in} */
    static CoreMessage of(long id, String queue, org.apache.camel.Message in, byte[] octets) {
        Object body = in.getBody();
        CoreMessage m = new CoreMessage(id, octets == null ? 512 : octets.length + 512);
        if (octets != null) {
            m.setType(Message.BYTES_TYPE);
            m.getBodyBuffer().writeBytes(octets);
        } else if (body instanceof String text) {
            m.setType(Message.TEXT_TYPE);
            TextMessageUtil.writeBodyText(m.getBodyBuffer(), SimpleString.of(text));
        } else {
            m.setType(Message.DEFAULT_TYPE);
        }
        m.setAddress(queue);
        m.setRoutingType(RoutingType.ANYCAST);
        m.setDurable(true);
        m.setPriority(JMS_DEFAULT_PRIORITY);
        m.setTimestamp(System.currentTimeMillis());
        m.setUserID(UUIDGenerator.getInstance().generateUUID());
        for (Map.Entry<String, Object> h : in.getHeaders().entrySet()) {
            if (JmsMessages.carried(h.getKey(), h.getValue())) {
                m.putObjectProperty(h.getKey(), h.getValue());
            }
        }
        if (octets != null) {
            m.putLongProperty(MmsHeaders.BODY_CRC, BodyChecksum.of(octets));
        }
        return m;
    }
}
