package org.mmsgw.gateway.sandbox;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's mail server (GreenMail) on loopback: the gateway's SMTP client delivers to it, and any
 * IMAP client can read what arrived (user and password: the mail address).
 */
public final class SandboxMail extends ServiceSupport {
    private static final Logger LOG = LoggerFactory.getLogger(SandboxMail.class);

    private final int smtpPort;
    private final int imapPort;
    private GreenMail mail;

    public SandboxMail(int smtpPort, int imapPort) {
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
    }

    @Override
    protected void doStart() {
        mail = new GreenMail(new ServerSetup[] {
            new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        mail.start();
        LOG.info("sandbox mail server: SMTP on 127.0.0.1:{}, IMAP on 127.0.0.1:{} (user and password: the mail"
                + " address, e.g. someone@example.com)", smtpPort, imapPort);
    }

    @Override
    protected void doStop() {
        if (mail != null) {
            mail.stop();
        }
    }

    /** Mails received so far, for tests and the curious. */
    public MimeMessage[] received() {
        return mail == null ? new MimeMessage[0] : mail.getReceivedMessages();
    }
}
