package org.mmsgw.processors;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable identifiers: 128 random bits, URL-safe base64 without padding (22 characters). */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    /**
     * An id made from a key (the first 128 bits of its SHA-256), in the form of {@link #random}: the same
     * key gives the same id, so an input seen twice (a mail fetched again after a crash) is known again.
     */
    public static String derived(String key) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(hash, 16));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public static String random() {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    }
}
