package org.mmsgw.codec.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.mmsgw.codec.MmsCodecException;
import org.mmsgw.codec.json.Json;
import org.mmsgw.codec.mms.MessageType;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.codec.mms.MmsValidator;
import org.mmsgw.codec.mms.TokenTable;
import org.mmsgw.codec.mms.Violation;
import org.mmsgw.codec.multipart.Body;
import org.mmsgw.codec.multipart.Part;
import org.mmsgw.codec.wsp.Bytes;
import org.mmsgw.codec.wsp.Charsets;
import org.mmsgw.codec.wsp.ContentType;
import org.mmsgw.codec.wsp.Header;
import org.mmsgw.codec.wsp.HeaderValue;

/**
 * The JSON face of an MMS PDU, as {@code mmsgw decode} prints it and {@code mmsgw encode} reads it:
 * message type, headers in wire order as [name, value] pairs, content type, parts.
 */
public final class PduJson {
    private PduJson() {
    }

    public static Map<String, Object> toJson(MmsPdu pdu, boolean withData) {
        Map<String, Object> o = new LinkedHashMap<>();
        List<Header> headers = pdu.headers();
        boolean typeFirst = !headers.isEmpty() && headers.get(0).code() == MmsField.MESSAGE_TYPE.code()
                && headers.get(0).value() instanceof HeaderValue.Token;
        if (typeFirst) {
            o.put("messageType", TokenTable.MESSAGE_TYPE.name(((HeaderValue.Token) headers.get(0).value()).code()));
        }
        List<Object> list = new ArrayList<>();
        for (Header h : typeFirst ? headers.subList(1, headers.size()) : headers) {
            list.add(List.of(h.name(), HeaderJson.mmsValue(h)));
        }
        o.put("headers", list);
        if (pdu.hasBody()) {
            o.put("contentType", ValueJson.contentType(pdu.contentType()));
            if (pdu.body() instanceof Body.Multipart m) {
                o.put("parts", parts(m, withData));
            } else {
                Bytes data = ((Body.Data) pdu.body()).bytes();
                o.put("size", (long) data.length());
                o.put("sha256", data.sha256());
                if (withData) {
                    o.put("data", Base64.getEncoder().encodeToString(data.toByteArray()));
                }
            }
        }
        List<Violation> violations = MmsValidator.validate(pdu);
        if (!violations.isEmpty()) {
            o.put("violations", violations.stream().map(Violation::toString).toList());
        }
        return o;
    }

    private static List<Object> parts(Body.Multipart multipart, boolean withData) {
        List<Object> parts = new ArrayList<>();
        for (Part part : multipart.parts()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("contentType", ValueJson.contentType(part.contentType()));
            List<Object> headers = new ArrayList<>();
            for (Header h : part.headers()) {
                headers.add(List.of(h.name(), HeaderJson.wspValue(h)));
            }
            p.put("headers", headers);
            if (part.body() instanceof Body.Multipart nested) {
                p.put("parts", parts(nested, withData));
            } else {
                Bytes data = part.data().orElseThrow();
                p.put("size", (long) data.length());
                p.put("sha256", data.sha256());
                part.text().ifPresent(t -> p.put("text", t));
                if (withData) {
                    p.put("data", Base64.getEncoder().encodeToString(data.toByteArray()));
                }
            }
            parts.add(p);
        }
        return parts;
    }

    public static MmsPdu fromJson(Object json) {
        Map<String, Object> o = Json.asObject(json, "PDU");
        Json.allowOnly(o, "PDU", "messageType", "headers", "contentType", "parts", "size", "sha256", "data", "text",
                "violations");
        String typeName = Json.asString(Json.require(o, "messageType", "PDU"), "messageType");
        MessageType type = MessageType.fromName(typeName)
                .orElseThrow(() -> new MmsCodecException("messageType: unknown message type " + typeName));
        List<Header> headers = new ArrayList<>();
        headers.add(new Header(MmsField.MESSAGE_TYPE.code(), MmsField.MESSAGE_TYPE.specName(),
                new HeaderValue.Token(type.code())));
        List<Object> list = o.containsKey("headers") ? Json.asList(o.get("headers"), "headers") : List.of();
        for (int i = 0; i < list.size(); i++) {
            try {
                headers.add(HeaderJson.mmsHeader(list.get(i), "headers[" + i + "]"));
            } catch (IllegalArgumentException e) {
                throw new MmsCodecException("headers[" + i + "]: " + e.getMessage());
            }
        }
        if (!o.containsKey("contentType")) {
            return new MmsPdu(headers, null, null);
        }
        ContentType contentType = ValueJson.contentTypeFrom(o.get("contentType"), "contentType");
        Body body = contentType.isMultipart()
                ? partsFrom(o.get("parts"), "parts")
                : new Body.Data(dataFrom(o, contentType, "PDU"));
        return new MmsPdu(headers, contentType, body);
    }

    private static Body.Multipart partsFrom(Object v, String where) {
        List<Object> list = v == null ? List.of() : Json.asList(v, where);
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = where + "[" + i + "]";
            Map<String, Object> p = Json.asObject(list.get(i), at);
            Json.allowOnly(p, at, "contentType", "headers", "size", "sha256", "text", "data", "parts");
            ContentType type = ValueJson.contentTypeFrom(Json.require(p, "contentType", at), at + ".contentType");
            List<Header> headers = new ArrayList<>();
            List<Object> hs = p.containsKey("headers") ? Json.asList(p.get("headers"), at + ".headers") : List.of();
            for (int j = 0; j < hs.size(); j++) {
                try {
                    headers.add(HeaderJson.wspHeader(hs.get(j), at + ".headers[" + j + "]"));
                } catch (IllegalArgumentException e) {
                    throw new MmsCodecException(at + ".headers[" + j + "]: " + e.getMessage());
                }
            }
            Body body = type.isMultipart() ? partsFrom(p.get("parts"), at + ".parts") : new Body.Data(dataFrom(p, type, at));
            parts.add(new Part(type, headers, body));
        }
        return new Body.Multipart(parts);
    }

    /** The octets from {@code data} (base64), else from {@code text} in the part's charset. */
    private static Bytes dataFrom(Map<String, Object> p, ContentType type, String where) {
        if (p.containsKey("data")) {
            try {
                return Bytes.wrap(Base64.getDecoder().decode(Json.asString(p.get("data"), where + ".data")));
            } catch (IllegalArgumentException e) {
                throw new MmsCodecException(where + ".data: not base64: " + e.getMessage());
            }
        }
        if (p.containsKey("text")) {
            String text = Json.asString(p.get("text"), where + ".text");
            Optional<java.nio.charset.Charset> cs = type.charset().flatMap(Charsets::forMib);
            return Bytes.wrap(text.getBytes(cs.orElse(StandardCharsets.UTF_8)));
        }
        throw new MmsCodecException(where + ": needs \"data\" (base64) or \"text\"; decode with --with-data");
    }
}
