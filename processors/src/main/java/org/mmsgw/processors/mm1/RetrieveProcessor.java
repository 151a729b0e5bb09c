package org.mmsgw.processors.mm1;

import java.net.InetAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.mmsgw.codec.mms.MmsDecoder;
import org.mmsgw.codec.mms.MmsEncoder;
import org.mmsgw.codec.mms.MmsPdus;
import org.mmsgw.processors.Counters;
import org.mmsgw.processors.MmsHeaders;
import org.mmsgw.processors.deliver.RetrieveConfBuilder;
import org.mmsgw.processors.store.MessageStore;
import org.mmsgw.processors.store.Recipient;
import org.mmsgw.processors.store.RecipientState;
import org.mmsgw.processors.store.StoredMessage;

/**
 * {@code GET {public-url}/mms/{token}}: the m-retrieve-conf of the recipient the token belongs to
 * (OMA-MMS-ENC §6.3). Unknown, expired or finished tokens get an m-retrieve-conf with
 * Error-permanent-message-not-found; a phone identified as someone else gets Error-permanent-service-denied.
 */
public final class RetrieveProcessor implements Processor {
    private static final Pattern ADDRESS_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    static final int NOT_FOUND = 0x62;
    static final int SERVICE_DENIED = 0x61;

    private final MessageStore store;
    private final SenderIdentifier phones;
    private final Clock clock;
    private final Counters counters;
    private final boolean anonymous;

    /**
     * @param anonymous whether a phone that cannot be identified may fetch with the token alone (the
     *                  token is the only secret then); else it is refused
     */
    public RetrieveProcessor(MessageStore store, SenderIdentifier phones, Clock clock, Counters counters,
            boolean anonymous) {
        this.anonymous = anonymous;
        this.store = store;
        this.phones = phones;
        this.clock = clock;
        this.counters = counters;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        String path = in.getHeader(MmsHeaders.HTTP_PATH, "", String.class);
        String token = path.substring(path.lastIndexOf('/') + 1);
        Optional<StoredMessage> message = store.messageIdForToken(token).flatMap(store::find);
        Optional<Recipient> recipient = message.flatMap(m -> m.recipientByToken(token));
        boolean gone = recipient.isEmpty() || message.get().expiry().isBefore(clock.instant())
                || (recipient.get().state().isFinal() && recipient.get().state() != RecipientState.RETRIEVED);
        if (gone) {
            error(in, 404, token, NOT_FOUND, "message not found or expired");
            return;
        }
        Optional<String> phone = phones.identify(remote(in), name -> name.equalsIgnoreCase("Authorization")
                ? in.getHeader(MmsHeaders.HTTP_AUTHORIZATION, String.class)
                : in.getHeader(MmsHeaders.HTTP_MSISDN, String.class));
        if (phone.isEmpty() && !anonymous) {
            error(in, 403, token, SERVICE_DENIED, "the phone could not be identified");
            return;
        }
        if (phone.isPresent() && !recipient.get().address().startsWith(phone.get() + "/")) {
            error(in, 403, token, SERVICE_DENIED, "not the recipient of this message");
            return;
        }
        byte[] content = store.content(message.get().messageId()).orElse(null);
        if (content == null) {
            error(in, 404, token, NOT_FOUND, "message not found");
            return;
        }
        byte[] conf = new MmsEncoder().encode(
                new RetrieveConfBuilder().build(message.get(), new MmsDecoder().decode(content), token));
        counters.increment("mmsgw_retrieved_total");
        Mm1PostProcessor.reply(in, 200, Mm1PostProcessor.MMS_CONTENT_TYPE, conf);
    }

    private void error(Message in, int httpStatus, String token, int retrieveStatus, String text) {
        String tid = TOKEN.matcher(token).matches() ? token : "unknown";
        byte[] conf = new MmsEncoder().encode(
                MmsPdus.retrieveConfError(tid, clock.instant().getEpochSecond(), retrieveStatus, text));
        counters.increment("mmsgw_retrieve_errors_total");
        Mm1PostProcessor.reply(in, httpStatus, Mm1PostProcessor.MMS_CONTENT_TYPE, conf);
    }

    static InetAddress remote(Message in) {
        String address = in.getHeader(MmsHeaders.HTTP_REMOTE_ADDRESS, String.class);
        if (address == null || !ADDRESS_LITERAL.matcher(address).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(address);
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }
}
