package org.mmsgw.codec.sms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.mmsgw.codec.MalformedPduException;

/** 3GPP TS 23.040 §9.2.3.24: each hex string is the decode input and the encode expectation. */
class UserDataHeaderTest {

    static Stream<Arguments> headers() {
        return Stream.of(
                Arguments.of("00", UserDataHeader.of()),
                Arguments.of("06 05 04 0B 84 23 F0", UserDataHeader.of(PortAddress.WAP_PUSH)),
                Arguments.of("06 05 04 00 00 FF FF", UserDataHeader.of(PortAddress.sixteenBit(0, 0xFFFF))),
                Arguments.of("04 04 02 F5 F6", UserDataHeader.of(PortAddress.eightBit(0xF5, 0xF6))),
                Arguments.of("05 00 03 00 01 01", UserDataHeader.of(Concatenation.eightBit(0, 1, 1))),
                Arguments.of("05 00 03 FF FF FF", UserDataHeader.of(Concatenation.eightBit(255, 255, 255))),
                Arguments.of("06 08 04 00 00 01 01", UserDataHeader.of(Concatenation.sixteenBit(0, 1, 1))),
                Arguments.of("06 08 04 FF FF FF FF",
                        UserDataHeader.of(Concatenation.sixteenBit(0xFFFF, 255, 255))),
                // crafted .ud1: ports, then 8-bit concatenation
                Arguments.of("0B 05 04 0B 84 23 F0 00 03 7B 02 01",
                        UserDataHeader.of(PortAddress.WAP_PUSH, Concatenation.eightBit(0x7B, 2, 1))),
                // python-messaging notif1: 16-bit concatenation first
                Arguments.of("0C 08 04 9F 8E 02 01 05 04 0B 84 23 F0",
                        UserDataHeader.of(Concatenation.sixteenBit(0x9F8E, 2, 1), PortAddress.WAP_PUSH)),
                Arguments.of("0B 00 03 96 02 02 05 04 0B 84 23 F0",
                        UserDataHeader.of(Concatenation.eightBit(0x96, 2, 2), PortAddress.WAP_PUSH)),
                Arguments.of("03 0A 01 7F", UserDataHeader.of(new OtherElement(0x0A, new byte[] {0x7F}))),
                Arguments.of("02 24 00", UserDataHeader.of(new OtherElement(0x24, new byte[0]))),
                // unmodelled elements may repeat, and keep their place
                Arguments.of("0C 24 01 01 05 04 0B 84 23 F0 24 01 02",
                        UserDataHeader.of(new OtherElement(0x24, new byte[] {1}), PortAddress.WAP_PUSH,
                                new OtherElement(0x24, new byte[] {2}))));
    }

    @ParameterizedTest
    @MethodSource("headers")
    void decodes(String hex, UserDataHeader expected) {
        assertEquals(expected, UserDataHeader.parse(Hex.bytes(hex)));
    }

    @ParameterizedTest
    @MethodSource("headers")
    void encodes(String hex, UserDataHeader header) {
        assertEquals(Hex.text(Hex.bytes(hex)), Hex.text(header.encode()));
        assertEquals(Hex.bytes(hex).length, header.encodedLength());
    }

    @Test
    void findsConcatenationAndPorts() {
        UserDataHeader header = UserDataHeader.parse(Hex.bytes("0C 08 04 9F 8E 02 01 05 04 0B 84 23 F0"));
        assertEquals(Optional.of(Concatenation.sixteenBit(0x9F8E, 2, 1)), header.concatenation());
        assertEquals(Optional.of(PortAddress.sixteenBit(2948, 9200)), header.ports());
        assertEquals(Optional.empty(), UserDataHeader.of().ports());
    }

    @Test
    void longestHeaderIs255Octets() {
        byte[] wire = new byte[256];
        wire[0] = (byte) 0xFF;
        wire[1] = 0x70;
        wire[2] = (byte) 253;
        UserDataHeader header = UserDataHeader.parse(wire);
        assertEquals(List.of(new OtherElement(0x70, new byte[253])), header.elements());
        assertArrayEquals(wire, header.encode());
    }

