package org.mmsgw.codec.mms;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Closed tables of MMS header tokens (OMA-MMS-ENC-V1_3 §7.3), by code without the 0x80 bit. The names
 * are the spec's. A code missing from a table is kept as a number; see {@link #name(int)}.
 */
public enum TokenTable {
    YES_NO("Yes", "No"),
    PRIORITY("Low", "Normal", "High"),
    SENDER_VISIBILITY("Hide", "Show"),
    STATUS("Expired", "Retrieved", "Rejected", "Deferred", "Unrecognised", "Indeterminate", "Forwarded",
            "Unreachable"),
    READ_STATUS("Read", "Deleted without being read"),
    REPLY_CHARGING("Requested", "Requested text only", "Accepted", "Accepted text only"),
    MESSAGE_CLASS("Personal", "Advertisement", "Informational", "Auto"),
    MM_STATE("Draft", "Sent", "New", "Retrieved", "Forwarded"),
    CONTENT_CLASS("text", "image-basic", "image-rich", "video-basic", "video-rich", "megapixel", "content-basic",
            "content-rich"),
    CANCEL_STATUS("Cancel Request Successfully received", "Cancel Request corrupted"),
    RETRIEVAL_MODE("Manual"),
    MESSAGE_TYPE(MessageType.names()),
    RESPONSE_STATUS(Map.ofEntries(
            Map.entry(0x00, "Ok"),
            Map.entry(0x01, "Error-unspecified"),
            Map.entry(0x02, "Error-service-denied"),
            Map.entry(0x03, "Error-message-format-corrupt"),
            Map.entry(0x04, "Error-sending-address-unresolved"),
            Map.entry(0x05, "Error-message-not-found"),
            Map.entry(0x06, "Error-network-problem"),
            Map.entry(0x07, "Error-content-not-accepted"),
            Map.entry(0x08, "Error-unsupported-message"),
            Map.entry(0x40, "Error-transient-failure"),
            Map.entry(0x41, "Error-transient-sending-address-unresolved"),
            Map.entry(0x42, "Error-transient-message-not-found"),
            Map.entry(0x43, "Error-transient-network-problem"),
            Map.entry(0x44, "Error-transient-partial-success"),
            Map.entry(0x60, "Error-permanent-failure"),
            Map.entry(0x61, "Error-permanent-service-denied"),
            Map.entry(0x62, "Error-permanent-message-format-corrupt"),
            Map.entry(0x63, "Error-permanent-sending-address-unresolved"),
            Map.entry(0x64, "Error-permanent-message-not-found"),
            Map.entry(0x65, "Error-permanent-content-not-accepted"),
            Map.entry(0x66, "Error-permanent-reply-charging-limitations-not-met"),
            Map.entry(0x67, "Error-permanent-reply-charging-request-not-accepted"),
            Map.entry(0x68, "Error-permanent-reply-charging-forwarding-denied"),
            Map.entry(0x69, "Error-permanent-reply-charging-not-supported"),
            Map.entry(0x6A, "Error-permanent-address-hiding-not-supported"),
            Map.entry(0x6B, "Error-permanent-lack-of-prepaid"))),
    RETRIEVE_STATUS(Map.of(
            0x00, "Ok",
            0x40, "Error-transient-failure",
            0x41, "Error-transient-message-not-found",
            0x42, "Error-transient-network-problem",
            0x60, "Error-permanent-failure",
            0x61, "Error-permanent-service-denied",
            0x62, "Error-permanent-message-not-found",
            0x63, "Error-permanent-content-unsupported"));

    private final Map<Integer, String> names = new TreeMap<>();

    TokenTable(String... names) {
        for (int i = 0; i < names.length; i++) {
            this.names.put(i, names[i]);
        }
    }

    TokenTable(Map<Integer, String> names) {
        this.names.putAll(names);
        if (this.names.values().stream().distinct().count() != this.names.size()) {
            throw new ExceptionInInitializerError("a name listed twice in " + this);
        }
    }

    /** The spec name, or {@code 0xNN} (the wire octet) for a code the table lacks. */
    public String name(int code) {
        String name = names.get(code);
        return name != null ? name : String.format("0x%02X", code | 0x80);
    }

    public boolean contains(int code) {
        return names.containsKey(code);
    }

    /** The code of a spec name (any case), or of a {@code 0xNN} wire octet. */
    public Optional<Integer> code(String name) {
        for (Map.Entry<Integer, String> e : names.entrySet()) {
            if (e.getValue().equalsIgnoreCase(name)) {
                return Optional.of(e.getKey());
            }
        }
        if (name.matches("0[xX][89a-fA-F][0-9a-fA-F]")) {
            return Optional.of(Integer.parseInt(name.substring(2), 16) & 0x7F);
        }
        return Optional.empty();
    }
}
