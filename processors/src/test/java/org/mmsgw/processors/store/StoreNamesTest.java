package org.mmsgw.processors.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class StoreNamesTest {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    @Test
    void edgesOfTheNameRule() {
        assertTrue(StoreNames.isName("a"));
        assertTrue(StoreNames.isName("AZaz09_-"));
        assertTrue(StoreNames.isName("x".repeat(128)));
        assertFalse(StoreNames.isName("x".repeat(129)));
        assertFalse(StoreNames.isName(""));
        assertFalse(StoreNames.isName(null));
        assertFalse(StoreNames.isName("../etc"));
        assertFalse(StoreNames.isName("a b"));
        assertFalse(StoreNames.isName("é"));
        assertFalse(StoreNames.isName("a\n"));
    }

    @Test
    void agreesWithThePatternOnRandomStrings() {
        Random random = new Random(7);
        String alphabet = "AZaz09_-@./:`[{ \u00e9\u0660";
        for (int i = 0; i < 100_000; i++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(4) == 0 ? 120 + random.nextInt(12) : random.nextInt(8);
            for (int j = 0; j < length; j++) {
                sb.append(random.nextInt(10) == 0 ? alphabet.charAt(random.nextInt(alphabet.length()))
                        : alphabet.charAt(random.nextInt(8)));
            }
            String s = sb.toString();
            assertEquals(NAME.matcher(s).matches(), StoreNames.isName(s), s);
        }
    }
}
