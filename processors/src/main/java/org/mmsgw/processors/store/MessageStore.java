package org.mmsgw.processors.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Accepted messages and their content, kept until every recipient is done or expired. Every method
 * is safe to call from several threads, and every write is on stable storage when it returns (except
 * in {@link #withoutWaiting}, until the next {@link #sync}): a message saved here survives a crash.
 * An implementation shared by several gateway nodes can take the place of the file store behind this
 * interface.
 */
public interface MessageStore {

    /**
     * Saves a new message and its content (the m-send-req as accepted, sender filled in). Saving the same
     * message id again (a redelivered hand-off) keeps the first copy and returns false.
     */
    boolean save(StoredMessage message, byte[] content);

    Optional<StoredMessage> find(String messageId);

    /** The content saved with the message. */
    Optional<byte[]> content(String messageId);

    /** The message id a recipient's retrieval token belongs to. */
    Optional<String> messageIdForToken(String token);

    /**
     * Sets one recipient's state and returns the message as it is now; empty when the message is gone.
     * A final state is never changed again (a late notifyresp cannot undo an expiry), in which case the
     * message is returned unchanged.
     */
    Optional<StoredMessage> updateRecipient(String messageId, String address, RecipientState state);

    /**
     * Records the SMSC's message id of one segment sent to a recipient, for receipts. An id recorded for
     * that message and recipient already stays as it is (stray or not, with its receipt).
     */
    void recordSegment(String messageId, String address, String smscMessageId);

    /**
     * Records, like {@link #recordSegment}, a segment of a push that did not finish ({@link SegmentRef#stray}):
     * its receipt is still matched, but tells nothing about the recipient.
     */
    void recordStraySegment(String messageId, String address, String smscMessageId);

    /** The (message id, recipient) an SMSC message id belongs to. */
    Optional<SegmentRef> findSegment(String smscMessageId);

    /**
     * Records the final status of a segment's delivery receipt ({@code [A-Z]{1,16}}, such as DELIVRD).
     * Returns the segment as it is now; empty when the SMSC message id is not known (yet, or any more).
     */
    Optional<SegmentRef> recordReceipt(String smscMessageId, String status);

    /** The segments recorded for one recipient of a message, with their receipts. */
    List<SegmentRef> segments(String messageId, String address);

    /** Ids of messages whose expiry is before {@code now}. */
    List<String> expiredBefore(Instant now);

    /**
     * Removes the content of a message whose recipients are all done; what is known about the message
     * (for late reports and receipts) stays until {@link #delete}. Idempotent.
     */
    void removeContent(String messageId);

    /**
     * Sets a recipient's state like {@link #updateRecipient}, and removes the content once every
     * recipient is done.
     */
    default Optional<StoredMessage> finishRecipient(String messageId, String address, RecipientState state) {
        Optional<StoredMessage> now = updateRecipient(messageId, address, state);
        now.filter(StoredMessage::isDone).ifPresent(m -> removeContent(m.messageId()));
        return now;
    }

    /**
     * Records the SMSC message ids of the segments a recipient's notification went in (as
     * {@link #recordSegment} does for each), then sets its state (as {@link #finishRecipient}); a store
     * may write all of it at once.
     */
    default Optional<StoredMessage> recordSent(String messageId, String address, List<String> smscMessageIds,
            RecipientState state) {
        for (String smscId : smscMessageIds) {
            recordSegment(messageId, address, smscId);
        }
        return finishRecipient(messageId, address, state);
    }

    /** Removes a message, its content, tokens and segment records. */
    void delete(String messageId);

    /**
     * Runs {@code writes} without waiting for each of their writes to reach the disk: they take effect at
     * once, and are on stable storage after the calling thread's next {@link #sync} (or after any later
     * write of it that waits).
     * For a flow that writes several times and then commits its transaction: one wait instead of one per
     * write, with {@link #sync} as its last step. A store whose writes are always on disk when they
     * return just runs {@code writes}.
     */
    default void withoutWaiting(Runnable writes) {
        writes.run();
    }

    /**
     * Returns once every write the calling thread made so far is on stable storage (another thread's
     * writes are that thread's to sync).
     */
    default void sync() {
    }

    /** Whether the store takes writes (false after its disk failed; for /health). */
    default boolean isWritable() {
        return true;
    }
}
