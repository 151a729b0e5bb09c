package org.mmsgw.processors.store;

import java.util.Objects;

/**
 * One recipient of a stored message.
 *
 * @param address the address as the MMS wrote it ({@code +49170.../TYPE=PLMN} or an e-mail address)
 * @param token   the unguessable retrieval token of this recipient (also its notification's
 *                transaction id); empty for e-mail recipients
 * @param state   where delivery stands
 */
public record Recipient(String address, String token, RecipientState state) {
    public Recipient {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(state, "state");
    }

    public Recipient withState(RecipientState newState) {
        return new Recipient(address, token, newState);
    }
}
