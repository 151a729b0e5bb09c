package org.mmsgw.codec;

/**
 * Input that does not follow the encoding: names the field being read, the byte offset where the
 * reader stood (from the start of the whole input), what was expected and what was found.
 */
public class MalformedPduException extends MmsCodecException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final long offset;
    private final String expected;
    private final String found;

    public MalformedPduException(String field, long offset, String expected, String found) {
        super(field + " at offset " + offset + ": expected " + expected + ", found " + found);
        this.field = field;
        this.offset = offset;
        this.expected = expected;
        this.found = found;
    }

    /** The field (header or primitive) being read when the error was found. */
    public String field() {
        return field;
    }

    /** Byte offset from the start of the input where the offending octet starts. */
    public long offset() {
        return offset;
    }

    public String expected() {
        return expected;
    }

    public String found() {
        return found;
    }

    /** The message without the field and offset prefix: "expected X, found Y". */
    public String what() {
        return "expected " + expected + ", found " + found;
    }
}
