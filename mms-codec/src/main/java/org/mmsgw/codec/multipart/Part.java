package org.mmsgw.codec.multipart;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.mmsgw.codec.wsp.Bytes;
import org.mmsgw.codec.wsp.Charsets;
import org.mmsgw.codec.wsp.ContentType;
import org.mmsgw.codec.wsp.Header;
import org.mmsgw.codec.wsp.HeaderValue;
import org.mmsgw.codec.wsp.Parameter;
import org.mmsgw.codec.wsp.WspTables;

/**
 * One multipart entry (WAP-230-WSP §8.5.3): its content type, its other headers in wire order, and
 * its body (octets, or a nested multipart).
 */
public record Part(ContentType contentType, List<Header> headers, Body body) {

    public Part {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        headers = List.copyOf(headers);
    }

    /** A part with octets, a Content-ID ({@code <id>}) and a Content-Location (file name). */
    public static Part of(ContentType type, String contentId, String location, byte[] data) {
        List<Header> headers = new ArrayList<>();
        if (contentId != null) {
            headers.add(new Header(WspTables.HEADER_CONTENT_ID, "Content-ID", new HeaderValue.Quoted(contentId)));
        }
        if (location != null) {
            headers.add(new Header(WspTables.HEADER_CONTENT_LOCATION, "Content-Location",
                    new HeaderValue.Text(location)));
        }
        return new Part(type, headers, Body.of(data));
    }

    /** A text/plain part in UTF-8. */
    public static Part text(String contentId, String location, String text) {
        return of(ContentType.of("text/plain", Parameter.charset(Charsets.UTF_8)), contentId, location,
                text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The octets of a single-part body; empty for a nested multipart. */
    public Optional<Bytes> data() {
        return body instanceof Body.Data d ? Optional.of(d.bytes()) : Optional.empty();
    }

    public Optional<String> header(String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).findFirst().map(Part::valueText);
    }

    public Optional<String> contentId() {
        return header("Content-ID");
    }

    public Optional<String> contentLocation() {
        return header("Content-Location");
    }

    /** The text of a text/* part decoded with its charset (us-ascii when none); empty otherwise. */
    public Optional<String> text() {
        if (!contentType.isText() || data().isEmpty()) {
            return Optional.empty();
        }
        long mib = contentType.charset().orElse((long) Charsets.US_ASCII);
        Optional<Charset> cs = Charsets.forMib(mib == Charsets.US_ASCII ? Charsets.UTF_8 : mib);
        // a leading byte-order mark is not text (Java's UTF-16 decoder drops it, its UTF-8 decoder does not)
        return cs.map(c -> new String(data().get().toByteArray(), c)).map(t -> t.startsWith("\uFEFF") ? t.substring(1) : t);
    }

    private static String valueText(Header h) {
        HeaderValue v = h.value();
        if (v instanceof HeaderValue.Text t) {
            return t.text();
        }
        if (v instanceof HeaderValue.Quoted q) {
            return q.text();
        }
        return v instanceof HeaderValue.Int i ? String.valueOf(i.value()) : v.toString();
    }
}
