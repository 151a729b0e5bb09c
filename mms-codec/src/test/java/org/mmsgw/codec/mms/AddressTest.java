package org.mmsgw.codec.mms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mmsgw.codec.mms.Address.Kind;

/** {@link Address#parse} over the address forms of OMA-MMS-ENC-V1_3 §8 and the P-8 bad inputs of bad-inputs.md. */
class AddressTest {
    private static final String DIGITS_20 = "12345678901234567890";

    static Stream<Arguments> addresses() {
        return Stream.of(
                // PLMN: optional +, digits (and * #), at most 20
                row("+491701234567/TYPE=PLMN", Kind.PHONE, "+491701234567", "PLMN"),
                row("01701234567/TYPE=PLMN", Kind.PHONE, "01701234567", "PLMN"),
                row("*100#/TYPE=PLMN", Kind.PHONE, "*100#", "PLMN"),
                row("+491701234567/type=plmn", Kind.PHONE, "+491701234567", "plmn"),
                row("  +491701234567/TYPE=PLMN \r\n", Kind.PHONE, "+491701234567", "PLMN"),
                row("+" + DIGITS_20 + "/TYPE=PLMN", Kind.PHONE, "+" + DIGITS_20, "PLMN"),
                row("+" + DIGITS_20 + "1/TYPE=PLMN", Kind.OTHER, "+" + DIGITS_20 + "1", "PLMN"),
                row("abc/TYPE=PLMN", Kind.OTHER, "abc", "PLMN"),
                row("+49 170 1234567/TYPE=PLMN", Kind.OTHER, "+49 170 1234567", "PLMN"),
                row("+49170\r\n1234567/TYPE=PLMN", Kind.OTHER, "+49170\r\n1234567", "PLMN"),
                row("/TYPE=PLMN", Kind.OTHER, "", "PLMN"),
                row("++49/TYPE=PLMN", Kind.OTHER, "++49", "PLMN"),
                // e-mail, bare or with a display name
                row("ann@example.com", Kind.EMAIL, "ann@example.com", ""),
                row("\"Ann\" <ann@example.com>", Kind.EMAIL, "ann@example.com", ""),
                row("Ann Smith <ann.smith+mms@mail.example.com>", Kind.EMAIL, "ann.smith+mms@mail.example.com", ""),
                row("ann@example", Kind.EMAIL, "ann@example", ""),
                // CR/LF (header injection) and other characters no address may hold
                row("ann@exa\r\nmple.com", Kind.OTHER, "ann@exa\r\nmple.com", ""),
                row("ann\r\n@example.com", Kind.OTHER, "ann\r\n@example.com", ""),
                row("\"Ann\" <ann@example.com\r\nBcc: eve@evil.example>", Kind.OTHER,
                        "\"Ann\" <ann@example.com\r\nBcc: eve@evil.example>", ""),
                row("\"ann\r\n\"@example.com", Kind.OTHER, "\"ann\r\n\"@example.com", ""),
                row("ann@example.com\nBcc: eve@evil.example", Kind.OTHER, "ann@example.com\nBcc: eve@evil.example", ""),
                row("ann\u0000@example.com", Kind.OTHER, "ann\u0000@example.com", ""),
                row("ann\u007F@example.com", Kind.OTHER, "ann\u007F@example.com", ""),
                row("ann@@example.com", Kind.OTHER, "ann@@example.com", ""),
                row("@example.com", Kind.OTHER, "@example.com", ""),
                row("ann@", Kind.OTHER, "ann@", ""),
                row("a".repeat(65) + "@example.com", Kind.OTHER, "a".repeat(65) + "@example.com", ""),
                row("ann@exam_ple.com", Kind.OTHER, "ann@exam_ple.com", ""),
                // IP addresses
                row("192.0.2.1/TYPE=IPv4", Kind.IPV4, "192.0.2.1", "IPv4"),
                row("255.255.255.255/TYPE=IPV4", Kind.IPV4, "255.255.255.255", "IPV4"),
                row("256.0.2.1/TYPE=IPv4", Kind.OTHER, "256.0.2.1", "IPv4"),
                row("192.0.2/TYPE=IPv4", Kind.OTHER, "192.0.2", "IPv4"),
                row("2001:db8::1/TYPE=IPv6", Kind.IPV6, "2001:db8::1", "IPv6"),
                row("::ffff:192.0.2.1/TYPE=IPv6", Kind.IPV6, "::ffff:192.0.2.1", "IPv6"),
                row("192.0.2.1/TYPE=IPv6", Kind.OTHER, "192.0.2.1", "IPv6"),
                row("2001:db8::g/TYPE=IPv6", Kind.OTHER, "2001:db8::g", "IPv6"),
                // unknown TYPE and untyped values are kept as sent
                row("x400-addr/TYPE=X400", Kind.OTHER, "x400-addr", "X400"),
                row("+491701234567/TYPE=", Kind.OTHER, "+491701234567", ""),
                row("+491701234567", Kind.OTHER, "+491701234567", ""),
                row("", Kind.OTHER, "", ""));
    }

