package org.mmsgw.codec;

/**
 * Every bound the decoders enforce, in one place. The defaults are safe for an MMS relay: large
 * enough for any real phone's message, small enough that hostile input cannot exhaust memory.
 *
 * @param maxPduSize      largest PDU (or WAP Push, or reassembled SMS payload) accepted, in octets
 * @param maxParts        most body parts in one PDU, counted over all nesting levels
 * @param maxDepth        deepest multipart nesting (the message body is depth 1)
 * @param maxHeaders      most headers in one header block (PDU headers, one part's headers)
 * @param maxStringLength longest text or encoded string, in octets
 * @param maxSegments     most SMS segments in one concatenated message
 */
public record CodecLimits(int maxPduSize, int maxParts, int maxDepth, int maxHeaders, int maxStringLength,
        int maxSegments) {

    /** The deepest nesting any configuration may allow (Android's parser stops at 30). */
    public static final int MAX_DEPTH = 100;

    /** Safe defaults: 16 MiB PDU, 1,000 parts, depth 8, 1,000 headers, 32 KiB strings, 255 segments. */
    public static final CodecLimits DEFAULTS = new CodecLimits(16 * 1024 * 1024, 1000, 8, 1000, 32 * 1024, 255);

    public CodecLimits {
        requirePositive("maxPduSize", maxPduSize);
        requirePositive("maxParts", maxParts);
        requirePositive("maxDepth", maxDepth);
        if (maxDepth > MAX_DEPTH) {
            // the multipart reader recurses once per level
            throw new IllegalArgumentException("maxDepth must be at most " + MAX_DEPTH + ", was " + maxDepth);
        }
        requirePositive("maxHeaders", maxHeaders);
        requirePositive("maxStringLength", maxStringLength);
        if (maxSegments < 1 || maxSegments > 255) {
            throw new IllegalArgumentException("maxSegments must be 1..255, was " + maxSegments);
        }
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, was " + value);
        }
    }

    public CodecLimits withMaxPduSize(int value) {
        return new CodecLimits(value, maxParts, maxDepth, maxHeaders, maxStringLength, maxSegments);
    }

    public CodecLimits withMaxParts(int value) {
        return new CodecLimits(maxPduSize, value, maxDepth, maxHeaders, maxStringLength, maxSegments);
    }

    public CodecLimits withMaxDepth(int value) {
        return new CodecLimits(maxPduSize, maxParts, value, maxHeaders, maxStringLength, maxSegments);
    }

    public CodecLimits withMaxHeaders(int value) {
        return new CodecLimits(maxPduSize, maxParts, maxDepth, value, maxStringLength, maxSegments);
    }

    public CodecLimits withMaxStringLength(int value) {
        return new CodecLimits(maxPduSize, maxParts, maxDepth, maxHeaders, value, maxSegments);
    }

    public CodecLimits withMaxSegments(int value) {
        return new CodecLimits(maxPduSize, maxParts, maxDepth, maxHeaders, maxStringLength, value);
    }
}
