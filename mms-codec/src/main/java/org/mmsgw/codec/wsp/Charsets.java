package org.mmsgw.codec.wsp;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * IANA character sets by MIBenum, as WSP writes them (Well-known-charset, WAP-230-WSP Table 42,
 * which defers to the IANA registry): every registered charset this JDK can read, by its IANA name.
 * An unknown MIBenum is kept by number and never guessed.
 */
public final class Charsets {
    public static final int ANY = 0;
    public static final int US_ASCII = 3;
    public static final int ISO_8859_1 = 4;
    public static final int SHIFT_JIS = 17;
    public static final int UTF_8 = 106;
    public static final int UCS_2 = 1000;
    public static final int UTF_16BE = 1013;
    public static final int UTF_16LE = 1014;
    public static final int UTF_16 = 1015;
    public static final int BIG5 = 2026;

    /** MIBenum to the lower-case IANA name. */
    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(ANY, "*"),
            Map.entry(US_ASCII, "us-ascii"),
            Map.entry(4, "iso-8859-1"), Map.entry(5, "iso-8859-2"), Map.entry(6, "iso-8859-3"),
            Map.entry(7, "iso-8859-4"), Map.entry(8, "iso-8859-5"), Map.entry(9, "iso-8859-6"),
            Map.entry(10, "iso-8859-7"), Map.entry(11, "iso-8859-8"), Map.entry(12, "iso-8859-9"),
            Map.entry(13, "iso-8859-10"), Map.entry(109, "iso-8859-13"), Map.entry(110, "iso-8859-14"),
            Map.entry(111, "iso-8859-15"), Map.entry(112, "iso-8859-16"),
            Map.entry(SHIFT_JIS, "shift_jis"), Map.entry(18, "euc-jp"), Map.entry(36, "ks_c_5601-1987"),
            Map.entry(38, "euc-kr"), Map.entry(39, "iso-2022-jp"), Map.entry(40, "iso-2022-jp-2"),
            Map.entry(UTF_8, "utf-8"), Map.entry(113, "gbk"), Map.entry(114, "gb18030"),
            Map.entry(UCS_2, "iso-10646-ucs-2"), Map.entry(UTF_16BE, "utf-16be"), Map.entry(UTF_16LE, "utf-16le"),
            Map.entry(UTF_16, "utf-16"), Map.entry(2025, "gb2312"), Map.entry(BIG5, "big5"),
            Map.entry(2084, "koi8-r"), Map.entry(2088, "koi8-u"), Map.entry(2101, "big5-hkscs"),
            Map.entry(15, "jis_x0201"), Map.entry(37, "iso-2022-kr"), Map.entry(104, "iso-2022-cn"),
            Map.entry(1017, "utf-32"), Map.entry(1018, "utf-32be"), Map.entry(1019, "utf-32le"),
            Map.entry(2009, "ibm850"), Map.entry(2010, "ibm852"), Map.entry(2011, "ibm437"),
            Map.entry(2013, "ibm862"), Map.entry(2028, "ibm037"), Map.entry(2046, "ibm855"),
            Map.entry(2047, "ibm857"), Map.entry(2048, "ibm860"), Map.entry(2049, "ibm861"),
            Map.entry(2050, "ibm863"), Map.entry(2051, "ibm864"), Map.entry(2052, "ibm865"),
            Map.entry(2054, "ibm869"), Map.entry(2086, "ibm866"), Map.entry(2087, "ibm775"),
            Map.entry(2250, "windows-1250"), Map.entry(2251, "windows-1251"), Map.entry(2252, "windows-1252"),
            Map.entry(2253, "windows-1253"), Map.entry(2254, "windows-1254"), Map.entry(2255, "windows-1255"),
            Map.entry(2256, "windows-1256"), Map.entry(2257, "windows-1257"), Map.entry(2258, "windows-1258"),
            Map.entry(2259, "tis-620"));

    private Charsets() {
    }

    /** The lower-case IANA name, or {@code "mib-<n>"} for a MIBenum this table does not name. */
    public static String name(long mibEnum) {
        String name = NAMES.get((int) Math.min(mibEnum, Integer.MAX_VALUE));
        return name != null ? name : "mib-" + mibEnum;
    }

    /** The MIBenum of an IANA name (any case), also {@code mib-<n>}; empty when unknown. */
    public static Optional<Integer> mibEnum(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("mib-")) {
            try {
                return Optional.of(Integer.parseInt(lower.substring(4)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        for (Map.Entry<Integer, String> e : NAMES.entrySet()) {
            if (e.getValue().equals(lower)) {
                return Optional.of(e.getKey());
            }
        }
        Optional<Charset> java = javaCharset(lower);
        return java.flatMap(cs -> NAMES.entrySet().stream()
                .filter(e -> javaCharset(e.getValue()).filter(cs::equals).isPresent())
                .map(Map.Entry::getKey).findFirst());
    }

    /** The Java charset for a MIBenum, when Java knows it; UCS-2 is read as UTF-16 (big-endian default). */
    public static Optional<Charset> forMib(long mibEnum) {
        if (mibEnum == US_ASCII) {
            return Optional.of(java.nio.charset.StandardCharsets.US_ASCII);
        }
        if (mibEnum == UCS_2) {
            return Optional.of(java.nio.charset.StandardCharsets.UTF_16);
        }
        String name = NAMES.get((int) Math.min(mibEnum, Integer.MAX_VALUE));
        return name == null || name.equals("*") ? Optional.empty() : javaCharset(name);
    }

    private static Optional<Charset> javaCharset(String name) {
        try {
            return Optional.of(Charset.forName(name));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return Optional.empty();
        }
    }
}
