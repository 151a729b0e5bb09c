package org.mmsgw.codec.json;

/**
 * Malformed JSON text, or a JSON value that does not have the shape a caller expected.
 * Parse errors carry a 1-based line and column and a 0-based character offset; errors raised by
 * the typed accessors of {@link Json} have no position and report {@code -1} for all three.
 */
public class JsonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;
    private final int offset;

    /** A shape error without a position in the text. */
    public JsonException(String message) {
        this(message, -1, -1, -1);
    }

    /** A parse error; the position is appended to the message as "at line L, column C (offset O)". */
    public JsonException(String message, int line, int column, int offset) {
        super(line < 0 ? message
                : message + " at line " + line + ", column " + column + " (offset " + offset + ")");
        this.line = line;
        this.column = column;
        this.offset = offset;
    }

    /** 1-based line of a parse error, or -1. */
    public int line() {
        return line;
    }

    /** 1-based column (in UTF-16 chars) of a parse error, or -1. */
    public int column() {
        return column;
    }

    /** 0-based offset (in UTF-16 chars) of a parse error, or -1. */
    public int offset() {
        return offset;
    }
}
