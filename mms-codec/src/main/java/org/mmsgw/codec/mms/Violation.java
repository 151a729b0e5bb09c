package org.mmsgw.codec.mms;

/**
 * One way a decoded PDU breaks the rules of its type (OMA-MMS-ENC-V1_3 §6, §7.1).
 *
 * @param field   the header concerned (spec name), or "PDU"
 * @param problem what is wrong, in words
 */
public record Violation(String field, String problem) {
    @Override
    public String toString() {
        return field + ": " + problem;
    }
}
