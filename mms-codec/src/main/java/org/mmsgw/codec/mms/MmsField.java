package org.mmsgw.codec.mms;

import java.util.Arrays;
import java.util.Optional;

/**
 * MMS header fields (OMA-MMS-ENC-V1_3 §7.3, Table 24), codes without the 0x80 bit, with the form
 * their values take on the wire.
 */
public enum MmsField {
    BCC(0x01, "Bcc", Kind.ENCODED, null),
    CC(0x02, "Cc", Kind.ENCODED, null),
    CONTENT_LOCATION(0x03, "X-Mms-Content-Location", Kind.TEXT, null),
    CONTENT_TYPE(0x04, "Content-Type", Kind.CONTENT_TYPE, null),
    DATE(0x05, "Date", Kind.DATE, null),
    DELIVERY_REPORT(0x06, "X-Mms-Delivery-Report", Kind.TOKEN, TokenTable.YES_NO),
    DELIVERY_TIME(0x07, "X-Mms-Delivery-Time", Kind.TIME, null),
    EXPIRY(0x08, "X-Mms-Expiry", Kind.TIME, null),
    FROM(0x09, "From", Kind.FROM, null),
    MESSAGE_CLASS(0x0A, "X-Mms-Message-Class", Kind.TOKEN_OR_TEXT, TokenTable.MESSAGE_CLASS),
    MESSAGE_ID(0x0B, "Message-ID", Kind.TEXT, null),
    MESSAGE_TYPE(0x0C, "X-Mms-Message-Type", Kind.TOKEN, TokenTable.MESSAGE_TYPE),
    MMS_VERSION(0x0D, "X-Mms-MMS-Version", Kind.VERSION, null),
    MESSAGE_SIZE(0x0E, "X-Mms-Message-Size", Kind.LONG, null),
    PRIORITY(0x0F, "X-Mms-Priority", Kind.TOKEN, TokenTable.PRIORITY),
    READ_REPORT(0x10, "X-Mms-Read-Report", Kind.TOKEN, TokenTable.YES_NO),
    REPORT_ALLOWED(0x11, "X-Mms-Report-Allowed", Kind.TOKEN, TokenTable.YES_NO),
    RESPONSE_STATUS(0x12, "X-Mms-Response-Status", Kind.TOKEN, TokenTable.RESPONSE_STATUS),
    RESPONSE_TEXT(0x13, "X-Mms-Response-Text", Kind.ENCODED, null),
    SENDER_VISIBILITY(0x14, "X-Mms-Sender-Visibility", Kind.TOKEN, TokenTable.SENDER_VISIBILITY),
    STATUS(0x15, "X-Mms-Status", Kind.TOKEN, TokenTable.STATUS),
    SUBJECT(0x16, "Subject", Kind.ENCODED, null),
    TO(0x17, "To", Kind.ENCODED, null),
    TRANSACTION_ID(0x18, "X-Mms-Transaction-Id", Kind.TEXT, null),
    RETRIEVE_STATUS(0x19, "X-Mms-Retrieve-Status", Kind.TOKEN, TokenTable.RETRIEVE_STATUS),
    RETRIEVE_TEXT(0x1A, "X-Mms-Retrieve-Text", Kind.ENCODED, null),
    READ_STATUS(0x1B, "X-Mms-Read-Status", Kind.TOKEN, TokenTable.READ_STATUS),
    REPLY_CHARGING(0x1C, "X-Mms-Reply-Charging", Kind.TOKEN, TokenTable.REPLY_CHARGING),
    REPLY_CHARGING_DEADLINE(0x1D, "X-Mms-Reply-Charging-Deadline", Kind.TIME, null),
    REPLY_CHARGING_ID(0x1E, "X-Mms-Reply-Charging-ID", Kind.TEXT, null),
    REPLY_CHARGING_SIZE(0x1F, "X-Mms-Reply-Charging-Size", Kind.LONG, null),
    PREVIOUSLY_SENT_BY(0x20, "X-Mms-Previously-Sent-By", Kind.PREVIOUSLY_SENT_BY, null),
    PREVIOUSLY_SENT_DATE(0x21, "X-Mms-Previously-Sent-Date", Kind.PREVIOUSLY_SENT_DATE, null),
    STORE(0x22, "X-Mms-Store", Kind.TOKEN, TokenTable.YES_NO),
    MM_STATE(0x23, "X-Mms-MM-State", Kind.TOKEN, TokenTable.MM_STATE),
    MM_FLAGS(0x24, "X-Mms-MM-Flags", Kind.GENERIC, null),
    STORE_STATUS(0x25, "X-Mms-Store-Status", Kind.TOKEN, TokenTable.RESPONSE_STATUS),
    STORE_STATUS_TEXT(0x26, "X-Mms-Store-Status-Text", Kind.ENCODED, null),
    STORED(0x27, "X-Mms-Stored", Kind.TOKEN, TokenTable.YES_NO),
    ATTRIBUTES(0x28, "X-Mms-Attributes", Kind.GENERIC, null),
    TOTALS(0x29, "X-Mms-Totals", Kind.TOKEN, TokenTable.YES_NO),
    MBOX_TOTALS(0x2A, "X-Mms-Mbox-Totals", Kind.GENERIC, null),
    QUOTAS(0x2B, "X-Mms-Quotas", Kind.TOKEN, TokenTable.YES_NO),
    MBOX_QUOTAS(0x2C, "X-Mms-Mbox-Quotas", Kind.GENERIC, null),
    MESSAGE_COUNT(0x2D, "X-Mms-Message-Count", Kind.INTEGER, null),
    CONTENT(0x2E, "Content", Kind.GENERIC, null),
    START(0x2F, "X-Mms-Start", Kind.INTEGER, null),
    ADDITIONAL_HEADERS(0x30, "Additional-headers", Kind.GENERIC, null),
    DISTRIBUTION_INDICATOR(0x31, "X-Mms-Distribution-Indicator", Kind.TOKEN, TokenTable.YES_NO),
    ELEMENT_DESCRIPTOR(0x32, "X-Mms-Element-Descriptor", Kind.GENERIC, null),
    LIMIT(0x33, "X-Mms-Limit", Kind.INTEGER, null),
    RECOMMENDED_RETRIEVAL_MODE(0x34, "X-Mms-Recommended-Retrieval-Mode", Kind.TOKEN, TokenTable.RETRIEVAL_MODE),
    RECOMMENDED_RETRIEVAL_MODE_TEXT(0x35, "X-Mms-Recommended-Retrieval-Mode-Text", Kind.ENCODED, null),
    STATUS_TEXT(0x36, "X-Mms-Status-Text", Kind.ENCODED, null),
    APPLIC_ID(0x37, "X-Mms-Applic-ID", Kind.TEXT, null),
    REPLY_APPLIC_ID(0x38, "X-Mms-Reply-Applic-ID", Kind.TEXT, null),
    AUX_APPLIC_INFO(0x39, "X-Mms-Aux-Applic-Info", Kind.TEXT, null),
    CONTENT_CLASS(0x3A, "X-Mms-Content-Class", Kind.TOKEN, TokenTable.CONTENT_CLASS),
    DRM_CONTENT(0x3B, "X-Mms-DRM-Content", Kind.TOKEN, TokenTable.YES_NO),
    ADAPTATION_ALLOWED(0x3C, "X-Mms-Adaptation-Allowed", Kind.TOKEN, TokenTable.YES_NO),
    REPLACE_ID(0x3D, "X-Mms-Replace-ID", Kind.TEXT, null),
    CANCEL_ID(0x3E, "X-Mms-Cancel-ID", Kind.TEXT, null),
    CANCEL_STATUS(0x3F, "X-Mms-Cancel-Status", Kind.TOKEN, TokenTable.CANCEL_STATUS);

