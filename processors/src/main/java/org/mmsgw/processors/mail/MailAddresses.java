package org.mmsgw.processors.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/** Recipient addresses an SMTP transaction can carry without being rewritten (bad-inputs P-8, E-7). */
final class MailAddresses {
    /** RFC 5321 §4.5.3.1.3: a path holds at most 256 octets, an address in it at most 254. */
    static final int MAX_LENGTH = 254;

    private MailAddresses() {
    }

    /**
     * The addr-spec of one mailbox, without a display name. Refused: control characters (a quoted
     * local part can carry CR/LF), any non-ASCII character (U+760D and U+760A turn into CR and LF when
     * a mail library narrows them to octets: angus CVE-2025-7962), groups, lists, a missing domain.
     */
    static InternetAddress recipient(String address) {
        if (address == null || address.isEmpty()) {
            throw new IllegalArgumentException("recipient is empty");
        }
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                throw new IllegalArgumentException(String.format(
                        "recipient has control character U+%04X at index %d", (int) c, i));
            }
            if (c > 0x7F) {
                throw new IllegalArgumentException(String.format(
                        "recipient has non-ASCII character U+%04X at index %d; only ASCII addresses are sent",
                        (int) c, i));
            }
        }
        InternetAddress parsed;
        try {
            parsed = new InternetAddress(address, true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("recipient is not an e-mail address: " + e.getMessage(), e);
        }
        if (parsed.isGroup()) {
            throw new IllegalArgumentException("recipient is a group, not a mailbox: " + HeaderText.visible(address));
        }
        String spec = parsed.getAddress();
        if (spec.indexOf('@') <= 0 || spec.endsWith("@")) {
            throw new IllegalArgumentException("recipient has no local part or domain: " + HeaderText.visible(address));
        }
        if (spec.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("recipient longer than " + MAX_LENGTH + " characters: " + spec.length());
        }
        try {
            return new InternetAddress(spec, true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("recipient is not an e-mail address: " + e.getMessage(), e);
        }
    }
}
