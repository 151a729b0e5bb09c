package org.mmsgw.processors.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecipientTokensTest {
    private static final String PHONE = "+491701111111/TYPE=PLMN";

    @TempDir
    Path tmp;

    @Test
    void theSameMessageAndRecipientGiveTheSameTokenOthersAnother() {
        RecipientTokens tokens = new RecipientTokens(key(1));
        String token = tokens.apply("m1", PHONE);
        assertEquals(token, tokens.apply("m1", PHONE));
        assertEquals(token, new RecipientTokens(key(1)).apply("m1", PHONE), "the same key elsewhere");
        assertTrue(token.matches("[A-Za-z0-9_-]{22}"), token);
        assertNotEquals(token, tokens.apply("m2", PHONE), "another message");
        assertNotEquals(token, tokens.apply("m1", "+491702222222/TYPE=PLMN"), "another recipient");
        assertNotEquals(token, new RecipientTokens(key(2)).apply("m1", PHONE), "another key");
        assertNotEquals(tokens.apply("ab", "c"), tokens.apply("a", "bc"), "where the id ends and the address begins");
    }

    @Test
    void aKnownToken() {
        // printf 'm1\0+491701111111/TYPE=PLMN' | openssl dgst -sha256 -mac HMAC -macopt hexkey:0101...01 (32 octets),
        // the first 16 octets of the result in URL-safe base64 without padding
        assertEquals("FUdXmRbet9J6xdL4AZmUJw", new RecipientTokens(key(1)).apply("m1", PHONE));
    }

    @Test
    void theKeyFileIsMadeOnceAndKept() throws Exception {
        Path file = tmp.resolve("data").resolve("recipient-tokens.key");
        String token = RecipientTokens.open(file).apply("m1", PHONE);
        byte[] key = Files.readAllBytes(file);
        assertEquals(RecipientTokens.KEY_OCTETS, key.length);
        assertEquals(token, RecipientTokens.open(file).apply("m1", PHONE), "after a restart");
        assertArrayEquals(key, Files.readAllBytes(file), "the key file is not made again");
        assertNotEquals(token, RecipientTokens.open(tmp.resolve("other.key")).apply("m1", PHONE),
                "another data directory, another key");
    }

    @Test
    void aDamagedKeyFileIsRefusedNotReplaced() throws Exception {
        Path file = tmp.resolve("recipient-tokens.key");
        Files.write(file, new byte[5]);
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> RecipientTokens.open(file));
        assertTrue(e.getCause().getMessage().contains("32 octets expected, found 5"), e.getCause().getMessage());
        assertEquals(5, Files.size(file));
    }

    @Test
    void aShortKeyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RecipientTokens(new byte[16]));
    }

    private static byte[] key(int fill) {
        byte[] key = new byte[RecipientTokens.KEY_OCTETS];
        Arrays.fill(key, (byte) fill);
        return key;
    }
}
