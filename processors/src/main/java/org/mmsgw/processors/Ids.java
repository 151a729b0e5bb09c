package org.mmsgw.processors;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable identifiers: 128 random bits, URL-safe base64 without padding (22 characters). */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String random() {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    }
}
