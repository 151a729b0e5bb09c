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
        long bodySize = pdu.hasBody() && pdu.body() instanceof Body.Data d ? d.bytes().length() : 0;
        if (pdu.body() instanceof Body.Multipart m) {
            bodySize = m.parts().stream().mapToLong(p -> p.data().map(b -> (long) b.length()).orElse(256L)).sum()
                    + 64L * m.parts().size();
        }
        WspWriter w = new WspWriter((int) Math.min(Integer.MAX_VALUE - 16, 256 + bodySize));
        for (Header h : pdu.headers()) {
            writeHeader(w, h);
        }
        if (pdu.hasBody()) {
            w.writeShortInteger(MmsField.CONTENT_TYPE.code());
            ContentTypeCodec.write(w, pdu.contentType());
            MultipartCodec.writeBody(w, pdu.body());
        }
        return w.toByteArray();
    }

    private static void writeHeader(WspWriter w, Header h) {
        if (h.isApplication()) {
            w.writeTextString(h.name());
            w.writeTextString(((HeaderValue.Text) h.value()).text());
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
