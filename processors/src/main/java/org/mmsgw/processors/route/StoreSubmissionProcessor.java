package org.mmsgw.processors.route;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BinaryOperator;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.mmsgw.codec.mms.Address;
import org.mmsgw.codec.mms.MmsDecoder;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.processors.BodyChecksum;
import org.mmsgw.processors.MmsHeaders;
import org.mmsgw.processors.store.MessageStore;
import org.mmsgw.processors.store.Recipient;
import org.mmsgw.processors.store.RecipientState;
import org.mmsgw.processors.store.StoredMessage;

/**
 * The routing step: keeps an accepted m-send-req in the store, gives each phone recipient its
 * retrieval token, and turns the exchange body into the list of {@link Delivery} hand-offs, one per
 * recipient (phone, e-mail, or none for an address that can be reached by neither), their number in
 * {@link MmsHeaders#DELIVERIES}, and for a message to a single recipient that one's address and channel
 * in {@link MmsHeaders#RECIPIENT} and {@link MmsHeaders#CHANNEL} (plain headers: cheaper for the route
 * to test than expressions on the body's objects). Safe to repeat
 * for a redelivered hand-off: the store keeps the first copy and the same deliveries are produced.
 * The save does not wait for the disk: the flow syncs the store ({@code storeSync}) before its
 * transaction commits, once for this write and those of the push that follows. A save lost to a crash
 * before that sync is made again with the same tokens (they derive from the message id and the
 * address, {@link org.mmsgw.processors.store.RecipientTokens}).
 */
public final class StoreSubmissionProcessor implements Processor {
    private final MessageStore store;
    private final BinaryOperator<String> tokens;

    /** @param tokens the token of a recipient (message id, address): the same for the same pair */
    public StoreSubmissionProcessor(MessageStore store, BinaryOperator<String> tokens) {
        this.store = store;
        this.tokens = tokens;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        byte[] pdu = in.getMandatoryBody(byte[].class);
        String messageId = in.getHeader(MmsHeaders.MESSAGE_ID, String.class);
        String sender = in.getHeader(MmsHeaders.SENDER, String.class);
        long expiry = in.getHeader(MmsHeaders.EXPIRY, Long.class);
        if (messageId == null || sender == null) {
            throw new IllegalArgumentException("hand-off without " + MmsHeaders.MESSAGE_ID + " or " + MmsHeaders.SENDER);
        }
        BodyChecksum.verify(pdu, in.getHeader(MmsHeaders.BODY_CRC, Long.class), "the hand-off of " + messageId);
        StoredMessage message = store.find(messageId).orElseGet(() -> {
            StoredMessage fresh = describe(new MmsDecoder().decode(pdu), messageId, sender, Instant.ofEpochMilli(expiry),
                    pdu.length);
            store.withoutWaiting(() -> store.save(fresh, pdu));
            return store.find(messageId).orElseThrow();
        });
        List<Delivery> deliveries = new ArrayList<>();
        for (Recipient r : message.recipients()) {
            deliveries.add(new Delivery(messageId, r.address(), channel(r.address())));
        }
        in.setBody(deliveries);
        in.setHeader(MmsHeaders.DELIVERIES, deliveries.size());
        if (deliveries.size() == 1) {
            DeliveryHeaders.set(in, deliveries.get(0));
        }
    }

    private StoredMessage describe(MmsPdu pdu, String messageId, String sender, Instant expiry, long size) {
        Set<String> addresses = new LinkedHashSet<>();
        addresses.addAll(pdu.texts(MmsField.TO));
        addresses.addAll(pdu.texts(MmsField.CC));
        addresses.addAll(pdu.texts(MmsField.BCC));
        List<Recipient> recipients = new ArrayList<>();
        for (String a : addresses) {
            String channel = channel(a);
            // phones fetch with their token; a mail's reply address carries it back to the sender
            recipients.add(new Recipient(a, channel.equals(Delivery.NONE) ? "" : tokens.apply(messageId, a),
                    RecipientState.PENDING));
        }
        boolean deliveryReport = pdu.token(MmsField.DELIVERY_REPORT).map(t -> t == 0).orElse(false);
        boolean readReport = pdu.token(MmsField.READ_REPORT).map(t -> t == 0).orElse(false);
        boolean hide = pdu.token(MmsField.SENDER_VISIBILITY).map(t -> t == 0).orElse(false);
        return new StoredMessage(messageId, sender, Instant.now(), expiry, deliveryReport, readReport, hide, size,
                recipients);
    }

    static String channel(String address) {
        Address a = Address.parse(address);
        if (a.kind() == Address.Kind.PHONE) {
            return Delivery.PHONE;
        }
        return a.kind() == Address.Kind.EMAIL ? Delivery.EMAIL : Delivery.NONE;
    }
}
