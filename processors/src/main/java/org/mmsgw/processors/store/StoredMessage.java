package org.mmsgw.processors.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the gateway keeps about one accepted MMS besides its content.
 *
 * @param messageId      the gateway's Message-ID
 * @param sender         the sender's address as written in From
 * @param submitted      when it was accepted
 * @param expiry         when undelivered recipients expire
 * @param deliveryReport the sender asked for delivery reports
 * @param readReport     the sender asked for read reports
 * @param hideSender     the sender asked to hide its address
 * @param size           the content size in octets (X-Mms-Message-Size of notifications)
 * @param recipients     in the order of the submission
 */
public record StoredMessage(String messageId, String sender, Instant submitted, Instant expiry, boolean deliveryReport,
        boolean readReport, boolean hideSender, long size, List<Recipient> recipients) {

    public StoredMessage {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(submitted, "submitted");
        Objects.requireNonNull(expiry, "expiry");
        recipients = List.copyOf(recipients);
    }

    public Optional<Recipient> recipient(String address) {
        return recipients.stream().filter(r -> r.address().equals(address)).findFirst();
    }

    public Optional<Recipient> recipientByToken(String token) {
        return recipients.stream().filter(r -> !r.token().isEmpty() && r.token().equals(token)).findFirst();
    }

    /** A copy with one recipient's state changed. */
    public StoredMessage withRecipientState(String address, RecipientState state) {
        return new StoredMessage(messageId, sender, submitted, expiry, deliveryReport, readReport, hideSender, size,
                recipients.stream().map(r -> r.address().equals(address) ? r.withState(state) : r).toList());
    }

    /**
     * The message with one recipient moved to a state, or empty when that changes nothing: no such
     * recipient, the same state, or a final state already (which is never changed again).
     */
    public Optional<StoredMessage> moved(String address, RecipientState state) {
        Optional<Recipient> r = recipient(address);
        if (r.isEmpty() || r.get().state().isFinal() || r.get().state() == state) {
            return Optional.empty();
        }
        return Optional.of(withRecipientState(address, state));
    }

    /** Every recipient has reached a final state: the content can go. */
    public boolean isDone() {
        return recipients.stream().allMatch(r -> r.state().isFinal());
    }
}
