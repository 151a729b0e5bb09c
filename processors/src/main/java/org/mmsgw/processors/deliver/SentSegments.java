package org.mmsgw.processors.deliver;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.Exchange;
import org.apache.camel.spi.Synchronization;
import org.mmsgw.processors.MmsHeaders;
import org.mmsgw.processors.store.MessageStore;

/**
 * The SMSC ids of a notification's segments, collected while the push runs (the split's copies of the
 * exchange share this object, the exchange property {@link MmsHeaders#SENT_SEGMENTS}) so that the step
 * after the push records them with the recipient's new state in one write ({@link #take}).
 *
 * <p>When the push fails after some of its segments went out (the SMSC refused a later one for now, the
 * link dropped), or the flow catches the failure and hands the message on, that step never runs: the
 * ids are then recorded when the exchange ends, before its transaction commits or rolls back, so the
 * receipts for the segments the SMSC did take still find their message. They are recorded as stray
 * ({@link org.mmsgw.processors.store.SegmentRef#stray}): the notification is sent again, or the recipient
 * ends otherwise, and the receipts of this attempt's segments do not decide the recipient's state.
 * An id the step's own write recorded before it failed stays as it was recorded (the recipient's new
 * state may have been written with it).
 */
final class SentSegments implements Synchronization {
    private final MessageStore store;
    private final String messageId;
    private final String recipient;
    private final List<String> ids = new CopyOnWriteArrayList<>();
    private volatile boolean taken;

    private SentSegments(MessageStore store, String messageId, String recipient) {
        this.store = store;
        this.messageId = messageId;
        this.recipient = recipient;
    }

    /** Starts collecting for the notification this exchange is about to push. */
    static void start(Exchange exchange, MessageStore store, String messageId, String recipient) {
        SentSegments sent = new SentSegments(store, messageId, recipient);
        exchange.setProperty(MmsHeaders.SENT_SEGMENTS, sent);
        exchange.getExchangeExtension().addOnCompletion(sent);
    }

    /** The collector of this exchange's push, or null when it pushes no notification. */
    static SentSegments of(Exchange exchange) {
        return exchange.getProperty(MmsHeaders.SENT_SEGMENTS, SentSegments.class);
    }

    void add(List<String> smscIds) {
        ids.addAll(smscIds);
    }

    /** The ids so far, for the caller to record; nothing is recorded when the exchange ends. */
    List<String> take() {
        taken = true;
        return List.copyOf(ids);
    }

    /** The caller could not record what it took: recorded when the exchange ends after all. */
    void giveBack() {
        taken = false;
    }

    @Override
    public void onComplete(Exchange exchange) {
        recordLeftOver();
    }

    @Override
    public void onFailure(Exchange exchange) {
        recordLeftOver();
    }

    private void recordLeftOver() {
        if (taken || ids.isEmpty()) {
            return;
        }
        taken = true;
        store.withoutWaiting(() -> ids.forEach(id -> store.recordStraySegment(messageId, recipient, id)));
        // the flow's own sync may have run already
        store.sync();
    }
}
