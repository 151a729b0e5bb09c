package org.mmsgw.codec.mms;

import org.mmsgw.codec.multipart.Body;
import org.mmsgw.codec.multipart.MultipartCodec;
import org.mmsgw.codec.wsp.ContentTypeCodec;
import org.mmsgw.codec.wsp.Header;
import org.mmsgw.codec.wsp.HeaderValue;
import org.mmsgw.codec.wsp.WspHeaderCodec;
import org.mmsgw.codec.wsp.WspWriter;

/**
 * Encodes MMS PDUs in canonical form: headers in the model's order, Content-Type last, shortest
 * length encodings. Part data are copied once, straight into the output.
 */
public final class MmsEncoder {

    public byte[] encode(MmsPdu pdu) {
        WspWriter head = new WspWriter(256);
        for (Header h : pdu.headers()) {
            writeHeader(head, h);
        }
        if (!pdu.hasBody()) {
            return head.toByteArray();
        }
        head.writeShortInteger(MmsField.CONTENT_TYPE.code());
        ContentTypeCodec.write(head, pdu.contentType());
        // size the output exactly: the part data is copied once, and no final trimming copy is needed
        if (pdu.body() instanceof Body.Data d) {
            WspWriter w = new WspWriter(head.size() + d.bytes().length());
            return w.writeBytes(head).writeBytes(d.bytes()).toByteArray();
        }
        MultipartCodec.Prepared body = MultipartCodec.prepare((Body.Multipart) pdu.body());
        long total = head.size() + body.size();
        if (total > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("PDU too large to encode: " + total + " octets");
        }
        WspWriter w = new WspWriter((int) total);
        w.writeBytes(head);
        body.writeTo(w);
        return w.toByteArray();
    }

    private static void writeHeader(WspWriter w, Header h) {
        if (h.isApplication()) {
            w.writeNonEmptyTextString(h.name());
            w.writeTextBytes(((HeaderValue.Text) h.value()).octets());
            return;
        }
        w.writeShortInteger(h.code());
        MmsField field = MmsField.fromCode(h.code()).orElse(null);
        if (field == null) {
            WspHeaderCodec.writeValue(w, h.value());
        } else {
            MmsHeaderCodec.write(w, field, h.value());
        }
    }
}
