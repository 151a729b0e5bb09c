package org.mmsgw.codec.sms;

import java.util.HexFormat;

/** Hex text for test tables: spaces allowed, upper or lower case. */
final class Hex {
    private Hex() {
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }

    static String text(byte[] bytes) {
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }

    /** {@code count} octets in a pattern that does not repeat every 127 or 128 octets. */
    static byte[] counting(int count) {
        byte[] out = new byte[count];
        for (int i = 0; i < count; i++) {
            out[i] = (byte) (i * 7 + i / 256);
        }
        return out;
    }
}
