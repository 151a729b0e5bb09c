package org.mmsgw.processors.mail;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The text of an HTML mail body, as a phone can show it: tags removed, block ends and {@code <br>} as
 * line breaks, {@code script}, {@code style} and {@code head} left out, character references decoded,
 * runs of blank space folded. One pass over the input, no regular expression, so no input makes it slow.
 */
public final class HtmlText {
    private static final Set<String> BLOCKS = Set.of("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5",
            "h6", "hr", "table", "ul", "ol", "blockquote", "pre", "section", "article", "header", "footer");
    private static final Set<String> HIDDEN = Set.of("script", "style", "head", "title");
    private static final Map<String, String> ENTITIES = Map.ofEntries(Map.entry("amp", "&"), Map.entry("lt", "<"),
            Map.entry("gt", ">"), Map.entry("quot", "\""), Map.entry("apos", "'"), Map.entry("nbsp", " "),
            Map.entry("euro", "\u20AC"), Map.entry("copy", "\u00A9"), Map.entry("reg", "\u00AE"),
            Map.entry("auml", "\u00E4"), Map.entry("ouml", "\u00F6"), Map.entry("uuml", "\u00FC"),
            Map.entry("Auml", "\u00C4"), Map.entry("Ouml", "\u00D6"), Map.entry("Uuml", "\u00DC"),
            Map.entry("szlig", "\u00DF"), Map.entry("eacute", "\u00E9"), Map.entry("egrave", "\u00E8"),
            Map.entry("hellip", "\u2026"), Map.entry("ndash", "\u2013"), Map.entry("mdash", "\u2014"));

    /** The longest character reference read, {@code &} to {@code ;} ({@code &#x10FFFF;}). */
    private static final int MAX_REFERENCE = 10;

    private HtmlText() {
    }

    public static String toText(String html) {
        StringBuilder out = new StringBuilder(Math.min(html.length(), 1 << 16));
        int i = 0;
        int n = html.length();
        while (i < n) {
            char c = html.charAt(i);
            if (c == '<') {
                if (html.startsWith("<!--", i)) {
                    int end = html.indexOf("-->", i + 4);
                    i = end < 0 ? n : end + 3;
                    continue;
                }
                int end = html.indexOf('>', i + 1);
                if (end < 0) {
                    break;
                }
                String tag = tagName(html, i + 1, end);
                boolean closing = i + 1 < end && html.charAt(i + 1) == '/';
                i = end + 1;
                if (!closing && HIDDEN.contains(tag) && html.charAt(end - 1) != '/') {
                    // script and style are no markup inside: only their end tag ends them
                    i = endOfHidden(html, i, tag);
                } else if (BLOCKS.contains(tag)) {
                    out.append('\n');
                }
            } else if (c == '&') {
                int semi = -1;
                for (int j = i + 2; j < n && j <= i + MAX_REFERENCE; j++) {
                    if (html.charAt(j) == ';') {
                        semi = j;
                        break;
                    }
                }
                String decoded = semi > 0 ? entity(html.substring(i + 1, semi)) : null;
                if (decoded != null) {
                    out.append(decoded);
                    i = semi + 1;
                } else {
                    out.append('&');
                    i++;
                }
            } else {
                // a line break in the source is blank space; only the markup breaks lines
                out.append(c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
                i++;
            }
        }
        return fold(out);
    }

    /** The index after the end tag {@code </tag ...>} from {@code from} on (any case); the end when there is none. */
    private static int endOfHidden(String html, int from, String tag) {
        int i = from;
        while (true) {
            int open = html.indexOf("</", i);
            if (open < 0) {
                return html.length();
            }
            if (html.regionMatches(true, open + 2, tag, 0, tag.length())) {
                int end = html.indexOf('>', open + 2 + tag.length());
                return end < 0 ? html.length() : end + 1;
            }
            i = open + 2;
        }
    }

    private static String tagName(String html, int from, int end) {
        int start = from < end && html.charAt(from) == '/' ? from + 1 : from;
        int stop = start;
        while (stop < end && Character.isLetterOrDigit(html.charAt(stop))) {
            stop++;
        }
        return html.substring(start, stop).toLowerCase(Locale.ROOT);
    }

    private static String entity(String name) {
        if (name.startsWith("#")) {
            try {
                int cp = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X')
                        ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1));
                return Character.isValidCodePoint(cp) && !HeaderText.isControl(cp)
                        && !(cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) ? Character.toString(cp) : " ";
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return ENTITIES.get(name);
    }

    /** Spaces and tabs folded to one space, lines trimmed, at most one empty line in a row. */
    private static String fold(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        int newlines = 0;
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                continue;
            }
            if (c == '\n') {
                space = false;
                if (out.length() > 0 && newlines < 2) {
                    out.append('\n');
                }
                newlines++;
            } else if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space = newlines == 0 && out.length() > 0;
            } else {
                if (space) {
                    out.append(' ');
                }
                space = false;
                newlines = 0;
                out.append(c);
            }
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == '\n') {
            end--;
        }
        return out.substring(0, end);
    }
}
