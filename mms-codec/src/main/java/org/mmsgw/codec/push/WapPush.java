package org.mmsgw.codec.push;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.mmsgw.codec.wsp.Bytes;
import org.mmsgw.codec.wsp.ContentType;
import org.mmsgw.codec.wsp.Header;
import org.mmsgw.codec.wsp.HeaderValue;
import org.mmsgw.codec.wsp.WspTables;

/**
 * A connectionless WSP Push PDU (WAP-230-WSP §8.2.4.1): transaction id, PDU type (Push 0x06 or
 * ConfirmedPush 0x07), content type, headers, body.
 */
public record WapPush(int transactionId, int pduType, ContentType contentType, List<Header> headers, Bytes body) {
    public static final int PUSH = 0x06;
    public static final int CONFIRMED_PUSH = 0x07;

    public WapPush {
        if (transactionId < 0 || transactionId > 255) {
            throw new IllegalArgumentException("transaction id must be one octet: " + transactionId);
        }
        if (pduType != PUSH && pduType != CONFIRMED_PUSH) {
            throw new IllegalArgumentException("not a push PDU type: " + pduType);
        }
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        headers = List.copyOf(headers);
    }

    /**
     * The push that carries an MMS PDU (m-notification-ind, m-delivery-ind, m-read-orig-ind) to the MMS
     * user agent: content type application/vnd.wap.mms-message, X-Wap-Application-Id mms.ua.
     *
     * @param initiatorUri X-Wap-Initiator-URI, or null for none
     */
    public static WapPush forMms(int transactionId, byte[] mmsPdu, String initiatorUri) {
        List<Header> headers = new ArrayList<>();
        headers.add(new Header(WspTables.HEADER_APPLICATION_ID, "X-Wap-Application-Id",
                new HeaderValue.Int(WspTables.APPLICATION_MMS_UA)));
        if (initiatorUri != null) {
            headers.add(new Header(WspTables.HEADER_INITIATOR_URI, "X-Wap-Initiator-URI",
                    new HeaderValue.Text(initiatorUri)));
        }
        return new WapPush(transactionId, PUSH, ContentType.of(ContentType.MMS_MESSAGE), headers,
                Bytes.wrap(mmsPdu.clone()));
    }

    /** The X-Wap-Application-Id as a URI ({@code x-wap-application:mms.ua}), when present. */
    public Optional<String> applicationId() {
        return headers.stream().filter(h -> h.code() == WspTables.HEADER_APPLICATION_ID).findFirst()
                .map(h -> h.value() instanceof HeaderValue.Int i
                        ? WspTables.applicationId(i.value()).orElse("x-wap-application:" + i.value())
                        : ((HeaderValue.Text) h.value()).text());
    }

    /** True when this push is addressed to the MMS user agent and carries an MMS PDU. */
    public boolean isMms() {
        return contentType.is(ContentType.MMS_MESSAGE)
                && applicationId().map(id -> id.equalsIgnoreCase("x-wap-application:mms.ua")).orElse(true);
    }
}
