package org.mmsgw.processors.store;

import java.util.Optional;

/**
 * The mail address each phone last exchanged an MMS with, so that a text SMS from the phone to the
 * gateway's number can go to that address. Writes are on stable storage when they return.
 */
public interface Correspondents {
    /** @param phone {@code +49...}; @param address a plain e-mail address */
    void record(String phone, String address);

    Optional<String> of(String phone);
}
