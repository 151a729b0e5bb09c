package org.mmsgw.processors.mail;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mmsgw.codec.mms.Address;
import org.mmsgw.processors.mm1.Msisdn;
import org.mmsgw.processors.store.MessageStore;
import org.mmsgw.processors.store.Recipient;
import org.mmsgw.processors.store.StoredMessage;

/**
 * Which phones a received mail goes to. Only addresses at the gateway's own domain count, so the
 * gateway never relays mail anywhere (bad-inputs E-5): {@code <E.164 number>@domain} names a phone;
 * {@code reply+<token>@domain}, the Reply-To of an MMS sent as mail, names the phone that sent it;
 * failing both, a References or In-Reply-To naming such a mail's Message-ID does. A reply is taken only
 * from the address the MMS went to, unless the policy says any sender may answer (E-6).
 */
public final class MailRecipients {
    /** Who may answer an MMS that went out as mail. */
    public enum ReplyFrom {
        /** Only the mail address the MMS was sent to. */
        RECIPIENT,
        /** Anyone who has the reply address (logged as such). */
        ANY
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MailRecipients.class);
    /** An international number: no leading zero (that would be a national one). */
    private static final Pattern NUMBER = Pattern.compile("\\+?[1-9][0-9]{5,14}");
    private static final String REPLY_PREFIX = "reply+";

    private final MessageStore store;
    private final String domain;
    private final ReplyFrom replyFrom;
    private final int maxRecipients;
    private final Pattern ownMessageId;

    public MailRecipients(MessageStore store, String domain, ReplyFrom replyFrom, int maxRecipients) {
        this.store = store;
        this.domain = domain.toLowerCase(Locale.ROOT);
        this.replyFrom = replyFrom;
        this.maxRecipients = maxRecipients;
        this.ownMessageId = Pattern.compile("([A-Za-z0-9_-][A-Za-z0-9._-]{0,127})\\.([0-9a-f]{16})@"
                + Pattern.quote(this.domain), Pattern.CASE_INSENSITIVE);
    }

    /**
     * The phones in MMS form ({@code +49.../TYPE=PLMN}), without repeats.
     *
     * @throws MailRefusedException when no address of the mail names a phone, a reply address is not
     *                              known, or it is answered from another address than the MMS went to
     */
    public List<String> phones(InboundMail mail) {
        String bounceTo = mail.automatic() ? null : mail.from();
        Set<String> phones = new LinkedHashSet<>();
        for (String address : mail.recipients()) {
            int at = address.lastIndexOf('@');
            if (at <= 0 || !address.substring(at + 1).toLowerCase(Locale.ROOT).equals(domain)) {
                continue;
            }
            String local = address.substring(0, at);
            if (NUMBER.matcher(local).matches()) {
                phones.add(Msisdn.toMms(Msisdn.normalise(local).orElseThrow()));
            } else if (local.toLowerCase(Locale.ROOT).startsWith(REPLY_PREFIX)) {
                phones.add(Msisdn.toMms(replyTarget(mail, local.substring(REPLY_PREFIX.length()), bounceTo)));
            }
        }
        if (phones.isEmpty()) {
            for (String reference : mail.references()) {
                referencedSender(mail, reference).ifPresent(p -> phones.add(Msisdn.toMms(p)));
            }
        }
        if (phones.isEmpty()) {
            throw new MailRefusedException("the mail names no phone: write to <international number>@" + domain
                    + ", for example +491701234567@" + domain, bounceTo);
        }
        if (phones.size() > maxRecipients) {
            throw new MailRefusedException("the mail names " + phones.size() + " phones, at most " + maxRecipients
                    + " are taken", bounceTo);
        }
        return new ArrayList<>(phones);
    }

    /** The number of the phone whose MMS went out with this reply token. */
    private String replyTarget(InboundMail mail, String token, String bounceTo) {
        Optional<StoredMessage> message = store.messageIdForToken(token).flatMap(store::find);
        Optional<Recipient> recipient = message.flatMap(m -> m.recipientByToken(token));
        Optional<String> phone = message.flatMap(m -> Msisdn.normalise(m.sender()));
        if (recipient.isEmpty() || phone.isEmpty()
                || Address.parse(recipient.get().address()).kind() != Address.Kind.EMAIL) {
            throw new MailRefusedException("the reply address reply+" + printable(token) + "@" + domain
                    + " is not known here (or has expired)", bounceTo);
        }
        if (!sameAddress(recipient.get().address(), mail.from())) {
            if (replyFrom == ReplyFrom.RECIPIENT) {
                throw new MailRefusedException("replies to this MMS are taken only from the address it was sent to",
                        bounceTo);
            }
            LOG.warn("reply to MMS {} sent to {} comes from {}: taken (reply-from policy ANY)",
                    message.get().messageId(), recipient.get().address(), mail.from());
        }
        return phone.get();
    }

    /** A reference to the Message-ID of an MMS sent as mail to this very sender. */
    private Optional<String> referencedSender(InboundMail mail, String reference) {
        Matcher m = ownMessageId.matcher(reference);
        if (!m.matches() || !m.group(2).equalsIgnoreCase(MailComposer.digest(mail.from()))) {
            return Optional.empty();
        }
        // the digest only says which address the reference claims; the MMS must have gone there
        return store.find(m.group(1))
                .filter(s -> replyFrom == ReplyFrom.ANY || s.recipients().stream()
                        .anyMatch(r -> Address.parse(r.address()).kind() == Address.Kind.EMAIL
                                && sameAddress(r.address(), mail.from())))
                .flatMap(s -> Msisdn.normalise(s.sender()));
    }

    /** Whether a reply from {@code from} comes from the address the MMS went to. */
    public static boolean sameAddress(String recipient, String from) {
        return Address.parse(recipient).value().equalsIgnoreCase(from);
    }

    private static String printable(String token) {
        return token.length() <= 40 && token.chars().allMatch(c -> c > 0x20 && c < 0x7F) ? token : "...";
    }
}
