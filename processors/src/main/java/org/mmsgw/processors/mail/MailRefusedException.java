package org.mmsgw.processors.mail;

import java.util.Optional;

/**
 * A received mail the gateway does not turn into an MMS, with the reason in words a sender can read
 * (it goes into the bounce) and the address a bounce may go to. Thrown for the mail's own faults only;
 * a failure of the mail server is not one and propagates as what it is.
 */
public final class MailRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String bounceTo;

    /** @param bounceTo the sender's address, or null when no bounce may go (no sender, a machine's mail) */
    public MailRefusedException(String reason, String bounceTo) {
        super(reason);
        this.bounceTo = bounceTo;
    }

    public MailRefusedException(String reason, String bounceTo, Throwable cause) {
        super(reason, cause);
        this.bounceTo = bounceTo;
    }

    /** Where a bounce may go; empty when none may. */
    public Optional<String> bounceTo() {
        return Optional.ofNullable(bounceTo);
    }
}
