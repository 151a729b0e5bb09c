package org.mmsgw.codec.sms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared vectors, read in place: {@code -Dmmsgw.vectors=DIR}, by default {@code ../../shared/vectors}
 * from the module directory (Maven's working directory for tests). A missing file fails the test.
 */
final class Vectors {
    private Vectors() {
    }

    static Path dir() {
        return Path.of(System.getProperty("mmsgw.vectors", "../../shared/vectors"));
    }

    static byte[] read(String relative) {
        try {
            return Files.readAllBytes(dir().resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException("vector " + dir().resolve(relative).toAbsolutePath(), e);
        }
    }

    static byte[] readHex(String relative) {
        return Hex.bytes(new String(read(relative), StandardCharsets.US_ASCII).trim());
    }
}
