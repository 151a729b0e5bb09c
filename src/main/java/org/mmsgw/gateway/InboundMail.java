package org.mmsgw.gateway;

import java.time.Clock;
import java.util.Locale;
import java.util.Properties;

import org.apache.camel.spi.Registry;
import org.mmsgw.processors.Counters;
import org.mmsgw.processors.inbound.InboundMailProcessor;
import org.mmsgw.processors.mail.BounceComposer;
import org.mmsgw.processors.mail.InboundLimits;
import org.mmsgw.processors.mail.MailReader;
import org.mmsgw.processors.mail.MailRecipients;
import org.mmsgw.processors.mail.MailRefusedException;
import org.mmsgw.processors.mm1.SubmitPolicy;
import org.mmsgw.processors.store.Correspondents;
import org.mmsgw.processors.store.MessageStore;

/** The beans of the mail-to-MMS flow ({@code routes/mm3-inbound.camel.yaml}), from {@code gateway.mail.inbound.*}. */
final class InboundMail {
    private InboundMail() {
    }

    /** A bounded connect; no read timeout, which would end every IDLE wait. */
    private static Properties idleProperties(String protocol) {
        Properties props = new Properties();
        props.setProperty("mail." + protocol + ".connectiontimeout", "30000");
        return props;
    }

    static void bind(Registry registry, Settings settings, MessageStore store, SubmitPolicy policy, Clock clock,
            Counters counters, Correspondents correspondents) {
        String domain = settings.text("gateway.mms.domain", "mms.example.net");
        String protocol = settings.text("gateway.mail.inbound.protocol", "imap");
        InboundLimits limits = new InboundLimits(settings.number("gateway.mail.inbound.max-size", 2 * 1024 * 1024),
                settings.number("gateway.mail.inbound.max-parts", 100),
                settings.number("gateway.mail.inbound.max-depth", 10),
                settings.number("gateway.mail.inbound.max-headers", 1000));
        String disallowed = settings.text("gateway.mail.inbound.disallowed-media", "note");
        if (!disallowed.equals("note") && !disallowed.equals("refuse")) {
            throw new IllegalArgumentException("gateway.mail.inbound.disallowed-media must be note or refuse, was "
                    + disallowed);
        }
        MailReader reader = new MailReader(limits, type -> {
            if (policy.mediaAllowed(type)) {
                return true;
            }
            if (disallowed.equals("refuse")) {
                throw new MailRefusedException("the mail has a part of type " + type + ", which MMS does not carry here",
                        null);
            }
            return false;
        });
        MailRecipients recipients = new MailRecipients(store, domain, MailRecipients.ReplyFrom.valueOf(
                settings.text("gateway.mail.inbound.reply-from", "recipient").toUpperCase(Locale.ROOT)),
                policy.maxRecipients());
        registry.bind("inboundMail", new InboundMailProcessor(reader, recipients, store, new BounceComposer(domain),
                settings.flag("gateway.mail.inbound.bounce", true), policy.maxSize(), policy.expiryDefault(), clock,
                counters, correspondents, protocol.startsWith("imap")
                        ? settings.text("gateway.mail.inbound.refused-folder", "") : ""));
        boolean idle = settings.flag("gateway.mail.inbound.idle", true) && protocol.startsWith("imap");
        registry.bind("mailPoller", new MailPollScheduler(settings.number("gateway.mail.inbound.poll-delay", 30000),
                idle ? new MailPollScheduler.Idle(protocol, settings.text("gateway.mail.inbound.host", "127.0.0.1"),
                        settings.number("gateway.mail.inbound.port", 143), settings.text("gateway.mail.inbound.user", ""),
                        settings.text("gateway.mail.inbound.password", ""),
                        settings.text("gateway.mail.inbound.folder", "INBOX"), idleProperties(protocol)) : null));
    }
}
