package org.mmsgw.codec.golden;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.mmsgw.codec.mms.MmsDecoder;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.codec.multipart.Body;
import org.mmsgw.codec.multipart.Part;
import org.mmsgw.codec.push.WapPush;
import org.mmsgw.codec.wsp.Charsets;
import org.mmsgw.codec.wsp.ContentType;
import org.mmsgw.codec.wsp.EncodedString;
import org.mmsgw.codec.wsp.Header;
import org.mmsgw.codec.wsp.HeaderValue;
import org.mmsgw.codec.wsp.Parameter;
import org.mmsgw.codec.wsp.WspTables;

/**
 * What our decoder reports, written in the shape and the conventions of the tshark expected files
 * ({@code src/test/resources/golden/README.md}), so that a test compares two maps key by key. A key is
 * left out when our model has no such value, as tshark leaves out a field it does not show.
 *
 * <p>The conventions carried over from tshark:
 * <ul>
 *   <li>Encoded-string-values (From, To, Cc, Bcc, Subject): tshark ignores the charset and shows each
 *       octet at or above 0x80 as one U+FFFD. So our <em>decoded</em> text is encoded again in its
 *       charset (UTF-8 for a plain Text-string) and put through the same rule. A decoder that picked a
 *       wrong charset, lost or added characters, or kept a BOM or quote octet differently fails this;
 *       a charset Java does not know fails it too.</li>
 *   <li>From with the insert-address-token is {@code <insert address>}.</li>
 *   <li>Token fields are numbers with the 0x80 bit set.</li>
 *   <li>Content-ID written as a Quoted-string is shown inside double quotes.</li>
 *   <li>Part size is the length of the part's data.</li>
 *   <li>Charset names: ours are lower case; {@link ViewAssert} compares {@code charset} ignoring case.</li>
 * </ul>
 */
final class TsharkView {
    static final String INSERT_ADDRESS = "<insert address>";
    private static final char REPLACEMENT = '\uFFFD';

    private TsharkView() {
    }

    /** The {@code push} section; {@code segments} only for reassembled vectors. */
    static Map<String, Object> push(WapPush push, Integer segments) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("tid", (long) push.transactionId());
        view.put("pduType", (long) push.pduType());
        view.put("contentType", push.contentType().mediaType());
        push.applicationId().ifPresent(id -> view.put("applicationId", id));
        if (segments != null) {
            view.put("segments", (long) segments);
        }
        return view;
    }

    /** The {@code mms} section of a push, decoded from its body, when the push carries an MMS PDU. */
    static Optional<Map<String, Object>> mmsOf(WapPush push) {
        if (!push.contentType().is(ContentType.MMS_MESSAGE)) {
            return Optional.empty();
        }
        return Optional.of(mms(new MmsDecoder().decode(push.body().toByteArray())));
    }

    /** The {@code mms} section. */
    static Map<String, Object> mms(MmsPdu pdu) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("messageType", pdu.messageType().specName());
        pdu.transactionId().ifPresent(v -> view.put("transactionId", v));
        pdu.first(MmsField.MMS_VERSION).ifPresent(v -> view.put("mmsVersion", v.toString()));
        pdu.text(MmsField.MESSAGE_ID).ifPresent(v -> view.put("messageId", v));
        pdu.first(MmsField.FROM).ifPresent(v -> view.put("from", from(v)));
        putList(view, "to", pdu.all(MmsField.TO));
        putList(view, "cc", pdu.all(MmsField.CC));
        putList(view, "bcc", pdu.all(MmsField.BCC));
        pdu.first(MmsField.SUBJECT).ifPresent(v -> view.put("subject", encoded(v)));
        pdu.text(MmsField.CONTENT_LOCATION).ifPresent(v -> view.put("contentLocation", v));
        pdu.number(MmsField.MESSAGE_SIZE).ifPresent(v -> view.put("messageSize", v));
        putToken(view, "responseStatus", pdu, MmsField.RESPONSE_STATUS);
        putToken(view, "status", pdu, MmsField.STATUS);
        putToken(view, "readStatus", pdu, MmsField.READ_STATUS);
        if (pdu.hasBody()) {
            view.put("contentType", pdu.contentType().mediaType());
            if (pdu.body() instanceof Body.Multipart multipart) {
                List<Object> parts = new ArrayList<>();
                for (Part part : multipart.parts()) {
                    parts.add(part(part));
                }
                view.put("parts", parts);
            }
        }
        return view;
    }

    static Map<String, Object> part(Part part) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("contentType", part.contentType().mediaType());
        part.data().ifPresent(d -> view.put("size", (long) d.length()));
        part.headers().stream().filter(h -> h.code() == WspTables.HEADER_CONTENT_ID).findFirst()
                .ifPresent(h -> view.put("contentId", contentId(h, part)));
        part.contentLocation().ifPresent(v -> view.put("contentLocation", v));
        part.contentType().parameter("name").map(Parameter::text).ifPresent(v -> view.put("name", v));
        part.contentType().parameter("charset").map(Parameter::text).ifPresent(v -> view.put("charset", v));
        return view;
    }

    /** tshark adds the closing quote of a Quoted-string; a Text-string it shows as is. */
    private static String contentId(Header h, Part part) {
        String id = part.contentId().orElseThrow();
        return h.value() instanceof HeaderValue.Quoted ? '"' + id + '"' : id;
    }

    private static Object from(HeaderValue v) {
        if (v instanceof HeaderValue.From f) {
            return f.isInsertAddress() ? INSERT_ADDRESS : tshark(f.address());
        }
        return "unexpected From value " + v;
    }

    private static Object encoded(HeaderValue v) {
        return v instanceof HeaderValue.Encoded e ? tshark(e.string()) : "unexpected value " + v;
    }

    private static void putList(Map<String, Object> view, String key, List<HeaderValue> values) {
        if (!values.isEmpty()) {
            view.put(key, values.stream().map(TsharkView::encoded).toList());
        }
    }

    private static void putToken(Map<String, Object> view, String key, MmsPdu pdu, MmsField field) {
        pdu.first(field).ifPresent(v -> view.put(key,
                v instanceof HeaderValue.Token t ? (Object) (long) (t.code() | 0x80) : "unexpected value " + v));
    }

    /** Our decoded text as tshark shows the encoded string (see the class comment). */
    static String tshark(EncodedString s) {
        String text = s.decoded().orElse(null);
        if (text == null) {
            return "[our decoder cannot decode charset " + Charsets.name(s.charset()) + "]";
        }
        Charset charset = s.hasCharset() ? Charsets.forMib(s.charset()).orElseThrow() : StandardCharsets.UTF_8;
        return tshark(text.getBytes(charset));
    }

    /** Octets read as ASCII, every octet at or above 0x80 one U+FFFD. */
    static String tshark(byte[] octets) {
        StringBuilder sb = new StringBuilder(octets.length);
        for (byte b : octets) {
            sb.append(b >= 0 ? (char) b : REPLACEMENT);
        }
        return sb.toString();
    }
}
