package org.mmsgw.processors.mm1;

/** X-Mms-Response-Status codes the gateway answers with (OMA-MMS-ENC §7.3.48), without the 0x80 bit. */
public final class ResponseStatus {
    public static final int OK = 0x00;
    public static final int UNSUPPORTED_MESSAGE = 0x08;
    public static final int TRANSIENT_FAILURE = 0x40;
    public static final int PERMANENT_FAILURE = 0x60;
    public static final int SERVICE_DENIED = 0x61;
    public static final int MESSAGE_FORMAT_CORRUPT = 0x62;
    public static final int SENDING_ADDRESS_UNRESOLVED = 0x63;
    public static final int CONTENT_NOT_ACCEPTED = 0x65;

    private ResponseStatus() {
    }
}
