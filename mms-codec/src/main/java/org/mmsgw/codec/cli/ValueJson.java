package org.mmsgw.codec.cli;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mmsgw.codec.MmsCodecException;
import org.mmsgw.codec.json.Json;
import org.mmsgw.codec.wsp.Bytes;
import org.mmsgw.codec.wsp.Charsets;
import org.mmsgw.codec.wsp.ContentType;
import org.mmsgw.codec.wsp.EncodedString;
import org.mmsgw.codec.wsp.HeaderValue;
import org.mmsgw.codec.wsp.Parameter;

/** JSON forms of the value types shared by PDU, part and push headers. */
final class ValueJson {
    static final String INSERT_ADDRESS = "<insert-address>";

    private ValueJson() {
    }

    /**
     * An encoded string as a plain JSON string when the default encoding reproduces it (ASCII without
     * charset, or UTF-8 with it), else as {@code {"text": ..., "charset": ...}} so nothing is lost.
     */
    static Object encoded(EncodedString s) {
        if (s.equals(EncodedString.of(s.text()))) {
            return s.text();
        }
        Map<String, Object> o = new LinkedHashMap<>();
        if (s.decoded().isPresent()) {
            o.put("text", s.text());
        } else {
            o.put("hex", s.octets().toHex());
        }
        o.put("charset", s.hasCharset() ? Charsets.name(s.charset()) : "none");
        return o;
    }

    static EncodedString encodedFrom(Object v, String where) {
        if (v instanceof String s) {
            return EncodedString.of(s);
        }
        Map<String, Object> o = Json.asObject(v, where);
        Json.allowOnly(o, where, "text", "hex", "charset");
        String charset = Json.asString(Json.require(o, "charset", where), where + ".charset");
        long mib = charset.equals("none") ? EncodedString.NO_CHARSET : Charsets.mibEnum(charset)
                .orElseThrow(() -> new MmsCodecException(where + ": unknown charset " + charset)).longValue();
        if (o.containsKey("hex")) {
            return new EncodedString(mib, Bytes.fromHex(Json.asString(o.get("hex"), where + ".hex")));
        }
        String text = Json.asString(Json.require(o, "text", where), where + ".text");
        return mib == EncodedString.NO_CHARSET
                ? new EncodedString(mib, Bytes.wrap(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                : EncodedString.of(text, mib);
    }

    static String date(long epochSeconds) {
        return Instant.ofEpochSecond(epochSeconds).toString();
    }

    static long dateFrom(Object v, String where) {
        if (v instanceof Long n) {
            return n;
        }
        String s = Json.asString(v, where);
        try {
            return Instant.parse(s).getEpochSecond();
        } catch (DateTimeParseException e) {
            throw new MmsCodecException(where + ": expected an ISO-8601 UTC date such as 2026-01-31T12:00:00Z, found "
                    + s);
        }
    }

    static Map<String, Object> raw(Bytes octets) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("raw", octets.toHex());
        return o;
    }

    static boolean isRaw(Object v) {
        return v instanceof Map<?, ?> m && m.size() == 1 && m.containsKey("raw");
    }

    static HeaderValue.Raw rawFrom(Object v, String where) {
        Map<String, Object> o = Json.asObject(v, where);
        return new HeaderValue.Raw(Bytes.fromHex(Json.asString(o.get("raw"), where + ".raw")));
    }

    static Map<String, Object> contentType(ContentType type) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("mediaType", type.mediaType());
        if (!type.parameters().isEmpty()) {
            o.put("params", parameters(type.parameters()));
        }
        return o;
    }

    static Map<String, Object> parameters(List<Parameter> parameters) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            params.put(p.name(), p.code() == Parameter.CHARSET ? p.text() : p.value());
        }
        return params;
    }

    static ContentType contentTypeFrom(Object v, String where) {
        if (v instanceof String media) {
            return ContentType.of(media);
        }
        Map<String, Object> o = Json.asObject(v, where);
        Json.allowOnly(o, where, "mediaType", "params");
        String media = Json.asString(Json.require(o, "mediaType", where), where + ".mediaType");
        List<Parameter> params = parametersFrom(o.get("params"), where + ".params");
        return new ContentType(media, org.mmsgw.codec.wsp.WspTables.contentTypeCode(media).isEmpty(), params);
    }

    static List<Parameter> parametersFrom(Object v, String where) {
        List<Parameter> params = new ArrayList<>();
        if (v == null) {
            return params;
        }
        for (Map.Entry<String, Object> e : Json.asObject(v, where).entrySet()) {
            Object value = e.getValue() instanceof Long n ? n : Json.asString(e.getValue(), where + "." + e.getKey());
            try {
                params.add(Parameter.of(e.getKey(), value));
            } catch (IllegalArgumentException ex) {
                throw new MmsCodecException(where + "." + e.getKey() + ": " + ex.getMessage());
            }
        }
        return params;
    }
}
