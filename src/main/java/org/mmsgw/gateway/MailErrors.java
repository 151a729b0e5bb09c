package org.mmsgw.gateway;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import org.apache.camel.Exchange;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Tells permanent SMTP refusals (a 5xx reply: the mail will never be taken) from temporary ones (4xx,
 * no connection, a timeout: try again later), RFC 5321 §4.2.1.
 */
public final class MailErrors {

    public boolean isPermanent(Exchange exchange) {
        Throwable e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        while (e != null) {
            int code = replyCode(e);
            if (code > 0) {
                return code >= 500;
            }
            if (e instanceof MessagingException m && m.getNextException() != null && m.getNextException() != e.getCause()) {
                int next = replyCode(m.getNextException());
                if (next > 0) {
                    return next >= 500;
                }
            }
            e = e.getCause();
        }
        return false;
    }

    private static int replyCode(Throwable e) {
        if (e instanceof SMTPAddressFailedException a) {
            return a.getReturnCode();
        }
        if (e instanceof SMTPSenderFailedException s) {
            return s.getReturnCode();
        }
        if (e instanceof SMTPSendFailedException s) {
            return s.getReturnCode();
        }
        if (e instanceof SendFailedException s && s.getNextException() != null) {
            return replyCode(s.getNextException());
        }
        return -1;
    }
}
