package org.mmsgw.codec.mms;

import java.util.Arrays;
import java.util.Optional;

/** X-Mms-Message-Type values (OMA-MMS-ENC-V1_3 §7.3.30), codes without the 0x80 bit. */
public enum MessageType {
    SEND_REQ("m-send-req"),
    SEND_CONF("m-send-conf"),
    NOTIFICATION_IND("m-notification-ind"),
    NOTIFYRESP_IND("m-notifyresp-ind"),
    RETRIEVE_CONF("m-retrieve-conf"),
    ACKNOWLEDGE_IND("m-acknowledge-ind"),
    DELIVERY_IND("m-delivery-ind"),
    READ_REC_IND("m-read-rec-ind"),
    READ_ORIG_IND("m-read-orig-ind"),
    FORWARD_REQ("m-forward-req"),
    FORWARD_CONF("m-forward-conf"),
    MBOX_STORE_REQ("m-mbox-store-req"),
    MBOX_STORE_CONF("m-mbox-store-conf"),
    MBOX_VIEW_REQ("m-mbox-view-req"),
    MBOX_VIEW_CONF("m-mbox-view-conf"),
    MBOX_UPLOAD_REQ("m-mbox-upload-req"),
    MBOX_UPLOAD_CONF("m-mbox-upload-conf"),
    MBOX_DELETE_REQ("m-mbox-delete-req"),
    MBOX_DELETE_CONF("m-mbox-delete-conf"),
    MBOX_DESCR("m-mbox-descr"),
    DELETE_REQ("m-delete-req"),
    DELETE_CONF("m-delete-conf"),
    CANCEL_REQ("m-cancel-req"),
    CANCEL_CONF("m-cancel-conf");

    private final String specName;

    MessageType(String specName) {
        this.specName = specName;
    }

    /** The wire code without the 0x80 bit (m-send-req = 0). */
    public int code() {
        return ordinal();
    }

    public String specName() {
        return specName;
    }

    public static Optional<MessageType> fromCode(int code) {
        MessageType[] all = values();
        return code >= 0 && code < all.length ? Optional.of(all[code]) : Optional.empty();
    }

    public static Optional<MessageType> fromName(String name) {
        return Arrays.stream(values()).filter(t -> t.specName.equalsIgnoreCase(name)).findFirst();
    }

    static String[] names() {
        return Arrays.stream(values()).map(MessageType::specName).toArray(String[]::new);
    }

    @Override
    public String toString() {
        return specName;
    }
}
