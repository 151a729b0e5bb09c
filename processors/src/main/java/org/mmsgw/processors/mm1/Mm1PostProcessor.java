package org.mmsgw.processors.mm1;

import java.util.Locale;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.mmsgw.codec.MalformedPduException;
import org.mmsgw.codec.mms.MessageType;
import org.mmsgw.codec.mms.MmsDecoder;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.codec.mms.TokenTable;
import org.mmsgw.processors.Counters;
import org.mmsgw.processors.MmsHeaders;
import org.mmsgw.processors.store.MessageStore;
import org.mmsgw.processors.store.RecipientState;
import org.mmsgw.processors.store.StoredMessage;

/**
 * Everything a phone POSTs to the MM1 URL (OMA-MMS-CTR §8): m-send-req goes to {@link SubmitHandler};
 * m-notifyresp-ind and m-acknowledge-ind update the recipient's state; m-read-rec-ind becomes a read
 * report for the sender. Sets {@link MmsHeaders#ACTION}: {@code submit} (queue the body durably, then
 * answer the {@link MmsHeaders#REPLY} property), {@code report} (queue a report, then answer 204) or
 * {@code reply} (the body is the answer, {@link MmsHeaders#HTTP_STATUS} its status).
 */
public final class Mm1PostProcessor implements Processor {
    public static final String MMS_CONTENT_TYPE = "application/vnd.wap.mms-message";

    private final SubmitHandler submissions;
    private final SenderIdentifier senders;
    private final MessageStore store;
    private final Counters counters;
    private final RecentSubmissions recent;
    private final boolean anonymous;

    /** @param anonymous whether an unidentified phone may answer for a recipient by its token alone */
    public Mm1PostProcessor(SubmitHandler submissions, SenderIdentifier senders, MessageStore store,
            Counters counters, RecentSubmissions recent, boolean anonymous) {
        this.anonymous = anonymous;
        this.submissions = submissions;
        this.senders = senders;
        this.store = store;
        this.counters = counters;
        this.recent = recent;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        String contentType = in.getHeader(MmsHeaders.HTTP_CONTENT_TYPE, "", String.class);
        if (!contentType.toLowerCase(Locale.ROOT).startsWith(MMS_CONTENT_TYPE)) {
            reply(in, 415, "text/plain", "expected Content-Type " + MMS_CONTENT_TYPE);
            return;
        }
        byte[] body = in.getMandatoryBody(byte[].class);
        Optional<String> sender = senders.identify(RetrieveProcessor.remote(in), name -> name.equalsIgnoreCase("Authorization")
                ? in.getHeader(MmsHeaders.HTTP_AUTHORIZATION, String.class)
                : in.getHeader(MmsHeaders.HTTP_MSISDN, String.class));
        MessageType type = peekType(body);
        if (type == MessageType.NOTIFYRESP_IND || type == MessageType.ACKNOWLEDGE_IND) {
            stateUpdate(in, body, type, sender);
        } else if (type == MessageType.READ_REC_IND) {
            readReport(in, body, sender);
        } else {
            submit(exchange, in, body, sender);
        }
    }

    private void submit(Exchange exchange, Message in, byte[] body, Optional<String> sender) {
        counters.increment("mmsgw_submitted_total");
        String tid = TransactionIds.peek(body);
        String key = sender.isPresent() && !tid.isEmpty() ? RecentSubmissions.key(sender.get(), tid) : null;
        Optional<byte[]> again = key == null ? Optional.empty() : recent.answered(key);
        if (again.isPresent()) {
            // the phone retries a submission it already got an answer for: same answer, no second message
            counters.increment("mmsgw_duplicates_total");
            reply(in, 200, MMS_CONTENT_TYPE, again.get());
            return;
        }
        SubmitOutcome outcome = submissions.handle(body, sender);
        if (outcome instanceof SubmitOutcome.Rejected r) {
            counters.increment("mmsgw_rejected_total", "status", TokenTable.RESPONSE_STATUS.name(r.responseStatus()));
        }
        if (outcome instanceof SubmitOutcome.Accepted a) {
            counters.increment("mmsgw_accepted_total");
            in.setHeader(MmsHeaders.ACTION, MmsHeaders.ACTION_SUBMIT);
            in.setHeader(MmsHeaders.MESSAGE_ID, a.messageId());
            in.setHeader(MmsHeaders.SENDER, a.sender());
            in.setHeader(MmsHeaders.EXPIRY, a.expiry().toEpochMilli());
            in.setBody(a.pdu());
            exchange.setProperty(MmsHeaders.REPLY, a.sendConf());
            if (key != null) {
                exchange.setProperty(RecentSubmissions.KEY, key);
            }
        } else {
            reply(in, 200, MMS_CONTENT_TYPE, outcome.sendConf());
        }
    }

