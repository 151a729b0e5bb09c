package org.mmsgw.gateway.handoff;

import java.util.Map;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import org.apache.camel.InvalidPayloadException;
import org.mmsgw.processors.BodyChecksum;
import org.mmsgw.processors.MmsHeaders;

/**
 * A Camel message as a JMS message, as camel-jms would make it for the consumers on the other side:
 * no body as an empty message, a String as a TextMessage, anything else as the bytes of a
 * BytesMessage (with the checksum of its octets, {@link MmsHeaders#BODY_CRC}); headers of the primitive
 * types and String as properties, except names that are no JMS identifiers and JMS's and Camel's own.
 */
final class JmsMessages {
    private JmsMessages() {
    }

    static Message of(Session session, org.apache.camel.Message in) throws JMSException, InvalidPayloadException {
        Object body = in.getBody();
        Message m;
        byte[] octets = null;
        if (body == null) {
            m = session.createMessage();
        } else if (body instanceof String text) {
            m = session.createTextMessage(text);
        } else {
            BytesMessage bytes = session.createBytesMessage();
            octets = body instanceof byte[] b ? b : in.getMandatoryBody(byte[].class);
            bytes.writeBytes(octets);
            m = bytes;
        }
        for (Map.Entry<String, Object> h : in.getHeaders().entrySet()) {
            if (carried(h.getKey(), h.getValue())) {
                m.setObjectProperty(h.getKey(), h.getValue());
            }
        }
        if (octets != null) {
            // the consumer checks it got every octet (never one left over from an earlier hop)
            m.setLongProperty(MmsHeaders.BODY_CRC, BodyChecksum.of(octets));
        }
        return m;
    }

    /** Whether a header goes with the message: a primitive or String value, a JMS identifier not JMS's or Camel's. */
    static boolean carried(String name, Object v) {
        return v != null && primitive(v) && identifier(name) && !name.startsWith("JMS") && !name.startsWith("Camel");
    }

    private static boolean primitive(Object v) {
        return v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Integer
                || v instanceof Short || v instanceof Byte || v instanceof Double || v instanceof Float;
    }

    private static boolean identifier(String name) {
        if (name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            if (!Character.isJavaIdentifierPart(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
