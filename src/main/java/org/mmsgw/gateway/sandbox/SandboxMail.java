package org.mmsgw.gateway.sandbox;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's mail server (GreenMail) on loopback. The gateway's SMTP client delivers to it; mail to
 * any address at the gateway's domain lands in the gateway's own mailbox, which the inbound mail flow
 * polls over IMAP; mail to anyone else lands in a mailbox of that address, readable over IMAP (user
 * and password: the address).
 */
public final class SandboxMail extends ServiceSupport {
    private static final Logger LOG = LoggerFactory.getLogger(SandboxMail.class);

    private final int smtpPort;
    private final int imapPort;
    private final String domain;
    private final String mailboxUser;
    private final String mailboxPassword;
    private GreenMail mail;

    /**
     * @param domain          the gateway's mail domain ({@code gateway.mms.domain})
     * @param mailboxUser     the login of the gateway's mailbox ({@code gateway.mail.inbound.user})
     * @param mailboxPassword its password
     */
    public SandboxMail(int smtpPort, int imapPort, String domain, String mailboxUser, String mailboxPassword) {
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
        this.domain = domain;
        this.mailboxUser = mailboxUser;
        this.mailboxPassword = mailboxPassword;
    }

    @Override
    protected void doStart() throws UserException {
        mail = new GreenMail(new ServerSetup[] {
            new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        mail.start();
        String address = mailboxUser.contains("@") ? mailboxUser : mailboxUser + "@" + domain;
        GreenMailUser mailbox = mail.getUserManager().createUser(address, mailboxUser, mailboxPassword);
        mail.getUserManager().setMessageDeliveryHandler(new CatchAllDelivery(mail.getUserManager(), domain, mailbox));
        LOG.info("sandbox mail server: SMTP on 127.0.0.1:{}, IMAP on 127.0.0.1:{}; mail to *@{} goes to the"
                + " gateway's mailbox, mail to anyone else to a mailbox whose user and password are the address",
                smtpPort, imapPort, domain);
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
