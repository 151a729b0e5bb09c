package org.mmsgw.processors.mm1;

import java.util.Optional;
import java.util.regex.Pattern;

/** Phone numbers in international E.164 form: {@code +} and 6 to 15 digits. */
public final class Msisdn {
    private static final Pattern DIGITS = Pattern.compile("\\+?[0-9]{6,15}");

    private Msisdn() {
    }

    /** {@code +491701234567} from {@code +491701234567}, {@code 491701234567} or {@code +49170.../TYPE=PLMN}. */
    public static Optional<String> normalise(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.trim();
        int type = s.toUpperCase(java.util.Locale.ROOT).indexOf("/TYPE=PLMN");
        if (type >= 0) {
            s = s.substring(0, type);
        }
        if (!DIGITS.matcher(s).matches()) {
            return Optional.empty();
        }
        return Optional.of(s.startsWith("+") ? s : "+" + s);
    }

    /** The MMS address form of a number: {@code +491701234567/TYPE=PLMN}. */
    public static String toMms(String msisdn) {
        return msisdn + "/TYPE=PLMN";
    }
}
