package org.mmsgw.processors.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The {@code state.properties} form of a {@link StoredMessage}: {@link java.util.Properties} syntax,
 * keys in a fixed order, pure ASCII (anything else as {@code \}{@code uXXXX}). The keys are listed in
 * {@link FileMessageStore}.
 */
final class StoredMessageProperties {

    static final String FORMAT_VERSION = "1";

    private StoredMessageProperties() {
    }

    static byte[] encode(StoredMessage message) {
        // a message to one recipient takes about 350 characters, each further recipient about 100
        StringBuilder out = new StringBuilder(400 + 100 * message.recipients().size());
        out.append("# MMS gateway message state\n");
        put(out, "format", FORMAT_VERSION);
        put(out, "messageId", message.messageId());
        put(out, "sender", message.sender());
        put(out, "submitted", message.submitted().toString());
        put(out, "expiry", message.expiry().toString());
        put(out, "deliveryReport", Boolean.toString(message.deliveryReport()));
        put(out, "readReport", Boolean.toString(message.readReport()));
        put(out, "hideSender", Boolean.toString(message.hideSender()));
        put(out, "size", Long.toString(message.size()));
        put(out, "recipients", Integer.toString(message.recipients().size()));
        for (int i = 0; i < message.recipients().size(); i++) {
            Recipient recipient = message.recipients().get(i);
            putRecipient(out, i, "address", recipient.address());
            putRecipient(out, i, "token", recipient.token());
            putRecipient(out, i, "state", recipient.state().name());
        }
        return ascii(out);
    }

    /** The characters, all ASCII by then, as octets without a string in between. */
    private static byte[] ascii(StringBuilder out) {
        byte[] octets = new byte[out.length()];
        for (int i = 0; i < octets.length; i++) {
            octets[i] = (byte) out.charAt(i);
        }
        return octets;
    }

    /**
     * @param source names the file in error messages
     * @throws IOException when a key is missing or a value does not parse
     */
    static StoredMessage decode(byte[] data, String source) throws IOException {
        Properties properties = new Properties();
        properties.load(new ByteArrayInputStream(data));
        Reader in = new Reader(properties, source);
        String format = in.string("format");
        if (!FORMAT_VERSION.equals(format)) {
            throw in.invalid("format", "version " + FORMAT_VERSION, format);
        }
        String messageId = in.string("messageId");
        String sender = in.string("sender");
        Instant submitted = in.instant("submitted");
        Instant expiry = in.instant("expiry");
        boolean deliveryReport = in.bool("deliveryReport");
        boolean readReport = in.bool("readReport");
        boolean hideSender = in.bool("hideSender");
        long size = in.number("size");
        long count = in.number("recipients");
        List<Recipient> recipients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String prefix = "recipient." + i + ".";
            recipients.add(new Recipient(in.string(prefix + "address"), in.string(prefix + "token"),
                    in.state(prefix + "state")));
        }
        return new StoredMessage(messageId, sender, submitted, expiry, deliveryReport, readReport, hideSender, size,
                recipients);
    }

    private static void put(StringBuilder out, String key, String value) {
        escape(out, key, true);
        out.append('=');
        escape(out, value, false);
        out.append('\n');
    }

    /** {@code recipient.<i>.<field>=value}: the key needs no escapes. */
    private static void putRecipient(StringBuilder out, int i, String field, String value) {
        out.append("recipient.").append(i).append('.').append(field).append('=');
        escape(out, value, false);
        out.append('\n');
    }

    /** Escapes as {@link Properties#load} expects, keeping values readable; non-printable-ASCII as unicode escapes. */
    private static void escape(StringBuilder out, String text, boolean key) {
        if (plain(text, key)) {
            out.append(text);
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\f' -> out.append("\\f");
                case '=', ':', '#', '!' -> {
                    // Only a key can end early or start a comment; in a value these are plain text.
                    if (key) {
                        out.append('\\');
                    }
                    out.append(c);
                }
                case ' ' -> out.append(key || i == 0 ? "\\ " : " ");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    /** True when {@link #escape} would copy {@code text} as it is (the common case: ids, numbers, addresses). */
    private static boolean plain(String text, boolean key) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean special = c < 0x20 || c > 0x7e || c == '\\' || (c == ' ' && (key || i == 0))
                    || (key && (c == '=' || c == ':' || c == '#' || c == '!'));
            if (special) {
                return false;
            }
        }
        return true;
    }

    /** Typed access that names the file, the key, what was expected and what was found. */
    private record Reader(Properties properties, String source) {

        String string(String key) throws IOException {
            String value = properties.getProperty(key);
            if (value == null) {
                throw new IOException(source + ": missing key " + key);
            }
            return value;
        }

        Instant instant(String key) throws IOException {
            String value = string(key);
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw invalid(key, "an ISO-8601 instant", value);
            }
        }

        boolean bool(String key) throws IOException {
            String value = string(key);
            if (value.equals("true") || value.equals("false")) {
                return Boolean.parseBoolean(value);
            }
            throw invalid(key, "true or false", value);
        }

        long number(String key) throws IOException {
            String value = string(key);
            long number;
            try {
                number = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw invalid(key, "a non-negative integer", value);
            }
            if (number < 0) {
                throw invalid(key, "a non-negative integer", value);
            }
            return number;
        }

        RecipientState state(String key) throws IOException {
            String value = string(key);
            try {
                return RecipientState.valueOf(value);
            } catch (IllegalArgumentException e) {
                throw invalid(key, "a RecipientState name", value);
            }
        }

        IOException invalid(String key, String expected, String found) {
            return new IOException(source + ": " + key + " must be " + expected + ", found '" + found + "'");
        }
    }
}
