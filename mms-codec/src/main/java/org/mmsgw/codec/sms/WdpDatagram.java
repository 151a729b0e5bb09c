package org.mmsgw.codec.sms;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A WDP datagram received over SMS (WAP-259-WDP §6.5): who sent it, its ports and the reassembled
 * payload (for port 2948, a connectionless WSP Push PDU).
 *
 * @param sender  the key the segments were given with, such as the originating address
 * @param ports   the port addressing element all segments carried
 * @param payload the datagram
 */
public record WdpDatagram(String sender, PortAddress ports, byte[] payload) {

    public WdpDatagram {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(ports, "ports");
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WdpDatagram other && sender.equals(other.sender) && ports.equals(other.ports)
                && Arrays.equals(payload, other.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sender, ports) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "WdpDatagram[sender=" + sender + ", ports=" + ports + ", payload=" + HexFormat.of().formatHex(payload)
                + "]";
    }
}
