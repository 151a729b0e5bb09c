package org.mmsgw.codec.sms;

import java.util.List;

import org.mmsgw.codec.MmsCodecException;

/**
 * A set of segments given as one concatenated message (3GPP TS 23.040 §9.2.3.24.1) lacks some
 * sequence numbers. Not a {@link org.mmsgw.codec.MalformedPduException}: no octet is wrong, the
 * error is in the set.
 */
public class IncompleteMessageException extends MmsCodecException {
    private static final long serialVersionUID = 1L;

    private final int reference;
    private final int total;
    private final List<Integer> missing;

    public IncompleteMessageException(int reference, int total, List<Integer> missing) {
        super("SMS concatenation reference " + reference + ": expected segments 1.." + total
                + ", missing sequence numbers " + missing);
        this.reference = reference;
        this.total = total;
        this.missing = List.copyOf(missing);
    }

    public int reference() {
        return reference;
    }

    public int total() {
        return total;
    }

    /** The absent sequence numbers, ascending. */
    public List<Integer> missing() {
        return missing;
    }
}
