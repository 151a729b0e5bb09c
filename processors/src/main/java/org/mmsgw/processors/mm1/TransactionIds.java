package org.mmsgw.processors.mm1;

import java.nio.charset.StandardCharsets;

/** Reads the transaction id off the front of a PDU too broken to decode, so the error answer can echo it. */
final class TransactionIds {
    private TransactionIds() {
    }

    /** {@code 8C xx 98 <text> 00} at the start gives the text; anything else gives "". */
    static String peek(byte[] pdu) {
        if (pdu.length < 4 || (pdu[0] & 0xFF) != 0x8C || (pdu[2] & 0xFF) != 0x98) {
            return "";
        }
        int end = 3;
        while (end < pdu.length && end < 3 + 128 && pdu[end] != 0) {
            end++;
        }
        if (end >= pdu.length || pdu[end] != 0) {
            return "";
        }
        String tid = new String(pdu, 3, end - 3, StandardCharsets.US_ASCII);
        return tid.chars().allMatch(c -> c >= 0x20 && c < 0x7F) ? tid : "";
    }
}
