package org.mmsgw.codec.mms;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An MMS address (OMA-MMS-ENC-V1_3 §8): {@code +4917012345/TYPE=PLMN}, an RFC 2822 e-mail address,
 * {@code 1.2.3.4/TYPE=IPv4}, {@code ::1/TYPE=IPv6}, or another {@code /TYPE=} form kept as sent.
 *
 * @param kind  what the address is
 * @param value the address without its {@code /TYPE=} suffix
 * @param type  the TYPE as written (empty for e-mail and untyped values)
 */
public record Address(Kind kind, String value, String type) {
    public enum Kind { PHONE, EMAIL, IPV4, IPV6, OTHER }

    private static final Pattern PLMN = Pattern.compile("\\+?[0-9*#]{1,20}");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern EMAIL = Pattern.compile("[^\\s\\p{Cntrl}@<>\"()\\[\\],;:\\\\]{1,64}@[A-Za-z0-9.-]{1,253}");

    public Address {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(type, "type");
    }

    public static Address phone(String number) {
        return new Address(Kind.PHONE, number, "PLMN");
    }

    /**
     * Parses an address as it appears in To, Cc, Bcc and From. An e-mail address may carry a display
     * name ({@code "Ann" <ann@example.com>}); the angle-bracket part is taken.
     */
    public static Address parse(String text) {
        String s = text.trim();
        int slash = s.toUpperCase(Locale.ROOT).lastIndexOf("/TYPE=");
        if (slash >= 0) {
            String value = s.substring(0, slash);
            String type = s.substring(slash + 6);
            String upper = type.toUpperCase(Locale.ROOT);
            if (upper.equals("PLMN") && PLMN.matcher(value).matches()) {
                return new Address(Kind.PHONE, value, type);
            }
            if (upper.equals("IPV4") && IPV4.matcher(value).matches()) {
                return new Address(Kind.IPV4, value, type);
            }
            if (upper.equals("IPV6") && IPV6.matcher(value).matches() && value.contains(":")) {
                return new Address(Kind.IPV6, value, type);
            }
            return new Address(Kind.OTHER, value, type);
        }
        int lt = s.lastIndexOf('<');
        String mail = lt >= 0 && s.endsWith(">") ? s.substring(lt + 1, s.length() - 1) : s;
        if (EMAIL.matcher(mail).matches()) {
            return new Address(Kind.EMAIL, mail, "");
        }
        return new Address(Kind.OTHER, s, "");
    }

    /** The address as MMS writes it, with its {@code /TYPE=} suffix where it has one. */
    public String toMms() {
        return type.isEmpty() ? value : value + "/TYPE=" + type;
    }

    /** Phone numbers and e-mail addresses are the ones a relay can deliver to. */
    public boolean isDeliverable() {
        return kind == Kind.PHONE || kind == Kind.EMAIL;
    }

    @Override
    public String toString() {
        return toMms();
    }
}