    @ParameterizedTest(name = "{0} -> {1} at {2}")
    @CsvSource({
            "'',                                        UDH length,              0",
            "07 05 04 0B 84 23 F0,                      UDH length,              0",
            "01 00,                                     UDH information element, 2",
            "03 05 04 0B 84,                            UDH information element, 2",
            "07 05 04 0B 84 23 F0 00 00,                UDH information element, 8",
            "06 00 04 01 02 01 00,                      UDH concatenation,       2",
            "04 00 02 01 02,                            UDH concatenation,       2",
            "05 00 03 01 00 01,                         UDH concatenation,       4",
            "05 00 03 01 02 00,                         UDH concatenation,       5",
            "05 00 03 01 02 03,                         UDH concatenation,       5",
            "05 08 03 01 02 01,                         UDH concatenation,       2",
            "06 08 04 01 02 00 01,                      UDH concatenation,       5",
            "06 08 04 01 02 02 00,                      UDH concatenation,       6",
            "06 08 04 01 02 02 03,                      UDH concatenation,       6",
            "0B 05 04 0B 84 23 F0 00 03 7B 02 03,       UDH concatenation,       11",
            "0B 00 03 01 02 01 08 04 00 01 02 01,       UDH concatenation,       6",
            "04 05 02 0B 84,                            UDH port address,        2",
            "06 04 04 0B 84 23 F0,                      UDH port address,        2",
            "0A 05 04 0B 84 23 F0 04 02 F0 F0,          UDH port address,        7",
    })
    void refusesMalformed(String hex, String field, long offset) {
        MalformedPduException e = assertThrows(MalformedPduException.class,
                () -> UserDataHeader.parse(Hex.bytes(hex)));
        assertEquals(field, e.field(), e.getMessage());
        assertEquals(offset, e.offset(), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "07 05 04 0B 84 23 F0 | UDH length at offset 0: expected at most 6 (octets after UDHL), found 7",
            "05 00 03 01 02 03    | UDH concatenation at offset 5: expected sequence 1..2, found 3",
            "05 00 03 01 00 01    | UDH concatenation at offset 4: expected total 1..255, found 0",
            "06 00 04 01 02 01 00 | UDH concatenation at offset 2: expected length 3 (IEI 0x00), found 4",
            "03 05 04 0B 84       | UDH information element at offset 2: expected length at most 1 (UDHL 3), found 4 (IEI 0x05)",
    })
    void errorMessagesSayWhatAndWhere(String hex, String message) {
        assertEquals(message, assertThrows(MalformedPduException.class,
                () -> UserDataHeader.parse(Hex.bytes(hex))).getMessage());
    }

    @Test
    void refusesInvalidModels() {
        assertThrows(IllegalArgumentException.class, () -> Concatenation.eightBit(256, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> Concatenation.eightBit(-1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> Concatenation.sixteenBit(0x10000, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> Concatenation.eightBit(1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Concatenation.eightBit(1, 256, 1));
        assertThrows(IllegalArgumentException.class, () -> Concatenation.eightBit(1, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> Concatenation.eightBit(1, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> PortAddress.eightBit(256, 0));
        assertThrows(IllegalArgumentException.class, () -> PortAddress.sixteenBit(0, 0x10000));
        assertThrows(IllegalArgumentException.class, () -> PortAddress.sixteenBit(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> new OtherElement(0x00, new byte[3]));
        assertThrows(IllegalArgumentException.class, () -> new OtherElement(0x05, new byte[4]));
        assertThrows(IllegalArgumentException.class, () -> new OtherElement(0x100, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new OtherElement(0x70, new byte[254]));
        assertThrows(IllegalArgumentException.class, () -> UserDataHeader.of(
                Concatenation.eightBit(1, 2, 1), Concatenation.sixteenBit(1, 2, 1)));
        assertThrows(IllegalArgumentException.class, () -> UserDataHeader.of(
                PortAddress.WAP_PUSH, PortAddress.eightBit(1, 1)));
        assertThrows(IllegalArgumentException.class, () -> UserDataHeader.of(
                new OtherElement(0x70, new byte[253]), new OtherElement(0x70, new byte[0])));
    }

    @Test
    void otherElementKeepsItsOwnCopy() {
        byte[] data = {1, 2};
        OtherElement element = new OtherElement(0x70, data);
        data[0] = 9;
        element.data()[1] = 9;
        assertArrayEquals(new byte[] {1, 2}, element.data());
    }
}
