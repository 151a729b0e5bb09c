package org.mmsgw.codec.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mmsgw.codec.MalformedPduException;

/** TP-User-Data with TP-UDHI set (3GPP TS 23.040 §9.2.3.24). */
class UserDataTest {

    @ParameterizedTest
    @CsvSource({
            "00,                         00,                   ''",
            "00 AA,                      00,                   AA",
            "06 05 04 0B 84 23 F0,       06 05 04 0B 84 23 F0, ''",
            "06 05 04 0B 84 23 F0 01 06, 06 05 04 0B 84 23 F0, 01 06",
    })
    void splitsHeaderFromPayloadAndBack(String hex, String header, String payload) {
        UserData userData = UserData.parse(Hex.bytes(hex));
        assertEquals(UserDataHeader.parse(Hex.bytes(header)), userData.header());
        assertEquals(Hex.text(Hex.bytes(payload)), Hex.text(userData.payload()));
        assertEquals(Hex.text(Hex.bytes(hex)), Hex.text(userData.encode()));
    }

    @Test
    void equalityIsByContent() {
        assertEquals(new UserData(UserDataHeader.of(PortAddress.WAP_PUSH), new byte[] {1, 6}),
                UserData.parse(Hex.bytes("06 05 04 0B 84 23 F0 01 06")));
    }

    @Test
    void udhlPastTheEnd() {
        MalformedPduException e = assertThrows(MalformedPduException.class,
                () -> UserData.parse(Hex.bytes("0B 05 04 0B 84 23 F0 00 03 7B")));
        assertEquals("UDH length", e.field());
        assertEquals(0, e.offset());
        assertEquals("expected at most 9 (octets after UDHL), found 11", e.what());
    }
}
