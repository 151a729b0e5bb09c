package org.mmsgw.processors.store;

import java.util.regex.Pattern;

/**
 * What the stores take as names (message ids, tokens, SMSC message ids) and as receipt statuses. Names
 * become file names in the file store, so both stores accept only {@code [A-Za-z0-9_-]{1,128}}: writes
 * refuse anything else, lookups (whose keys come from URLs and SMSCs) find nothing.
 */
final class StoreNames {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final Pattern RECEIPT = Pattern.compile("[A-Z]{1,16}");

    private StoreNames() {
    }

    /** The same test as {@link #NAME}, without a matcher: it runs several times per store call. */
    static boolean isName(String value) {
        if (value == null || value.isEmpty() || value.length() > 128) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    static String requireName(String value, String what) {
        if (!isName(value)) {
            throw new IllegalArgumentException(what + " must match " + NAME.pattern() + ", found '" + value + "'");
        }
        return value;
    }

    static String requireReceipt(String status) {
        if (status == null || !RECEIPT.matcher(status).matches()) {
            throw new IllegalArgumentException("receipt status must match " + RECEIPT.pattern() + ", found '" + status + "'");
        }
        return status;
    }

    /** A segment file holds its address on a line of its own; the log store keeps the same rule. */
    static String requireSegmentAddress(String address) {
        if (address.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("segment address must not contain a line feed");
        }
        return address;
    }
}
