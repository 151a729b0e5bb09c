package org.mmsgw.processors.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mmsgw.processors.inbound.SmscIds.Form;

class SmscIdsTest {

    @ParameterizedTest(name = "key(''{0}'') = ''{1}''")
    @CsvSource(value = {
        "0              | 0",
        "000            | 0",
        "0001           | 1",
        "00A1           | a1",
        "ABC            | abc",
        "'  12 '        | 12",
        "a_b-C          | a_b-c",
        "0x1F           | x1f",
        "100            | 100",
        "''             | ''",
        "'   '          | ''",
        "a.b            | ''",
        "a b            | ''",
        "a/b            | ''",
        "'12\u00e4'     | ''",
        "'+49'          | ''",
    }, delimiter = '|')
    void keyTable(String id, String key) {
        assertEquals(key, SmscIds.key(id));
    }

    @Test
    void keyOfNullIsEmpty() {
        assertEquals("", SmscIds.key(null));
    }

    @Test
    void keyTrimsTabsAndLineFeeds() {
        assertEquals("7f", SmscIds.key("\t07F\n"));
    }

    @Test
    void keyLengthLimitIsSixtyFourCharacters() {
        String max = "A".repeat(64);
        assertEquals("a".repeat(64), SmscIds.key(max));
        assertEquals("", SmscIds.key(max + "A"));
        // the limit applies to the id as written, before leading zeros go
        assertEquals("1", SmscIds.key("0".repeat(63) + "1"));
        assertEquals("", SmscIds.key("0".repeat(64) + "1"));
    }

    @ParameterizedTest(name = "{0} {1} tlv={2} -> [{3}]")
    @CsvSource(value = {
        // decimal-looking ids are also hex-looking: AUTO tries both conversions, likeliest first
        "10                   | AUTO            | false | 10,a,16",
        "10                   | SAME            | false | 10",
        "10                   | DECIMAL_RECEIPT | false | a",
        "10                   | HEX_RECEIPT     | false | 16",
        // from the TLV the id is in the submit_sm_resp's form: as it is first, whatever the setting
        "10                   | SAME            | true  | 10",
        "10                   | DECIMAL_RECEIPT | true  | 10,a",
        "10                   | HEX_RECEIPT     | true  | 10,16",
        "FF                   | AUTO            | false | ff,255",
        "ff                   | DECIMAL_RECEIPT | false | ''",
        "00FF                 | HEX_RECEIPT     | false | 255",
        "0                    | AUTO            | false | 0",
        "9                    | AUTO            | false | 9",
        "16                   | AUTO            | false | 16,10,22",
        "abc-1                | AUTO            | false | abc-1",
        "abc-1                | HEX_RECEIPT     | false | ''",
        "abc-1                | HEX_RECEIPT     | true  | abc-1",
        "12345678901234567890 | DECIMAL_RECEIPT | false | ab54a98ceb1f0ad2",
        "AB54A98CEB1F0AD2     | HEX_RECEIPT     | false | 12345678901234567890",
        "''                   | AUTO            | true  | ''",
        "'a b'                | AUTO            | true  | ''",
    }, delimiter = '|')
    void candidatesTable(String id, Form form, boolean fromTlv, String expected) {
        List<String> want = expected.isEmpty() ? List.of() : Arrays.asList(expected.split(","));

        assertEquals(want, SmscIds.candidates(id, form, fromTlv));
    }

    @Test
    void candidatesOfNullIsEmpty() {
        assertEquals(List.of(), SmscIds.candidates(null, Form.AUTO, true));
    }

    @Test
    void hexConversionLimitIsThirtyTwoDigits() {
        String max = "f".repeat(32);
        assertEquals(List.of("340282366920938463463374607431768211455"),
                SmscIds.candidates(max, Form.HEX_RECEIPT, false));
        assertEquals(List.of(), SmscIds.candidates(max + "f", Form.HEX_RECEIPT, false));
        assertEquals(List.of(max + "f"), SmscIds.candidates(max + "f", Form.AUTO, false));
    }

    @Test
    void decimalConversionLimitIsFortyDigits() {
        String max = "9".repeat(40);
        // 10^40 - 1
        assertEquals(List.of("1d6329f1c35ca4bfabb9f560ffffffffff"), SmscIds.candidates(max, Form.DECIMAL_RECEIPT, false));
        assertEquals(List.of(), SmscIds.candidates(max + "9", Form.DECIMAL_RECEIPT, false));
    }

    @Test
    void hexSubmitIdMeetsDecimalReceiptId() {
        // submit_sm_resp "00AB54A98CEB1F0AD2" is stored in key form; the receipt text writes it in decimal
        String stored = SmscIds.key("00AB54A98CEB1F0AD2");

        assertEquals("ab54a98ceb1f0ad2", stored);
        assertEquals(stored, SmscIds.candidates("12345678901234567890", Form.DECIMAL_RECEIPT, false).get(0));
        assertEquals(List.of("12345678901234567890", stored, "85968058271978839505040"),
                SmscIds.candidates("12345678901234567890", Form.AUTO, false));
    }
}
