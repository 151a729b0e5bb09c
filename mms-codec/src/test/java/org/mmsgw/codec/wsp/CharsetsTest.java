package org.mmsgw.codec.wsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** MIBenums from the IANA character-set registry, the names they stand for, and the JDK charset. */
class CharsetsTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "3, us-ascii, US-ASCII", "4, iso-8859-1, ISO-8859-1", "5, iso-8859-2, ISO-8859-2",
        "12, iso-8859-9, ISO-8859-9", "111, iso-8859-15, ISO-8859-15",
        "15, jis_x0201, JIS_X0201", "17, shift_jis, Shift_JIS", "18, euc-jp, EUC-JP", "37, iso-2022-kr, ISO-2022-KR",
        "38, euc-kr, EUC-KR", "39, iso-2022-jp, ISO-2022-JP", "104, iso-2022-cn, ISO-2022-CN",
        "106, utf-8, UTF-8", "113, gbk, GBK", "114, gb18030, GB18030",
        "1013, utf-16be, UTF-16BE", "1014, utf-16le, UTF-16LE", "1015, utf-16, UTF-16",
        "1017, utf-32, UTF-32", "1018, utf-32be, UTF-32BE", "1019, utf-32le, UTF-32LE",
        "2009, ibm850, IBM850", "2011, ibm437, IBM437", "2025, gb2312, GB2312", "2026, big5, Big5",
        "2084, koi8-r, KOI8-R", "2086, ibm866, IBM866", "2088, koi8-u, KOI8-U", "2101, big5-hkscs, Big5-HKSCS",
        "2250, windows-1250, windows-1250", "2251, windows-1251, windows-1251", "2253, windows-1253, windows-1253",
        "2255, windows-1255, windows-1255", "2258, windows-1258, windows-1258", "2259, tis-620, TIS-620"})
    void registeredCharsetsHaveTheirNamesAndJavaCharsets(int mib, String name, String java) {
        assertEquals(name, Charsets.name(mib));
        assertEquals(Optional.of(mib), Charsets.mibEnum(name));
        assertEquals(Optional.of(Charset.forName(java)), Charsets.forMib(mib));
    }

    @ParameterizedTest
    @CsvSource({"2, mib-2", "999, mib-999", "65535, mib-65535"})
    void unknownMibEnumsAreKeptByNumber(int mib, String name) {
        assertEquals(name, Charsets.name(mib));
        assertEquals(Optional.of(mib), Charsets.mibEnum(name));
        assertTrue(Charsets.forMib(mib).isEmpty(), "never guessed");
    }
}
