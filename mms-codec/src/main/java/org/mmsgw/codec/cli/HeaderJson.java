package org.mmsgw.codec.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.mmsgw.codec.MmsCodecException;
import org.mmsgw.codec.json.Json;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.TokenTable;
import org.mmsgw.codec.wsp.Header;
import org.mmsgw.codec.wsp.HeaderValue;
import org.mmsgw.codec.wsp.WspTables;

/** Header values to and from JSON: spec names for tokens, ISO-8601 dates, text for strings. */
final class HeaderJson {
    private HeaderJson() {
    }

    static Object mmsValue(Header h) {
        HeaderValue v = h.value();
        Optional<TokenTable> table = MmsField.fromCode(h.code()).filter(f -> !h.isApplication())
                .flatMap(MmsField::tokens);
        if (v instanceof HeaderValue.Token t && table.isPresent()) {
            return table.get().name(t.code());
        }
        if (v instanceof HeaderValue.Date d) {
            return ValueJson.date(d.epochSeconds());
        }
        if (v instanceof HeaderValue.Time t) {
            if (t.absolute()) {
                return ValueJson.date(t.value());
            }
            return Map.of("relative", t.value());
        }
        if (v instanceof HeaderValue.From f) {
            return f.isInsertAddress() ? ValueJson.INSERT_ADDRESS : ValueJson.encoded(f.address());
        }
        if (v instanceof HeaderValue.Version ver) {
            return ver.toString();
        }
        if (v instanceof HeaderValue.PreviouslySentBy p) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("count", p.count());
            o.put("address", ValueJson.encoded(p.address()));
            return o;
        }
        if (v instanceof HeaderValue.PreviouslySentDate p) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("count", p.count());
            o.put("date", ValueJson.date(p.epochSeconds()));
            return o;
        }
        return wspValue(h);
    }

    static Object wspValue(Header h) {
        HeaderValue v = h.value();
        if (v instanceof HeaderValue.Text t) {
            return text(t);
        }
        if (v instanceof HeaderValue.Quoted q) {
            return q.text();
        }
        if (v instanceof HeaderValue.Encoded e) {
            return ValueJson.encoded(e.string());
        }
        if (v instanceof HeaderValue.Int i) {
            return i.value();
        }
        if (v instanceof HeaderValue.Token t) {
            return String.format("0x%02X", t.code() | 0x80);
        }
        if (v instanceof HeaderValue.Disposition d) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("type", d.type());
            if (!d.parameters().isEmpty()) {
                o.put("params", ValueJson.parameters(d.parameters()));
            }
            return o;
        }
        if (v instanceof HeaderValue.Raw r) {
            return ValueJson.raw(r.octets());
        }
        throw new IllegalStateException("no JSON form for " + v);
    }

    static Header mmsHeader(Object pair, String where) {
        List<Object> nv = pairOf(pair, where);
        String name = Json.asString(nv.get(0), where + "[0]");
        Object value = nv.get(1);
        String at = where + " " + name;
        Optional<MmsField> field = MmsField.fromName(name);
        if (field.isEmpty()) {
            Optional<Integer> code = unknownCode(name);
            if (code.isPresent()) {
                return new Header(code.get(), Header.unknownName(code.get()), ValueJson.rawFrom(value, at));
            }
            return new Header(Header.APPLICATION, name, textFrom(value, at));
        }
        MmsField f = field.get();
        if (ValueJson.isRaw(value)) {
            return new Header(f.code(), f.specName(), ValueJson.rawFrom(value, at));
        }
        return new Header(f.code(), f.specName(), mmsValueFrom(f, value, at));
    }

    private static HeaderValue mmsValueFrom(MmsField f, Object value, String at) {
        switch (f.kind()) {
            case TEXT:
                return textFrom(value, at);
            case ENCODED:
                return new HeaderValue.Encoded(ValueJson.encodedFrom(value, at));
            case LONG:
            case INTEGER:
                return new HeaderValue.Int(Json.asLong(value, at));
            case DATE:
                return new HeaderValue.Date(ValueJson.dateFrom(value, at));
            case TIME:
                if (value instanceof Map) {
                    Map<String, Object> o = Json.asObject(value, at);
                    return new HeaderValue.Time(false, Json.asLong(Json.require(o, "relative", at), at + ".relative"));
                }
                return new HeaderValue.Time(true, ValueJson.dateFrom(value, at));
            case FROM:
                if (ValueJson.INSERT_ADDRESS.equals(value)) {
                    return HeaderValue.From.INSERT_ADDRESS;
                }
                return new HeaderValue.From(ValueJson.encodedFrom(value, at));
            case TOKEN:
            case TOKEN_OR_TEXT: {
                String name = Json.asString(value, at);
                Optional<Integer> code = f.tokens().flatMap(t -> t.code(name));
                if (code.isPresent()) {
                    return new HeaderValue.Token(code.get());
                }
                if (f.kind() == MmsField.Kind.TOKEN_OR_TEXT) {
                    return new HeaderValue.Text(name);
                }
                throw new MmsCodecException(at + ": unknown value " + name);
            }
            case VERSION: {
                String s = Json.asString(value, at);
                String[] mm = s.split("\\.");
                try {
                    return new HeaderValue.Version(Integer.parseInt(mm[0]), mm.length > 1 ? Integer.parseInt(mm[1]) : 15);
                } catch (IllegalArgumentException e) {
                    throw new MmsCodecException(at + ": expected a version such as 1.2, found " + s);
                }
            }
            case PREVIOUSLY_SENT_BY: {
                Map<String, Object> o = Json.asObject(value, at);
                return new HeaderValue.PreviouslySentBy(Json.asLong(Json.require(o, "count", at), at + ".count"),
                        ValueJson.encodedFrom(Json.require(o, "address", at), at + ".address"));
            }
            case PREVIOUSLY_SENT_DATE: {
                Map<String, Object> o = Json.asObject(value, at);
                return new HeaderValue.PreviouslySentDate(Json.asLong(Json.require(o, "count", at), at + ".count"),
                        ValueJson.dateFrom(Json.require(o, "date", at), at + ".date"));
            }
            default:
                throw new MmsCodecException(at + ": give this header as {\"raw\": \"<hex>\"}");
        }
    }

    static Header wspHeader(Object pair, String where) {
        List<Object> nv = pairOf(pair, where);
        String name = Json.asString(nv.get(0), where + "[0]");
        Object value = nv.get(1);
        String at = where + " " + name;
        Optional<Integer> code = WspTables.headerCode(name).or(() -> unknownCode(name));
        if (code.isEmpty()) {
            return new Header(Header.APPLICATION, name, textFrom(value, at));
        }
        int c = code.get();
        String specName = WspTables.header(c).orElse(Header.unknownName(c));
        if (ValueJson.isRaw(value)) {
            return new Header(c, specName, ValueJson.rawFrom(value, at));
        }
        if (c == WspTables.HEADER_CONTENT_ID) {
            return new Header(c, specName, new HeaderValue.Quoted(Json.asString(value, at)));
        }
        if (c == WspTables.HEADER_CONTENT_DISPOSITION || c == WspTables.HEADER_CONTENT_DISPOSITION_14) {
            Map<String, Object> o = Json.asObject(value, at);
            return new Header(c, specName, new HeaderValue.Disposition(
                    Json.asString(Json.require(o, "type", at), at + ".type"),
                    ValueJson.parametersFrom(o.get("params"), at + ".params")));
        }
        if (value instanceof Long n) {
            return new Header(c, specName, new HeaderValue.Int(n));
        }
        return new Header(c, specName, textFrom(value, at));
    }

    /** A text value: a string, or {@code {"text": ..., "charset": "iso-8859-1"}} when its octets were not UTF-8. */
    static Object text(HeaderValue.Text t) {
        if (!t.latin1()) {
            return t.text();
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("text", t.text());
        o.put("charset", LATIN_1);
        return o;
    }

    private static HeaderValue.Text textFrom(Object value, String at) {
        if (value instanceof Map) {
            Map<String, Object> o = Json.asObject(value, at);
            String charset = Json.asString(Json.require(o, "charset", at), at + ".charset");
            if (!charset.equalsIgnoreCase(LATIN_1)) {
                throw new MmsCodecException(at + ": a text-string is UTF-8 or " + LATIN_1 + ", not " + charset);
            }
            try {
                return new HeaderValue.Text(Json.asString(Json.require(o, "text", at), at + ".text"), true);
            } catch (IllegalArgumentException e) {
                throw new MmsCodecException(at + ": " + e.getMessage());
            }
        }
        return new HeaderValue.Text(Json.asString(value, at));
    }

    private static final String LATIN_1 = "iso-8859-1";

    private static Optional<Integer> unknownCode(String name) {
        return name.matches("0[xX][89a-fA-F][0-9a-fA-F]")
                ? Optional.of(Integer.parseInt(name.substring(2), 16) & 0x7F) : Optional.empty();
    }

    private static List<Object> pairOf(Object pair, String where) {
        List<Object> nv = Json.asList(pair, where);
        if (nv.size() != 2) {
            throw new MmsCodecException(where + ": expected [name, value], found " + nv.size() + " elements");
        }
        return nv;
    }
}
