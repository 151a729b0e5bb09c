package org.mmsgw.gateway.handoff;

/**
 * A hand-off that did not reach the queue: the broker refused or did not confirm it, or the queue stayed
 * full too long, or hand-offs stopped. Nothing of the message was queued, so the one who sent it may
 * send it again.
 */
public final class HandOffFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    HandOffFailedException(String queue, Throwable cause) {
        super("hand-off to " + queue + " failed: " + (cause.getMessage() == null ? cause.toString() : cause.getMessage()),
                cause);
    }
}
