package org.mmsgw.processors.mm1;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What the gateway accepts from phones.
 *
 * @param maxSize        largest m-send-req in octets ({@code gateway.mms.max-size})
 * @param maxRecipients  most To + Cc + Bcc addresses
 * @param expiryDefault  expiry when the phone asks for none ({@code gateway.expiry.default})
 * @param expiryMax      the longest expiry granted ({@code gateway.expiry.max})
 * @param allowedMedia   media types accepted in parts: exact ({@code application/smil}) or {@code type/*}
 */
public record SubmitPolicy(int maxSize, int maxRecipients, Duration expiryDefault, Duration expiryMax,
        List<String> allowedMedia) {

    public SubmitPolicy {
        if (maxSize <= 0 || maxRecipients <= 0) {
            throw new IllegalArgumentException("maxSize and maxRecipients must be positive");
        }
        if (expiryDefault.compareTo(expiryMax) > 0) {
            throw new IllegalArgumentException("expiry default " + expiryDefault + " is above the maximum " + expiryMax);
        }
        allowedMedia = allowedMedia.stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty())
                .toList();
    }

    public boolean mediaAllowed(String mediaType) {
        String m = mediaType.toLowerCase(Locale.ROOT);
        for (String allowed : allowedMedia) {
            if (allowed.equals(m) || (allowed.endsWith("/*") && m.startsWith(allowed.substring(0, allowed.length() - 1)))) {
                return true;
            }
        }
        return false;
    }
}
