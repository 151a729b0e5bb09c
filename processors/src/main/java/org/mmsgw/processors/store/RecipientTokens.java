package org.mmsgw.processors.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.function.BinaryOperator;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The retrieval token of a recipient of a message: the first 128 bits of HMAC-SHA256 of the message id
 * and the address under a secret key, URL-safe base64 without padding (22 characters, the form of
 * {@link org.mmsgw.processors.Ids#random}). Unguessable without the key, and the same each time for
 * the same message and recipient: a submission saved again after a crash that lost its first save (the
 * machine went down before the store's sync) gets the tokens of the first, so the notification already
 * pushed with one still leads to the message.
 *
 * <p>The key is 32 random octets in a file of the data directory, made on first use (written, forced,
 * renamed); it stays with the store it belongs to.
 */
public final class RecipientTokens implements BinaryOperator<String> {
    static final int KEY_OCTETS = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    public RecipientTokens(byte[] key) {
        if (key.length < KEY_OCTETS) {
            throw new IllegalArgumentException("a token key has at least " + KEY_OCTETS + " octets, found " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::mac);
    }

    /** The tokens under the key in {@code file}, which is made (with a new random key) when missing. */
    public static RecipientTokens open(Path file) {
        try {
            Optional<byte[]> existing = AtomicFiles.read(file);
            if (existing.isPresent()) {
                if (existing.get().length != KEY_OCTETS) {
                    throw new IOException(file + ": a token key of " + KEY_OCTETS + " octets expected, found "
                            + existing.get().length);
                }
                return new RecipientTokens(existing.get());
            }
            byte[] fresh = new byte[KEY_OCTETS];
            new SecureRandom().nextBytes(fresh);
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file, fresh);
            return new RecipientTokens(fresh);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or make the token key " + file, e);
        }
    }

    /** The token of {@code address} among the recipients of {@code messageId}. */
    @Override
    public String apply(String messageId, String address) {
        Mac mac = macs.get();
        mac.update(messageId.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0); // neither a message id nor an address holds a NUL: the pair is unambiguous
        byte[] hash = mac.doFinal(address.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 16));
    }

    private Mac mac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + ALGORITHM, e);
        }
    }
}
