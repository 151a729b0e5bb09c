package org.mmsgw.processors.mail;

import java.util.Map;
import java.util.Optional;

/**
 * Attachment file names from what a phone wrote (Content-Type {@code name}, Content-Location): no
 * directory, no character that can break a header or fool a reader (bad-inputs P-10, E-3).
 */
final class AttachmentNames {
    /** Longest name kept, in code points, extension included. */
    static final int MAX_LENGTH = 100;
    private static final int MAX_EXTENSION = 10;
    /** Quotes, and what Windows refuses in a name (the path separators go with the path). */
    private static final String REMOVED = "\"'<>:|?*";

    private static final Map<String, String> EXTENSIONS = Map.ofEntries(
            Map.entry("image/jpeg", "jpg"), Map.entry("image/jpg", "jpg"), Map.entry("image/png", "png"),
            Map.entry("image/gif", "gif"), Map.entry("image/bmp", "bmp"), Map.entry("image/vnd.wap.wbmp", "wbmp"),
            Map.entry("image/webp", "webp"), Map.entry("image/heic", "heic"),
            Map.entry("audio/amr", "amr"), Map.entry("audio/mpeg", "mp3"), Map.entry("audio/mp4", "m4a"),
            Map.entry("audio/aac", "aac"), Map.entry("audio/midi", "mid"), Map.entry("audio/mid", "mid"),
            Map.entry("audio/wav", "wav"), Map.entry("audio/x-wav", "wav"), Map.entry("audio/ogg", "ogg"),
            Map.entry("video/3gpp", "3gp"), Map.entry("video/3gpp2", "3g2"), Map.entry("video/mp4", "mp4"),
            Map.entry("text/plain", "txt"), Map.entry("text/x-vcard", "vcf"), Map.entry("text/vcard", "vcf"),
            Map.entry("text/x-vcalendar", "vcs"), Map.entry("text/calendar", "ics"),
            Map.entry("application/smil", "smil"));

    private AttachmentNames() {
    }

    /**
     * The last path segment of {@code raw} without control, format (bidi overrides, zero-width) and
     * separator characters, quotes and Windows-reserved characters, leading and trailing dots and
     * spaces, cut to {@value #MAX_LENGTH} code points keeping the extension. Empty when nothing is left.
     */
    static Optional<String> sanitise(String raw) {
        StringBuilder kept = new StringBuilder(raw.length());
        raw.codePoints().filter(AttachmentNames::isAllowed).forEach(kept::appendCodePoint);
        String name = kept.toString();
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder plain = new StringBuilder(name.length());
        name.codePoints().filter(c -> REMOVED.indexOf(c) < 0).forEach(plain::appendCodePoint);
        name = trim(plain.toString());
        if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            int dot = name.lastIndexOf('.');
            String extension = dot > 0 && name.length() - dot <= MAX_EXTENSION ? name.substring(dot) : "";
            String base = name.substring(0, name.length() - extension.length());
            base = base.substring(0, base.offsetByCodePoints(0, MAX_LENGTH - extension.length()));
            name = trim(base) + extension;
        }
        return name.isEmpty() || name.startsWith(".") ? Optional.empty() : Optional.of(name);
    }

    /** {@code part<n>.<ext>}, the extension from the media type ({@code bin} when unknown). */
    static String fallback(int n, String mediaType) {
        return "part" + n + "." + EXTENSIONS.getOrDefault(mediaType, "bin");
    }

    private static boolean isAllowed(int c) {
        int type = Character.getType(c);
        return !HeaderText.isControl(c) && type != Character.FORMAT && type != Character.SURROGATE
                && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR;
    }

    private static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && (s.charAt(start) == '.' || Character.isWhitespace(s.charAt(start))
                || Character.isSpaceChar(s.charAt(start)))) {
            start++;
        }
        while (end > start && (s.charAt(end - 1) == '.' || Character.isWhitespace(s.charAt(end - 1))
                || Character.isSpaceChar(s.charAt(end - 1)))) {
            end--;
        }
        return s.substring(start, end);
    }
}
