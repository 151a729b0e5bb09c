package org.mmsgw.codec.push;

import org.mmsgw.codec.CodecLimits;
import org.mmsgw.codec.LimitExceededException;
import org.mmsgw.codec.MalformedPduException;
import org.mmsgw.codec.wsp.ContentType;
import org.mmsgw.codec.wsp.ContentTypeCodec;
import org.mmsgw.codec.wsp.Text;
import org.mmsgw.codec.wsp.WspHeaderCodec;
import org.mmsgw.codec.wsp.WspReader;
import org.mmsgw.codec.wsp.WspWriter;

/**
 * Reads and writes connectionless WSP Push PDUs:
 * {@code TID | 0x06 | HeadersLen:uintvar | Content-Type | Headers | Body}, HeadersLen covering the
 * content type and the headers (WAP-230-WSP §8.2.4.1, §8.2.1).
 */
public final class WapPushCodec {
    private final CodecLimits limits;

    public WapPushCodec() {
        this(CodecLimits.DEFAULTS);
    }

    public WapPushCodec(CodecLimits limits) {
        this.limits = limits;
    }

    public WapPush decode(byte[] pdu) {
        if (pdu.length > limits.maxPduSize()) {
            throw new LimitExceededException("WAP Push", 0, "maxPduSize", limits.maxPduSize(), pdu.length);
        }
        if (pdu.length == 0) {
            throw new MalformedPduException("WSP transaction id", 0, "a WSP push PDU", "no octets");
        }
        WspReader r = new WspReader(pdu, limits);
        int tid = r.readOctet("WSP transaction id");
        int typeOffset = r.position();
        int type = r.readOctet("WSP PDU type");
        if (type != WapPush.PUSH && type != WapPush.CONFIRMED_PUSH) {
            throw r.malformed("WSP PDU type", typeOffset, "Push (0x06) or ConfirmedPush (0x07)", Text.octet(type));
        }
        WspReader headers = r.sub("WSP headers", r.readUintvarLength("WSP headers length"));
        ContentType contentType = ContentTypeCodec.read(headers, "WSP Content-Type");
        var list = WspHeaderCodec.read(headers, "WSP headers");
        return new WapPush(tid, type, contentType, list, r.readBytes("WSP push body", r.remaining()));
    }

    public byte[] encode(WapPush push) {
        WspWriter headers = new WspWriter(64);
        ContentTypeCodec.write(headers, push.contentType());
        WspHeaderCodec.write(headers, push.headers());
        WspWriter w = new WspWriter(headers.size() + push.body().length() + 8);
        w.writeOctet(push.transactionId());
        w.writeOctet(push.pduType());
        w.writeUintvar(headers.size());
        w.writeBytes(headers);
        w.writeBytes(push.body());
        return w.toByteArray();
    }
}
