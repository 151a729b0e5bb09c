package org.mmsgw.codec.mms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mmsgw.codec.wsp.HeaderValue;

/**
 * Text-strings come back octet for octet whether a phone wrote them in UTF-8 or in ISO-8859-1: the
 * m-send-conf must echo the Transaction-ID the phone sent, byte for byte (OMA-MMS-ENC §6.1.2).
 */
class TextOctetsTest {

    @ParameterizedTest(name = "Transaction-ID {0}")
    @CsvSource({
        // 0x7F quote, then é a in ISO-8859-1 (not UTF-8)
        "8C81987FE961008D928C80, éa, true",
        // the same text in UTF-8
        "8C81987FC3A961008D928C80, éa, false",
        // ASCII
        "8C819841422D31008D928C80, AB-1, false",
        // a lone continuation octet is not UTF-8
        "8C819841B1008D928C80, A±, true"})
    void transactionIdIsWrittenBackAsItWasRead(String hex, String text, boolean latin1) {
        byte[] pdu = HexFormat.of().parseHex(hex.toLowerCase());
        MmsPdu decoded = new MmsDecoder().decode(pdu);

        assertEquals(new HeaderValue.Text(text, latin1), decoded.first(MmsField.TRANSACTION_ID).orElseThrow());
        assertArrayEquals(pdu, new MmsEncoder().encode(decoded), "re-encoded octets");
    }
}
