package org.mmsgw.processors.mail;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import jakarta.mail.internet.MimeUtility;

/**
 * Text from a phone made safe for a mail header (RFC 5322 §2.2, RFC 2047), for bad-inputs E-7: no
 * character of it can end the header line or start a new one.
 */
final class HeaderText {
    /** Longest subject kept, in code points; MMS subjects are short, and the rest is noise or an attack. */
    static final int MAX_SUBJECT = 200;

    /** "Subject: " is 9 columns; an encoded-word line stays within 76 (RFC 2047 §2). */
    private static final int MAX_WORD = 76 - 9 - 1;
    private static final String ASCII_PROBE = "Az09 =?";

    private HeaderText() {
    }

    /**
     * The Subject field body: every control character (C0, DEL, C1, line and paragraph separator)
     * becomes a space, the text is cut to {@value #MAX_SUBJECT} code points, and then written as is when
     * it is printable ASCII, else as base64 encoded-words in {@code charset} (in UTF-8 when that charset
     * is not ASCII-compatible, like UTF-16, or cannot hold the text). Text that merely looks like an
     * encoded-word is encoded too, so the receiver shows what the phone sent. Empty for empty text.
     */
    static String subject(String text, Charset charset) {
        String clean = truncate(withoutControls(text), MAX_SUBJECT);
        if (clean.isEmpty()) {
            return "";
        }
        if (clean.chars().allMatch(c -> c >= 0x20 && c < 0x7F) && !clean.contains("=?")) {
            return MimeUtility.fold(9, clean);
        }
        Charset cs = asciiCompatible(charset) && charset.newEncoder().canEncode(clean) ? charset
                : StandardCharsets.UTF_8;
        return String.join("\r\n ", encodedWords(clean, cs));
    }

    /** Text from a mail header for an MMS header: control characters as spaces, trimmed, cut to {@value #MAX_SUBJECT}. */
    static String plain(String text) {
        return truncate(withoutControls(text), MAX_SUBJECT).trim();
    }

    private static String withoutControls(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            sb.append(isControl(c) ? ' ' : c);
        }
        return sb.toString();
    }

    static boolean isControl(int c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029';
    }

    private static String truncate(String text, int codePoints) {
        if (text.codePointCount(0, text.length()) <= codePoints) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, codePoints));
    }

    private static boolean asciiCompatible(Charset cs) {
        return cs.canEncode() && Arrays.equals(ASCII_PROBE.getBytes(cs), ASCII_PROBE.getBytes(StandardCharsets.US_ASCII));
    }

    /** "B" encoded-words split at code points, each decodable on its own and at most {@link #MAX_WORD} long. */
    private static List<String> encodedWords(String text, Charset cs) {
        String prefix = "=?" + cs.name() + "?B?";
        int maxOctets = (MAX_WORD - prefix.length() - 2) / 4 * 3;
        if (maxOctets < 12) {
            return encodedWords(text, StandardCharsets.UTF_8);
        }
        List<String> words = new ArrayList<>();
        int start = 0;
        int end = 0;
        while (end < text.length()) {
            int next = text.offsetByCodePoints(end, 1);
            if (end > start && text.substring(start, next).getBytes(cs).length > maxOctets) {
                words.add(word(prefix, text.substring(start, end), cs));
                start = end;
            }
            end = next;
        }
        words.add(word(prefix, text.substring(start), cs));
        return words;
    }

    private static String word(String prefix, String chunk, Charset cs) {
        return prefix + Base64.getEncoder().encodeToString(chunk.getBytes(cs)) + "?=";
    }

    /** A phone-supplied value quoted in an error message: printable ASCII, others as \\uXXXX, at most 64. */
    static String visible(String text) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < text.length() && i < 64; i++) {
            char c = text.charAt(i);
            sb.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\u%04X", (int) c));
        }
        return sb.append(text.length() > 64 ? "...\"" : "\"").toString();
    }
}
