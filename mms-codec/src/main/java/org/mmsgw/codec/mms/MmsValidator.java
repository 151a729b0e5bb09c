package org.mmsgw.codec.mms;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.mmsgw.codec.wsp.Header;
import org.mmsgw.codec.wsp.HeaderValue;

/**
 * Checks a decoded PDU against the rules of its message type (OMA-MMS-ENC-V1_3 §6 tables): mandatory
 * headers, headers that may appear once, header order (message type first, then transaction id,
 * then version) and which types carry a body. Lists every violation; an empty list means valid.
 */
public final class MmsValidator {
    private static final Map<MessageType, Set<MmsField>> MANDATORY = new EnumMap<>(MessageType.class);
    private static final Set<MessageType> WITH_BODY = EnumSet.of(MessageType.SEND_REQ, MessageType.RETRIEVE_CONF,
            MessageType.MBOX_UPLOAD_REQ, MessageType.MBOX_DESCR);
    private static final Set<MessageType> NEEDS_RECIPIENT = EnumSet.of(MessageType.SEND_REQ, MessageType.FORWARD_REQ);

    static {
        put(MessageType.SEND_REQ, MmsField.TRANSACTION_ID, MmsField.MMS_VERSION, MmsField.FROM);
        put(MessageType.SEND_CONF, MmsField.TRANSACTION_ID, MmsField.MMS_VERSION, MmsField.RESPONSE_STATUS);
        put(MessageType.NOTIFICATION_IND, MmsField.TRANSACTION_ID, MmsField.MMS_VERSION, MmsField.MESSAGE_CLASS,
                MmsField.MESSAGE_SIZE, MmsField.EXPIRY, MmsField.CONTENT_LOCATION);
        put(MessageType.NOTIFYRESP_IND, MmsField.TRANSACTION_ID, MmsField.MMS_VERSION, MmsField.STATUS);
        put(MessageType.RETRIEVE_CONF, MmsField.MMS_VERSION, MmsField.DATE);
        put(MessageType.ACKNOWLEDGE_IND, MmsField.TRANSACTION_ID, MmsField.MMS_VERSION);
        put(MessageType.DELIVERY_IND, MmsField.MMS_VERSION, MmsField.MESSAGE_ID, MmsField.TO, MmsField.DATE,
                MmsField.STATUS);
        put(MessageType.READ_REC_IND, MmsField.MMS_VERSION, MmsField.MESSAGE_ID, MmsField.TO, MmsField.FROM,
                MmsField.READ_STATUS);
        put(MessageType.READ_ORIG_IND, MmsField.MMS_VERSION, MmsField.MESSAGE_ID, MmsField.TO, MmsField.FROM,
                MmsField.DATE, MmsField.READ_STATUS);
        put(MessageType.FORWARD_REQ, MmsField.TRANSACTION_ID, MmsField.MMS_VERSION, MmsField.FROM,
                MmsField.CONTENT_LOCATION);
        put(MessageType.FORWARD_CONF, MmsField.TRANSACTION_ID, MmsField.MMS_VERSION, MmsField.RESPONSE_STATUS);
        put(MessageType.CANCEL_REQ, MmsField.TRANSACTION_ID, MmsField.MMS_VERSION, MmsField.CANCEL_ID);
        put(MessageType.CANCEL_CONF, MmsField.TRANSACTION_ID, MmsField.MMS_VERSION);
    }

    private static void put(MessageType type, MmsField... fields) {
        Set<MmsField> set = EnumSet.of(MmsField.MESSAGE_TYPE, fields);
        MANDATORY.put(type, set);
    }

    private MmsValidator() {
    }

    public static List<Violation> validate(MmsPdu pdu) {
        List<Violation> violations = new ArrayList<>();
        List<Header> headers = pdu.headers();
        if (headers.isEmpty() || headers.get(0).code() != MmsField.MESSAGE_TYPE.code()) {
            violations.add(new Violation(MmsField.MESSAGE_TYPE.specName(), "must be the first header"));
        }
        Optional<MessageType> type = pdu.token(MmsField.MESSAGE_TYPE).flatMap(MessageType::fromCode);
        if (type.isEmpty()) {
            violations.add(new Violation(MmsField.MESSAGE_TYPE.specName(), "missing or unknown message type"));
            return violations;
        }
        checkOrder(headers, violations);
        checkOnce(headers, violations);
        Set<MmsField> mandatory = MANDATORY.getOrDefault(type.get(), Set.of(MmsField.MESSAGE_TYPE));
        for (MmsField field : mandatory) {
            if (pdu.first(field).isEmpty()) {
                violations.add(new Violation(field.specName(), "mandatory in " + type.get().specName()));
            }
        }
        if (NEEDS_RECIPIENT.contains(type.get()) && pdu.all(MmsField.TO).isEmpty() && pdu.all(MmsField.CC).isEmpty()
                && pdu.all(MmsField.BCC).isEmpty()) {
            violations.add(new Violation("To", "at least one of To, Cc or Bcc is needed in " + type.get().specName()));
        }
        if (WITH_BODY.contains(type.get()) && !pdu.hasBody()) {
            violations.add(new Violation(MmsField.CONTENT_TYPE.specName(), "mandatory in " + type.get().specName()));
        } else if (!WITH_BODY.contains(type.get()) && pdu.hasBody()) {
            violations.add(new Violation(MmsField.CONTENT_TYPE.specName(),
                    "not allowed in " + type.get().specName()));
        }
        checkTokens(headers, violations);
        return violations;
    }

    /** Message type first, then transaction id (when present), then the version. */
    private static void checkOrder(List<Header> headers, List<Violation> violations) {
        int tid = indexOf(headers, MmsField.TRANSACTION_ID);
        int version = indexOf(headers, MmsField.MMS_VERSION);
        if (tid >= 0 && tid != 1) {
            violations.add(new Violation(MmsField.TRANSACTION_ID.specName(), "must directly follow the message type"));
        }
        int expectedVersion = tid == 1 ? 2 : 1;
        if (version >= 0 && version != expectedVersion) {
            violations.add(new Violation(MmsField.MMS_VERSION.specName(),
                    tid == 1 ? "must directly follow the transaction id" : "must directly follow the message type"));
        }
    }

    private static void checkOnce(List<Header> headers, List<Violation> violations) {
        Set<MmsField> seen = EnumSet.noneOf(MmsField.class);
        for (Header h : headers) {
            MmsField.fromCode(h.code()).filter(f -> !h.isApplication()).ifPresent(f -> {
                if (!f.repeatable() && !seen.add(f)) {
                    violations.add(new Violation(f.specName(), "appears more than once"));
                }
            });
        }
    }

    private static void checkTokens(List<Header> headers, List<Violation> violations) {
        for (Header h : headers) {
            if (h.isApplication() || !(h.value() instanceof HeaderValue.Token t)) {
                continue;
            }
            MmsField.fromCode(h.code()).flatMap(MmsField::tokens).ifPresent(table -> {
                if (!table.contains(t.code())) {
                    violations.add(new Violation(h.name(), "unknown value " + table.name(t.code())));
                }
            });
        }
    }

    private static int indexOf(List<Header> headers, MmsField field) {
        for (int i = 0; i < headers.size(); i++) {
            if (!headers.get(i).isApplication() && headers.get(i).code() == field.code()) {
                return i;
            }
        }
        return -1;
    }
}
