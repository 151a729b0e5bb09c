package org.mmsgw.processors.inbound;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * SMSC message ids in one form, so that the id of a submit_sm_resp and the id a delivery receipt
 * names meet although SMSCs write them differently: case and leading zeros do not count, and many
 * SMSCs answer the submit in hex but write the receipt text in decimal (or the other way round).
 */
public final class SmscIds {
    /** How the receipt's id relates to the submit_sm_resp's. */
    public enum Form {
        /** Try the same form, then decimal read as hex, then hex read as decimal. */
        AUTO,
        /** Both are written the same way. */
        SAME,
        /** The submit_sm_resp has hex, the receipt decimal. */
        DECIMAL_RECEIPT,
        /** The submit_sm_resp has decimal, the receipt hex. */
        HEX_RECEIPT
    }

    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,40}");
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{1,32}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private SmscIds() {
    }

    /** The stored form: lower case, no leading zeros; empty for what cannot be an id of ours. */
    public static String key(String id) {
        if (id == null) {
            return "";
        }
        String s = id.trim();
        if (!ID.matcher(s).matches()) {
            return "";
        }
        s = s.toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < s.length() - 1 && s.charAt(i) == '0') {
            i++;
        }
        return s.substring(i);
    }

    /**
     * The stored forms a receipt's id may have been submitted under, the likeliest first. An id from the
     * receipted_message_id TLV is in the submit_sm_resp's form by SMPP 3.4 §5.3.2.12, so it is tried as
     * it is first whatever the setting.
     */
    public static List<String> candidates(String receiptId, Form form, boolean fromTlv) {
        String same = key(receiptId);
        List<String> out = new ArrayList<>();
        if (same.isEmpty()) {
            return out;
        }
        if (form == Form.AUTO || form == Form.SAME || fromTlv) {
            out.add(same);
        }
        if ((form == Form.AUTO || form == Form.DECIMAL_RECEIPT) && DECIMAL.matcher(same).matches()) {
            add(out, new BigInteger(same).toString(16));
        }
        if ((form == Form.AUTO || form == Form.HEX_RECEIPT) && HEX.matcher(same).matches()) {
            add(out, new BigInteger(same, 16).toString());
        }
        return out;
    }

    private static void add(List<String> out, String key) {
        if (!out.contains(key)) {
            out.add(key);
        }
    }
}
