package org.mmsgw.codec.sms;

/**
 * The GSM 7-bit default alphabet and its extension table (3GPP TS 23.038 §6.2.1), one septet an
 * octet as SMPP carries it (data_coding 0, SMSC default alphabet, unpacked). An escape (0x1B) followed
 * by a code the extension table lacks reads as the basic character (§6.2.1.1); a lone trailing escape
 * reads as a space.
 */
public final class Gsm7 {
    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final int ESCAPE = 0x1B;

    static {
        if (BASIC.length() != 128) {
            throw new ExceptionInInitializerError("GSM basic table has " + BASIC.length() + " entries");
        }
    }

    private Gsm7() {
    }

    /** Decodes septets, one an octet (the top bit of each octet is ignored). */
    public static String decode(byte[] septets) {
        StringBuilder out = new StringBuilder(septets.length);
        for (int i = 0; i < septets.length; i++) {
            int c = septets[i] & 0x7F;
            if (c != ESCAPE) {
                out.append(BASIC.charAt(c));
            } else if (i + 1 < septets.length) {
                int e = septets[++i] & 0x7F;
                char x = extension(e);
                out.append(x != 0 ? x : BASIC.charAt(e == ESCAPE ? 0x20 : e));
            } else {
                out.append(' ');
            }
        }
        return out.toString();
    }

    /**
     * Encodes text as septets, one an octet, using the extension table where needed.
     *
     * @throws IllegalArgumentException for a character the alphabet lacks
     */
    public static byte[] encode(String text) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int basic = c == ESCAPE ? -1 : BASIC.indexOf(c);
            if (basic >= 0) {
                out.write(basic);
                continue;
            }
            int ext = extensionCode(c);
            if (ext < 0) {
                throw new IllegalArgumentException(String.format("U+%04X is not in the GSM 7-bit alphabet", (int) c));
            }
            out.write(ESCAPE);
            out.write(ext);
        }
        return out.toByteArray();
    }

    private static char extension(int code) {
        return switch (code) {
            case 0x0A -> '\f';
            case 0x14 -> '^';
            case 0x28 -> '{';
            case 0x29 -> '}';
            case 0x2F -> '\\';
            case 0x3C -> '[';
            case 0x3D -> '~';
            case 0x3E -> ']';
            case 0x40 -> '|';
            case 0x65 -> '€';
            default -> 0;
        };
    }

    private static int extensionCode(char c) {
        for (int code = 0; code < 0x80; code++) {
            // extension() answers 0 for a code it lacks, which must not stand for U+0000
            if (extension(code) != 0 && extension(code) == c) {
                return code;
            }
        }
        return -1;
    }
}
