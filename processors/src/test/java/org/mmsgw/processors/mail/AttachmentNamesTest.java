package org.mmsgw.processors.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AttachmentNamesTest {

    @ParameterizedTest
    @CsvSource(delimiterString = " -> ", quoteCharacter = '`', value = {
        "photo.jpg -> photo.jpg",
        "../../etc/passwd -> passwd",
        "/etc/passwd -> passwd",
        "..\\..\\windows\\win.ini -> win.ini",
        "C:\\Users\\me\\b.png -> b.png",
        "a/b\\c.gif -> c.gif",
        "'quoted\".jpg -> quoted.jpg",
        "...hidden -> hidden",
        "name. . . -> name",
        "a<b>c:d|e?f*g.png -> abcdefg.png",
        "Grüße.jpg -> Grüße.jpg",
    })
    void keepsOnlyASafeLastSegment(String raw, String expected) {
        assertEquals(Optional.of(expected), AttachmentNames.sanitise(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\r\nBcc: x@y", "a\u0000\r\n\tBcc: x@y", "a\u0085\u2028\u2029Bcc: x@y", "a\u202EBcc: x@y"})
    void removesControlAndFormatCharacters(String raw) {
        assertEquals(Optional.of("aBcc x@y"), AttachmentNames.sanitise(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "..", "../", "../..", "/", "\r\n", "\"\"", ". .", "\u202E"})
    void nothingLeftIsEmpty(String raw) {
        assertEquals(Optional.empty(), AttachmentNames.sanitise(raw));
    }

    @ParameterizedTest
    @CsvSource({"300,jpg", "99,jpg", "96,jpeg"})
    void longNamesKeepTheirExtension(int baseLength, String extension) {
        String name = AttachmentNames.sanitise("x".repeat(baseLength) + "." + extension).orElseThrow();
        assertEquals(Math.min(AttachmentNames.MAX_LENGTH, baseLength + 1 + extension.length()), name.length());
        assertEquals(true, name.endsWith("." + extension), name);
    }

    @ParameterizedTest
    @CsvSource({"1,image/jpeg,part1.jpg", "2,audio/amr,part2.amr", "3,video/3gpp,part3.3gp",
        "4,application/x-unknown,part4.bin", "5,text/x-vcard,part5.vcf"})
    void fallbackNamesFollowTheMediaType(int n, String type, String expected) {
        assertEquals(expected, AttachmentNames.fallback(n, type));
    }
}
