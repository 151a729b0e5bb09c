package org.mmsgw.codec;

/** Input that is well formed so far but goes past one of the {@link CodecLimits}. */
public class LimitExceededException extends MalformedPduException {
    private static final long serialVersionUID = 1L;

    public LimitExceededException(String field, long offset, String limitName, long limit, long found) {
        super(field, offset, "at most " + limit + " (" + limitName + ")", String.valueOf(found));
    }
}
