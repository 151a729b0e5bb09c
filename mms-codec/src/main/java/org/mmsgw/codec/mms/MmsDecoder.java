package org.mmsgw.codec.mms;

import java.util.ArrayList;
import java.util.List;

import org.mmsgw.codec.CodecLimits;
import org.mmsgw.codec.LimitExceededException;
import org.mmsgw.codec.MalformedPduException;
import org.mmsgw.codec.multipart.Body;
import org.mmsgw.codec.multipart.MultipartCodec;
import org.mmsgw.codec.wsp.ContentType;
import org.mmsgw.codec.wsp.ContentTypeCodec;
import org.mmsgw.codec.wsp.Header;
import org.mmsgw.codec.wsp.HeaderValue;
import org.mmsgw.codec.wsp.Text;
import org.mmsgw.codec.wsp.WspHeaderCodec;
import org.mmsgw.codec.wsp.WspReader;

/**
 * Decodes MMS encapsulation PDUs (OMA-MMS-ENC-V1_3 §6-7). Tolerant of what real phones send (header
 * order, unknown fields, textual content types); strict about structure: every malformation is a
 * {@link MalformedPduException} with field and offset. Rules about which headers a PDU type needs
 * are checked separately, by {@link MmsValidator}.
 *
 * <p>Part data are views of the input array, which must not change afterwards.
 */
public final class MmsDecoder {
    private static final int CONTENT_TYPE = 0x04;

    private final CodecLimits limits;

    public MmsDecoder() {
        this(CodecLimits.DEFAULTS);
    }

    public MmsDecoder(CodecLimits limits) {
        this.limits = limits;
    }

    public MmsPdu decode(byte[] pdu) {
        return decode(pdu, 0, pdu.length);
    }

    public MmsPdu decode(byte[] buf, int offset, int length) {
        return decode(buf, offset, length, false);
    }

    /**
     * The headers of a PDU without its body: what follows the Content-Type is not read (and not
     * checked), so the result has neither content type nor body. For a look at From, Subject and the
     * like of a PDU decoded in full before.
     */
    public MmsPdu decodeHeaders(byte[] pdu) {
        return decode(pdu, 0, pdu.length, true);
    }

    private MmsPdu decode(byte[] buf, int offset, int length, boolean headersOnly) {
        if (length > limits.maxPduSize()) {
            throw new LimitExceededException("PDU", offset, "maxPduSize", limits.maxPduSize(), length);
        }
        if (length == 0) {
            throw new MalformedPduException("X-Mms-Message-Type", offset, "an MMS PDU", "no octets");
        }
        WspReader r = new WspReader(buf, offset, offset + length, limits);
        List<Header> headers = new ArrayList<>();
        while (r.hasRemaining()) {
            if (headers.size() >= limits.maxHeaders()) {
                throw new LimitExceededException("header", r.position(), "maxHeaders", limits.maxHeaders(),
                        headers.size() + 1);
            }
            int start = r.position();
            int b = r.peek("header");
            if (b == (CONTENT_TYPE | 0x80)) {
                if (headersOnly) {
                    return new MmsPdu(headers, null, null);
                }
                r.readOctet("Content-Type");
                ContentType type = ContentTypeCodec.read(r, "Content-Type");
                Body body = MultipartCodec.readBody(r, type, 1, new int[1]);
                if (r.hasRemaining()) {
                    throw r.malformed("body", r.position(), "end of the multipart", r.remaining() + " more octets");
                }
                return new MmsPdu(headers, type, body);
            }
            if (b >= 0x80) {
                r.readOctet("header");
                int code = b & 0x7F;
                headers.add(MmsField.fromCode(code)
                        .map(f -> new Header(code, f.specName(), MmsHeaderCodec.read(r, f)))
                        .orElseGet(() -> new Header(code, Header.unknownName(code),
                                new HeaderValue.Raw(WspHeaderCodec.readGeneric(r, Header.unknownName(code))))));
            } else if (b >= 0x20) {
                String name = r.readTextString("application header name");
                headers.add(new Header(Header.APPLICATION, name, r.readText(name)));
            } else {
                throw r.malformed(headers.isEmpty() ? "X-Mms-Message-Type" : "header", start,
                        "a header field (0x80-0xFF) or an application header name", Text.octet(b));
            }
        }
        return new MmsPdu(headers, null, null);
    }
}