    /** The wire form of a field's value. */
    public enum Kind {
        /** Text-string (Uri-value, Token-text). */
        TEXT,
        /** Encoded-string-value. */
        ENCODED,
        /** Long-integer. */
        LONG,
        /** Integer-value. */
        INTEGER,
        /** Date-value (Long-integer seconds). */
        DATE,
        /** Value-length, absolute or relative token, then a date or delta-seconds. */
        TIME,
        /** Value-length, address-present or insert-address token. */
        FROM,
        /** A short-integer from a closed table. */
        TOKEN,
        /** A short-integer from a table, or Token-text. */
        TOKEN_OR_TEXT,
        /** Short-integer major/minor. */
        VERSION,
        /** Content-type-value; the last header. */
        CONTENT_TYPE,
        /** Value-length, forward count, address. */
        PREVIOUSLY_SENT_BY,
        /** Value-length, forward count, date. */
        PREVIOUSLY_SENT_DATE,
        /** Not modelled: kept raw, read by the WSP general rule. */
        GENERIC
    }

    private static final MmsField[] BY_CODE = new MmsField[128];

    static {
        for (MmsField f : values()) {
            if (BY_CODE[f.code] != null) {
                throw new ExceptionInInitializerError("code listed twice: " + f);
            }
            BY_CODE[f.code] = f;
        }
    }

    private final int code;
    private final String specName;
    private final Kind kind;
    private final TokenTable tokens;

    MmsField(int code, String specName, Kind kind, TokenTable tokens) {
        this.code = code;
        this.specName = specName;
        this.kind = kind;
        this.tokens = tokens;
    }

    public int code() {
        return code;
    }

    public String specName() {
        return specName;
    }

    public Kind kind() {
        return kind;
    }

    /** The token table of a TOKEN or TOKEN_OR_TEXT field. */
    public Optional<TokenTable> tokens() {
        return Optional.ofNullable(tokens);
    }

    /** Whether the field may appear more than once in one PDU. */
    public boolean repeatable() {
        return this == TO || this == CC || this == BCC || this == PREVIOUSLY_SENT_BY || this == PREVIOUSLY_SENT_DATE
                || this == MM_FLAGS;
    }

    public static Optional<MmsField> fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? Optional.ofNullable(BY_CODE[code]) : Optional.empty();
    }

    public static Optional<MmsField> fromName(String name) {
        if (name.equalsIgnoreCase("X-Mms-Read-Reply")) {
            return Optional.of(READ_REPORT);
        }
        return Arrays.stream(values()).filter(f -> f.specName.equalsIgnoreCase(name)).findFirst();
    }
}
