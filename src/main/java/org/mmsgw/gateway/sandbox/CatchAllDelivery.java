package org.mmsgw.gateway.sandbox;

import java.util.Locale;

import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.user.UserManager;

/**
 * What the MX of the gateway's domain does in production: every mail to any address at the domain
 * lands in the one mailbox the gateway polls. Mail to other domains goes to a mailbox of its own
 * address (created on first use; its password is the address), so it can be read over IMAP.
 */
public final class CatchAllDelivery implements MessageDeliveryHandler {
    private final UserManager users;
    private final String domain;
    private final GreenMailUser mailbox;

    public CatchAllDelivery(UserManager users, String domain, GreenMailUser mailbox) {
        this.users = users;
        this.domain = domain.toLowerCase(Locale.ROOT);
        this.mailbox = mailbox;
    }

    @Override
    public GreenMailUser handle(MovingMessage message, MailAddress address) throws UserException {
        if (address.getHost().toLowerCase(Locale.ROOT).equals(domain)) {
            return mailbox;
        }
        GreenMailUser user = users.getUserByEmail(address.getEmail());
        return user != null ? user : users.createUser(address.getEmail(), address.getEmail(), address.getEmail());
    }
}
