package org.mmsgw.codec;

/**
 * Root of every error the codec reports. Unchecked: malformed input is the caller's problem to
 * answer (an m-send-conf status, an HTTP 400), not something to recover from in the middle of a parse.
 */
public class MmsCodecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MmsCodecException(String message) {
        super(message);
    }
}
