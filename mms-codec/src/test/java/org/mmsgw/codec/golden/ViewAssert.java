package org.mmsgw.codec.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.mmsgw.codec.json.Json;

/**
 * Compares an expected file with a {@link TsharkView}, key by key, and fails once with every
 * difference, each named by its path ({@code mms.parts[1].charset}). A key on one side only is a
 * difference: tshark showing a field our decoder did not report fails, and so does the reverse.
 */
final class ViewAssert {
    static final String[] TOP_KEYS = {"source", "mode", "oracle", "malformed", "push", "mms"};
    static final String[] PUSH_KEYS = {"tid", "pduType", "contentType", "applicationId", "segments"};
    static final String[] MMS_KEYS = {"messageType", "transactionId", "mmsVersion", "messageId", "from", "to", "cc",
        "bcc", "subject", "contentLocation", "messageSize", "responseStatus", "status", "readStatus", "contentType",
        "parts"};
    static final String[] PART_KEYS = {"contentType", "size", "contentId", "contentLocation", "name", "charset"};

    private ViewAssert() {
    }

    /** The header of an expected file: known keys only, the right source and mode, not malformed. */
    static void assertHeader(Map<String, Object> expected, GoldenVectors.Vector v) {
        Json.allowOnly(expected, v.expectedPath(), TOP_KEYS);
        assertEquals(v.files().get(0), expected.get("source"), v + ": expected file's source");
        assertEquals(v.kind().mode, expected.get("mode"), v + ": expected file's mode");
        // no vector is malformed for tshark; one that is would need its own rule here
        assertEquals(Boolean.FALSE, expected.get("malformed"), v + ": tshark flags the vector malformed");
    }

    /** Fails with every difference between the expected and our view of one section. */
    static void assertSection(String vector, String section, Object expected, Map<String, Object> actual) {
        List<String> differences = new ArrayList<>();
        compare(section, expected, actual, differences);
        if (!differences.isEmpty()) {
            fail(vector + ": " + differences.size() + " difference(s) from tshark\n  "
                    + String.join("\n  ", differences));
        }
    }

    private static void compare(String path, Object expected, Object actual, List<String> out) {
        if (expected instanceof Map<?, ?> e && actual instanceof Map<?, ?> a) {
            Json.allowOnly(Json.asObject(e, path), path, keysFor(path));
            Set<Object> keys = new LinkedHashSet<>(e.keySet());
            keys.addAll(a.keySet());
            for (Object key : keys) {
                compare(path + "." + key, e.get(key), a.get(key), out);
            }
        } else if (expected instanceof List<?> e && actual instanceof List<?> a) {
            if (e.size() != a.size()) {
                out.add(path + ": expected " + e.size() + " entries " + e + " but found " + a.size() + " " + a);
                return;
            }
            for (int i = 0; i < e.size(); i++) {
                compare(path + "[" + i + "]", e.get(i), a.get(i), out);
            }
        } else if (!same(path, expected, actual)) {
            out.add(path + ": expected " + show(expected) + " but found " + show(actual));
        }
    }

    private static String[] keysFor(String path) {
        if (path.endsWith("]")) {
            return PART_KEYS;
        }
        return path.endsWith("push") ? PUSH_KEYS : MMS_KEYS;
    }

    private static boolean same(String path, Object expected, Object actual) {
        if (path.endsWith(".charset") && expected instanceof String e && actual instanceof String a) {
            return e.toLowerCase(Locale.ROOT).equals(a.toLowerCase(Locale.ROOT));
        }
        return Objects.equals(expected, actual);
    }

    private static String show(Object value) {
        if (value == null) {
            return "nothing";
        }
        return value instanceof String s ? "\"" + s + "\"" : value.toString();
    }
}