    private static Arguments row(String text, Kind kind, String value, String type) {
        return Arguments.of(escaped(text), text, new Address(kind, value, type));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("addresses")
    void parse(String label, String text, Address expected) {
        Address parsed = Address.parse(text);

        assertEquals(expected.kind(), parsed.kind(), () -> "kind of " + escaped(text));
        assertEquals(escaped(expected.value()), escaped(parsed.value()), "value");
        assertEquals(expected.type(), parsed.type(), "type");
    }

    private static String escaped(String s) {
        StringBuilder sb = new StringBuilder("\"");
        s.chars().forEach(c -> sb.append(c < 0x20 || c == 0x7F ? String.format("\\u%04X", c)
                : String.valueOf((char) c)));
        return sb.append('"').toString();
    }

    /** What toMms() writes parses to the same address; it is the value with its TYPE suffix, if any. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("addresses")
    void toMmsRoundTrips(String label, String text, Address expected) {
        Address parsed = Address.parse(text);
        String mms = parsed.toMms();

        assertEquals(parsed.type().isEmpty() ? parsed.value() : parsed.value() + "/TYPE=" + parsed.type(), mms);
        assertEquals(parsed, Address.parse(mms), label);
    }

    @Test
    void displayNameIsDroppedByToMms() {
        Address a = Address.parse("\"Ann\" <ann@example.com>");

        assertEquals("ann@example.com", a.toMms());
        assertEquals(a, Address.parse(a.toMms()));
    }

    @Test
    void phoneFactoryWritesPlmn() {
        Address a = Address.phone("+491701234567");

        assertEquals("+491701234567/TYPE=PLMN", a.toMms());
        assertEquals(a, Address.parse(a.toMms()));
        assertEquals(a.toMms(), a.toString());
    }

    @Test
    void onlyPhoneAndEmailAreDeliverable() {
        assertTrue(Address.parse("+491701234567/TYPE=PLMN").isDeliverable());
        assertTrue(Address.parse("ann@example.com").isDeliverable());
        assertFalse(Address.parse("192.0.2.1/TYPE=IPv4").isDeliverable());
        assertFalse(Address.parse("2001:db8::1/TYPE=IPv6").isDeliverable());
        assertFalse(Address.parse("abc/TYPE=PLMN").isDeliverable());
        assertFalse(Address.parse("ann@exa\r\nmple.com").isDeliverable());
    }

    @Test
    void typeIsKeptAsWrittenButMatchedInAnyCase() {
        Address lower = Address.parse("+491701234567/type=plmn");
        Address upper = Address.parse("+491701234567/TYPE=PLMN");

        assertEquals(Kind.PHONE, lower.kind());
        assertNotEquals(upper, lower);
        assertEquals("+491701234567/TYPE=plmn", lower.toMms());
    }
}
