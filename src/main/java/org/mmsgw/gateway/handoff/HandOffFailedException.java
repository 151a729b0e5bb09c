package org.mmsgw.gateway.handoff;

/**
 * A hand-off that is not known to be queued: the broker refused it or did not confirm it in time, or the
 * queue stayed full too long (nothing sent), or hand-offs stopped. The one who sent it may send it again:
 * at worst (a confirmation that came too late) the message is then queued twice, never lost.
 */
public final class HandOffFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    HandOffFailedException(String queue, Throwable cause) {
        super("hand-off to " + queue + " failed: " + (cause.getMessage() == null ? cause.toString() : cause.getMessage()),
                cause);
    }
}
