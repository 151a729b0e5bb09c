package org.mmsgw.codec.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A small, strict RFC 8259 JSON reader and writer with no dependency beyond the JDK.
 *
 * <p>Value mapping, both ways:
 * <ul>
 *   <li>object: {@link LinkedHashMap}{@code <String,Object>} (member order kept; a duplicate key is an error)</li>
 *   <li>array: {@link ArrayList}{@code <Object>}</li>
 *   <li>string: {@link String}</li>
 *   <li>number without fraction or exponent: {@link Long} if it fits, else {@link BigDecimal};
 *       number with a fraction or an exponent: always {@link BigDecimal} (exact, scale kept, never Double)</li>
 *   <li>{@code true}/{@code false}: {@link Boolean}</li>
 *   <li>{@code null}: Java {@code null} (use {@code containsKey} to tell a null member from a missing one)</li>
 * </ul>
 *
 * <p>The parser rejects everything RFC 8259 does not allow (comments, trailing commas, leading zeros,
 * single quotes, NaN, a byte order mark, unescaped control characters, unpaired surrogates, text after
 * the value) and also nesting deeper than {@value #MAX_DEPTH} and numbers longer than
 * {@value #MAX_NUMBER_LENGTH} characters. Errors are {@link JsonException}s naming line, column,
 * what was expected and what was found.
 */
public final class Json {
    /** Maximum nesting of arrays and objects accepted by {@link #parse} and the writers. */
    public static final int MAX_DEPTH = 512;
    /** Maximum length of a number literal accepted by {@link #parse}. */
    public static final int MAX_NUMBER_LENGTH = 1000;

    private Json() {
    }

    // ------------------------------------------------------------------ parsing

    /** Parses one JSON text (surrounding whitespace allowed); see the class comment for the result types. */
    public static Object parse(String text) {
        Parser p = new Parser(Objects.requireNonNull(text, "text"));
        Object value = p.value(0);
        p.skipWhitespace();
        if (p.pos < text.length()) {
            throw p.expected(p.pos, "end of input");
        }
        return value;
    }

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        Object value(int depth) {
            skipWhitespace();
            char c = pos < s.length() ? s.charAt(pos) : 0;
            switch (c) {
                case '{': return object(depth + 1);
                case '[': return array(depth + 1);
                case '"': return string();
                case 't': return literal("true", Boolean.TRUE);
                case 'f': return literal("false", Boolean.FALSE);
                case 'n': return literal("null", null);
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        return number();
                    }
                    throw expected(pos, "a value");
            }
        }

        private Map<String, Object> object(int depth) {
            checkDepth(depth);
            Map<String, Object> map = new LinkedHashMap<>();
            pos++;
            skipWhitespace();
            if (peek('}')) {
                pos++;
                return map;
            }
            while (true) {
                skipWhitespace();
                int keyPos = pos;
                if (!peek('"')) {
                    throw expected(pos, "'\"' starting a member name");
                }
                String key = string();
                if (map.containsKey(key)) {
                    throw error(keyPos, "duplicate member name " + quote(key));
                }
                skipWhitespace();
                if (!peek(':')) {
                    throw expected(pos, "':'");
                }
                pos++;
                map.put(key, value(depth));
                skipWhitespace();
                if (peek(',')) {
                    pos++;
                } else if (peek('}')) {
                    pos++;
                    return map;
                } else {
                    throw expected(pos, "',' or '}'");
                }
            }
        }

        private List<Object> array(int depth) {
            checkDepth(depth);
            List<Object> list = new ArrayList<>();
            pos++;
            skipWhitespace();
            if (peek(']')) {
                pos++;
                return list;
            }
            while (true) {
                list.add(value(depth));
                skipWhitespace();
                if (peek(',')) {
                    pos++;
                } else if (peek(']')) {
                    pos++;
                    return list;
                } else {
                    throw expected(pos, "',' or ']'");
                }
            }
        }

        private void checkDepth(int depth) {
            if (depth > MAX_DEPTH) {
                throw error(pos, "nesting deeper than " + MAX_DEPTH + " levels");
            }
        }

        private Object literal(String word, Object value) {
            for (int i = 0; i < word.length(); i++) {
                if (!peek(word.charAt(i))) {
                    throw expected(pos, "'" + word + "'");
                }
                pos++;
            }
            return value;
        }

        private Object number() {
            int start = pos;
            if (peek('-')) {
                pos++;
            }
            if (peek('0')) {
                pos++;
                if (pos < s.length() && isDigit(s.charAt(pos))) {
                    throw error(pos, "leading zero in number");
                }
            } else {
                digits();
            }
            boolean integer = true;
            if (peek('.')) {
                pos++;
                digits();
                integer = false;
            }
            if (peek('e') || peek('E')) {
                pos++;
                if (peek('+') || peek('-')) {
                    pos++;
                }
                digits();
                integer = false;
            }
            if (pos - start > MAX_NUMBER_LENGTH) {
                throw error(start, "number longer than " + MAX_NUMBER_LENGTH + " characters");
            }
            String text = s.substring(start, pos);
            if (integer && text.length() <= 20) {
                try {
                    return Long.parseLong(text);
                } catch (NumberFormatException outOfRange) {
                    // falls through to BigDecimal
                }
            }
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException e) { // exponent beyond int range
                throw error(start, "number out of range");
            }
        }

        private void digits() {
            if (pos >= s.length() || !isDigit(s.charAt(pos))) {
                throw expected(pos, "a digit");
            }
            while (pos < s.length() && isDigit(s.charAt(pos))) {
                pos++;
            }
        }

        private String string() {
            pos++; // opening quote
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos >= s.length()) {
                    throw expected(pos, "'\"' closing the string");
                }
                char c = s.charAt(pos);
                if (c == '"') {
                    pos++;
                    return sb.toString();
                } else if (c == '\\') {
                    pos++;
                    escape(sb);
                } else if (c < 0x20) {
                    throw error(pos, "unescaped control character " + describe(c) + " in string");
                } else if (Character.isHighSurrogate(c) && pos + 1 < s.length()
                        && Character.isLowSurrogate(s.charAt(pos + 1))) {
                    sb.append(c).append(s.charAt(pos + 1));
                    pos += 2;
                } else if (Character.isSurrogate(c)) {
                    throw error(pos, "unpaired surrogate " + describe(c) + " in string");
                } else {
                    sb.append(c);
                    pos++;
                }
            }
        }

        private void escape(StringBuilder sb) {
            char c = pos < s.length() ? s.charAt(pos) : 0;
            switch (c) {
                case '"': case '\\': case '/': sb.append(c); break;
                case 'b': sb.append('\b'); break;
                case 'f': sb.append('\f'); break;
                case 'n': sb.append('\n'); break;
                case 'r': sb.append('\r'); break;
                case 't': sb.append('\t'); break;
                case 'u': {
                    int escapeStart = pos - 1;
                    char u = hex4(pos + 1);
                    pos += 5;
                    if (Character.isHighSurrogate(u)) {
                        if (!s.startsWith("\\u", pos)) {
                            throw expected(pos, "'\\u' escape of a low surrogate");
                        }
                        char low = hex4(pos + 2);
                        if (!Character.isLowSurrogate(low)) {
                            throw error(pos, "expected a low surrogate but found \\u" + hex(low));
                        }
                        sb.append(u).append(low);
                        pos += 6;
                    } else if (Character.isLowSurrogate(u)) {
                        throw error(escapeStart, "unpaired low surrogate \\u" + hex(u));
                    } else {
                        sb.append(u);
                    }
                    return;
                }
                default:
                    throw expected(pos, "one of \" \\ / b f n r t u after '\\'");
            }
            pos++;
        }

        private char hex4(int at) {
            int v = 0;
            for (int i = at; i < at + 4; i++) {
                char c = i < s.length() ? s.charAt(i) : 0;
                int d = c >= '0' && c <= '9' ? c - '0'
                        : c >= 'a' && c <= 'f' ? c - 'a' + 10
                        : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
                if (d < 0) {
                    throw expected(i, "a hex digit");
                }
                v = v * 16 + d;
            }
            return (char) v;
        }

        void skipWhitespace() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                pos++;
            }
        }

        private boolean peek(char c) {
            return pos < s.length() && s.charAt(pos) == c;
        }

        JsonException expected(int at, String what) {
            String found = at < s.length() ? describe(s.charAt(at)) : "end of input";
            return error(at, "expected " + what + " but found " + found);
        }

        private JsonException error(int at, String message) {
            int line = 1;
            int column = 1;
            for (int i = 0; i < at; i++) {
                char c = s.charAt(i);
                if (c == '\n' || (c == '\r' && (i + 1 >= s.length() || s.charAt(i + 1) != '\n'))) {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
            }
            return new JsonException(message, line, column, at);
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private static String describe(char c) {
            return c >= 0x20 && c < 0x7f ? "'" + c + "'" : "U+" + hex(c);
        }
    }

    private static String hex(char c) {
        return String.format("%04X", (int) c);
    }

    // ------------------------------------------------------------------ writing

    /**
     * Writes {@code value} as compact JSON. Accepts {@link Map} with String keys (iteration order kept),
     * {@link List}, {@link String}, {@link Boolean}, {@code null}, and the numbers Long, Integer, Short,
     * Byte, BigInteger, BigDecimal and finite Double/Float.
     *
     * @throws IllegalArgumentException for any other type, a non-String key, a non-finite number,
     *     a string with an unpaired surrogate, or nesting deeper than {@value #MAX_DEPTH} (e.g. a cycle)
     */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, -1, 0);
        return sb.toString();
    }

    /**
     * Writes {@code value} like {@link #write} but indented by two spaces: objects one member per line,
     * arrays of scalars only on one line ({@code ["From", "+49170/TYPE=PLMN"]}), other arrays one element
     * per line. Empty containers are {@code {}} and {@code []}. No trailing newline.
     */
    public static String writePretty(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, 0, 0);
        return sb.toString();
    }

    /** {@code indent < 0} means compact. */
    private static void write(StringBuilder sb, Object value, int indent, int depth) {
        if (value == null || value instanceof Boolean) {
            sb.append(value);
        } else if (value instanceof String) {
            quote(sb, (String) value);
        } else if (value instanceof Number) {
            sb.append(number((Number) value));
        } else if (value instanceof Map || value instanceof List) {
            if (depth >= MAX_DEPTH) {
                throw new IllegalArgumentException("nesting deeper than " + MAX_DEPTH + " levels (a cycle?)");
            }
            if (value instanceof Map) {
                writeObject(sb, (Map<?, ?>) value, indent, depth + 1);
            } else {
                writeArray(sb, (List<?>) value, indent, depth + 1);
            }
        } else {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON");
        }
    }

    private static void writeObject(StringBuilder sb, Map<?, ?> map, int indent, int depth) {
        sb.append('{');
        String sep = "";
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String)) {
                throw new IllegalArgumentException("object key is not a String: " + e.getKey());
            }
            sb.append(sep);
            newline(sb, indent, 1);
            quote(sb, (String) e.getKey());
            sb.append(indent < 0 ? ":" : ": ");
            write(sb, e.getValue(), indent < 0 ? -1 : indent + 1, depth);
            sep = ",";
        }
        if (!map.isEmpty()) {
            newline(sb, indent, 0);
        }
        sb.append('}');
    }

    private static void writeArray(StringBuilder sb, List<?> list, int indent, int depth) {
        boolean oneLine = indent < 0 || list.stream().noneMatch(v -> v instanceof Map || v instanceof List);
        sb.append('[');
        String sep = "";
        for (Object v : list) {
            sb.append(sep);
            if (!oneLine) {
                newline(sb, indent, 1);
            }
            write(sb, v, indent < 0 ? -1 : indent + 1, depth);
            sep = indent < 0 || !oneLine ? "," : ", ";
        }
        if (!oneLine && !list.isEmpty()) {
            newline(sb, indent, 0);
        }
        sb.append(']');
    }

    private static void newline(StringBuilder sb, int indent, int extra) {
        if (indent >= 0) {
            sb.append('\n').append("  ".repeat(indent + extra));
        }
    }

    private static String number(Number n) {
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte
                || n instanceof BigInteger || n instanceof BigDecimal) {
            return n.toString(); // BigDecimal may give "1E+3", which is valid JSON
        }
        if ((n instanceof Double || n instanceof Float) && Double.isFinite(n.doubleValue())) {
            return n.toString();
        }
        throw new IllegalArgumentException("cannot write number " + n + " (" + n.getClass().getName() + ")");
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\b': sb.append("\\b"); break;
                case '\f': sb.append("\\f"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case '\u2028': case '\u2029': sb.append("\\u").append(hex(c)); break;
                default:
                    if (c < 0x20) {
                        sb.append("\\u").append(hex(c));
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        throw new IllegalArgumentException("unpaired surrogate U+" + hex(c) + " in string");
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder();
        quote(sb, s);
        return sb.toString();
    }

    // ------------------------------------------------------------------ typed access

    /** {@code v} as an object, else a JsonException naming {@code where}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> asObject(Object v, String where) {
        return (Map<String, Object>) as(v, Map.class, "object", where);
    }

    /** {@code v} as an array, else a JsonException naming {@code where}. */
    @SuppressWarnings("unchecked")
    public static List<Object> asList(Object v, String where) {
        return (List<Object>) as(v, List.class, "array", where);
    }

    /** {@code v} as a string, else a JsonException naming {@code where}. */
    public static String asString(Object v, String where) {
        return as(v, String.class, "string", where);
    }

    /** {@code v} as a boolean, else a JsonException naming {@code where}. */
    public static boolean asBoolean(Object v, String where) {
        return as(v, Boolean.class, "boolean", where);
    }

    /** {@code v} as a long; accepts any number with an integral value in range (so {@code 2.0} and {@code 2e0}). */
    public static long asLong(Object v, String where) {
        Number n = as(v, Number.class, "integer", where);
        try {
            if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
                return n.longValue();
            } else if (n instanceof BigDecimal) {
                return ((BigDecimal) n).longValueExact();
            } else if (n instanceof BigInteger) {
                return ((BigInteger) n).longValueExact();
            }
        } catch (ArithmeticException notIntegral) {
            // reported below
        }
        throw new JsonException(where + ": expected an integer in the range of long but found " + describe(v));
    }

    /** {@code v} as an int, with the same rules as {@link #asLong}. */
    public static int asInt(Object v, String where) {
        long n = asLong(v, where);
        if (n != (int) n) {
            throw new JsonException(where + ": expected an integer in the range of int but found " + describe(v));
        }
        return (int) n;
    }

    /** The value of member {@code key}, which must be present (it may be JSON null). */
    public static Object require(Map<String, ?> obj, String key, String where) {
        if (!obj.containsKey(key)) {
            throw new JsonException(where + ": missing member " + quote(key));
        }
        return obj.get(key);
    }

    /** Member {@code key} as a string, or null if absent or JSON null; a JsonException if of another type. */
    public static String optString(Map<String, ?> obj, String key) {
        return optString(obj, key, "object");
    }

    /** Like {@link #optString(Map, String)}, naming {@code where} (the object's path) in errors. */
    public static String optString(Map<String, ?> obj, String key, String where) {
        Object v = obj.get(key);
        return v == null ? null : asString(v, member(where, key));
    }

    /** Member {@code key} as a Long, or null if absent or JSON null. */
    public static Long optLong(Map<String, ?> obj, String key, String where) {
        Object v = obj.get(key);
        return v == null ? null : asLong(v, member(where, key));
    }

    /** Member {@code key} as a Boolean, or null if absent or JSON null. */
    public static Boolean optBoolean(Map<String, ?> obj, String key, String where) {
        Object v = obj.get(key);
        return v == null ? null : asBoolean(v, member(where, key));
    }

    /** Rejects members other than {@code allowed}, for decoders that must not silently drop input. */
    public static void allowOnly(Map<String, ?> obj, String where, String... allowed) {
        List<String> names = Arrays.asList(allowed);
        for (String key : obj.keySet()) {
            if (!names.contains(key)) {
                throw new JsonException(where + ": unknown member " + quote(key) + ", expected one of " + names);
            }
        }
    }

    private static String member(String where, String key) {
        return where + "." + key;
    }

    private static <T> T as(Object v, Class<T> type, String expected, String where) {
        if (!type.isInstance(v)) {
            throw new JsonException(where + ": expected " + expected + " but found " + describe(v));
        }
        return type.cast(v);
    }

    /** JSON type of {@code v}, with the value for numbers and booleans. */
    private static String describe(Object v) {
        if (v == null) {
            return "null";
        } else if (v instanceof Map) {
            return "object";
        } else if (v instanceof List) {
            return "array";
        } else if (v instanceof String) {
            return "string";
        } else if (v instanceof Number || v instanceof Boolean) {
            return (v instanceof Number ? "number " : "boolean ") + v;
        }
        return v.getClass().getName();
    }
}
