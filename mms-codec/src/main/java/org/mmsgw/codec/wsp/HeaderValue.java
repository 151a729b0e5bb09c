package org.mmsgw.codec.wsp;

import java.util.List;
import java.util.Objects;

/** The decoded value of one header. Which form a header takes is decided by its field's table. */
public sealed interface HeaderValue {

    /** Text-string (also Token-text and Uri-value). */
    /**
     * Text-string. {@code latin1}: its octets were not UTF-8 and were read as ISO-8859-1, and are
     * written back so, octet for octet (a phone's Transaction-ID must come back as it sent it).
     */
    record Text(String text, boolean latin1) implements HeaderValue {
        public Text {
            Objects.requireNonNull(text, "text");
            if (latin1 && text.chars().anyMatch(c -> c > 0xFF)) {
                throw new IllegalArgumentException("ISO-8859-1 text has a character above U+00FF");
            }
        }

        public Text(String text) {
            this(text, false);
        }

        /** The octets a Text-string of this value holds. */
        public byte[] octets() {
            return text.getBytes(latin1 ? java.nio.charset.StandardCharsets.ISO_8859_1
                    : java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** Quoted-string (Content-ID): written with its leading 0x22. */
    record Quoted(String text) implements HeaderValue {
        public Quoted {
            Objects.requireNonNull(text, "text");
        }
    }

    /** Encoded-string-value: text with an optional charset. */
    record Encoded(EncodedString string) implements HeaderValue {
        public Encoded {
            Objects.requireNonNull(string, "string");
        }
    }

    /** A value from a closed table of short-integer tokens, held without the 0x80 bit. */
    record Token(int code) implements HeaderValue {
        public Token {
            if (code < 0 || code > 127) {
                throw new IllegalArgumentException("token out of range: " + code);
            }
        }
    }

    /** A number: Long-integer or Integer-value, as the field's table says. */
    record Int(long value) implements HeaderValue {
        public Int {
            if (value < 0) {
                throw new IllegalArgumentException("negative integer " + value);
            }
        }
    }

    /** Date-value: seconds since 1970-01-01T00:00:00Z. */
    record Date(long epochSeconds) implements HeaderValue {
        public Date {
            if (epochSeconds < 0) {
                throw new IllegalArgumentException("negative date " + epochSeconds);
            }
        }
    }

    /** Absolute date or relative delta-seconds (Expiry, Delivery-Time, Reply-Charging-Deadline). */
    record Time(boolean absolute, long value) implements HeaderValue {
        public Time {
            if (value < 0) {
                throw new IllegalArgumentException("negative time " + value);
            }
        }
    }

    /** From: an address, or the insert-address-token that asks the relay to fill it in. */
    record From(EncodedString address) implements HeaderValue {
        public static final From INSERT_ADDRESS = new From(null);

        public boolean isInsertAddress() {
            return address == null;
        }
    }

    /** X-Mms-MMS-Version: major 0..7, minor 0..14, or 15 when there is no minor version. */
    record Version(int major, int minor) implements HeaderValue {
        public Version {
            if (major < 0 || major > 7 || minor < 0 || minor > 15) {
                throw new IllegalArgumentException("version out of range: " + major + "." + minor);
            }
        }

        @Override
        public String toString() {
            return minor == 15 ? String.valueOf(major) : major + "." + minor;
        }
    }

    /** X-Mms-Previously-Sent-By: forward count and address. */
    record PreviouslySentBy(long count, EncodedString address) implements HeaderValue {
        public PreviouslySentBy {
            Objects.requireNonNull(address, "address");
        }
    }

    /** X-Mms-Previously-Sent-Date: forward count and date. */
    record PreviouslySentDate(long count, long epochSeconds) implements HeaderValue {
    }

    /** Content-Disposition: form-data, attachment, inline or a token, with parameters. */
    record Disposition(String type, List<Parameter> parameters) implements HeaderValue {
        public Disposition {
            Objects.requireNonNull(type, "type");
            parameters = List.copyOf(parameters);
        }
    }

    /** A value this codec does not model, kept as its raw octets (length prefix or NUL included). */
    record Raw(Bytes octets) implements HeaderValue {
        public Raw {
            Objects.requireNonNull(octets, "octets");
        }
    }
}