    /** m-notifyresp-ind (immediate retrieval) and m-acknowledge-ind (deferred): the tid is the recipient's token. */
    private void stateUpdate(Message in, byte[] body, MessageType type, Optional<String> sender) {
        MmsPdu pdu = decodeOrNull(body);
        String token = pdu == null ? null : pdu.transactionId().orElse(null);
        Optional<StoredMessage> message = token == null ? Optional.empty()
                : store.messageIdForToken(token).flatMap(store::find);
        if (message.isEmpty()) {
            reply(in, 404, "text/plain", "unknown transaction");
            return;
        }
        String recipient = message.get().recipientByToken(token).orElseThrow().address();
        if (sender.isEmpty() && !anonymous) {
            reply(in, 403, "text/plain", "the phone could not be identified");
            return;
        }
        if (sender.isPresent() && !recipient.startsWith(sender.get() + "/")) {
            reply(in, 403, "text/plain", "not the recipient of this message");
            return;
        }
        RecipientState state = RecipientState.RETRIEVED;
        if (type == MessageType.NOTIFYRESP_IND) {
            String status = pdu.token(MmsField.STATUS).map(TokenTable.STATUS::name).orElse("");
            switch (status) {
                case "Retrieved":
                    break;
                case "Rejected":
                    state = RecipientState.REJECTED;
                    break;
                case "Deferred":
                    state = RecipientState.DEFERRED;
                    break;
                default:
                    reply(in, 204, "text/plain", "");
                    return;
            }
        }
        StoredMessage before = message.get();
        RecipientState previous = before.recipient(recipient).map(r -> r.state()).orElse(RecipientState.EXPIRED);
        store.finishRecipient(before.messageId(), recipient, state);
        // the same answer again (the phone retries after an error): the report again, which the broker
        // drops if the first one was queued (duplicate id); X-Mms-Report-Allowed: No withholds it
        boolean reportAllowed = pdu.token(MmsField.REPORT_ALLOWED).map(t -> t == 0).orElse(true);
        if (state.isFinal() && (!previous.isFinal() || previous == state) && before.deliveryReport() && reportAllowed) {
            report(in, "delivery", before.messageId(), recipient, state == RecipientState.RETRIEVED ? "Retrieved" : "Rejected");
        } else {
            reply(in, 204, "text/plain", "");
        }
    }

    /** m-read-rec-ind from the recipient's phone: a read report to the original sender when asked for. */
    private void readReport(Message in, byte[] body, Optional<String> sender) {
        MmsPdu pdu = decodeOrNull(body);
        Optional<StoredMessage> message = pdu == null ? Optional.empty()
                : pdu.text(MmsField.MESSAGE_ID).flatMap(store::find);
        if (message.isEmpty() || sender.isEmpty()) {
            reply(in, 404, "text/plain", "unknown message");
            return;
        }
        Optional<String> recipient = message.get().recipients().stream().map(r -> r.address())
                .filter(a -> a.startsWith(sender.get() + "/")).findFirst();
        if (recipient.isEmpty()) {
            reply(in, 403, "text/plain", "not a recipient of this message");
            return;
        }
        if (!message.get().readReport()) {
            reply(in, 204, "text/plain", "");
            return;
        }
        String status = pdu.token(MmsField.READ_STATUS).map(TokenTable.READ_STATUS::name).orElse("Read");
        in.setHeader(MmsHeaders.READ_STATUS, status);
        report(in, "read", message.get().messageId(), recipient.get(), status);
    }

    private static void report(Message in, String type, String messageId, String recipient, String status) {
        in.setHeader(MmsHeaders.ACTION, MmsHeaders.ACTION_REPORT);
        in.setHeader(MmsHeaders.REPORT_TYPE, type);
        in.setHeader(MmsHeaders.MESSAGE_ID, messageId);
        in.setHeader(MmsHeaders.RECIPIENT, recipient);
        in.setHeader(MmsHeaders.REPORT_STATUS, status);
        in.setBody("");
    }

    private static MessageType peekType(byte[] body) {
        if (body.length >= 2 && (body[0] & 0xFF) == 0x8C) {
            return MessageType.fromCode(body[1] & 0x7F).orElse(null);
        }
        return null;
    }

    private static MmsPdu decodeOrNull(byte[] body) {
        try {
            return new MmsDecoder().decode(body);
        } catch (MalformedPduException e) {
            return null;
        }
    }

    static void reply(Message in, int status, String contentType, Object body) {
        in.setHeader(MmsHeaders.ACTION, MmsHeaders.ACTION_REPLY);
        in.setHeader(MmsHeaders.HTTP_STATUS, status);
        in.setHeader(MmsHeaders.HTTP_CONTENT_TYPE, contentType);
        in.setBody(body);
    }

}
