package org.mmsgw.processors.mail;

/**
 * Bounds on a received mail (bad-inputs E-2): a mail past one of them is refused before it costs more.
 *
 * @param maxSize    octets of the whole mail as received
 * @param maxParts   MIME parts, multiparts included
 * @param maxDepth   nesting of multiparts and attached messages
 * @param maxHeaders header lines in all, the parts' included
 */
public record InboundLimits(int maxSize, int maxParts, int maxDepth, int maxHeaders) {
    public static final InboundLimits DEFAULTS = new InboundLimits(2 * 1024 * 1024, 100, 10, 1000);

    public InboundLimits {
        if (maxSize <= 0 || maxParts <= 0 || maxDepth <= 0 || maxHeaders <= 0) {
            throw new IllegalArgumentException("mail limits must be positive");
        }
    }
}
