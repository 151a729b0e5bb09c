package org.mmsgw.codec.mms;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.mmsgw.codec.MmsCodecException;
import org.mmsgw.codec.multipart.Body;
import org.mmsgw.codec.wsp.ContentType;
import org.mmsgw.codec.wsp.EncodedString;
import org.mmsgw.codec.wsp.Header;
import org.mmsgw.codec.wsp.HeaderValue;

/**
 * One MMS encapsulation PDU (OMA-MMS-ENC-V1_3 §6): its headers in wire order (Content-Type excluded),
 * and, for the PDUs that carry one, the content type and body, which always come last.
 *
 * @param headers     in wire order; unknown fields kept with their raw value
 * @param contentType the Content-Type header's value, or null when the PDU has none
 * @param body        the body, or null exactly when contentType is null
 */
public record MmsPdu(List<Header> headers, ContentType contentType, Body body) {

    public MmsPdu {
        headers = List.copyOf(headers);
        if ((contentType == null) != (body == null)) {
            throw new IllegalArgumentException("a content type needs a body and a body needs a content type");
        }
    }

    public static Builder builder(MessageType type) {
        return new Builder(type);
    }

    /** The message type from the X-Mms-Message-Type header. */
    public MessageType messageType() {
        return first(MmsField.MESSAGE_TYPE)
                .filter(v -> v instanceof HeaderValue.Token)
                .flatMap(v -> MessageType.fromCode(((HeaderValue.Token) v).code()))
                .orElseThrow(() -> new MmsCodecException("PDU has no known X-Mms-Message-Type"));
    }

    public boolean hasBody() {
        return body != null;
    }

    /** The value of the first header of this field. */
    public Optional<HeaderValue> first(MmsField field) {
        int code = field.code();
        for (Header h : headers) {
            if (h.code() == code) {
                return Optional.of(h.value());
            }
        }
        return Optional.empty();
    }

    /** The values of every header of this field, in wire order. */
    public List<HeaderValue> all(MmsField field) {
        int code = field.code();
        List<HeaderValue> values = null;
        for (Header h : headers) {
            if (h.code() == code) {
                if (values == null) {
                    values = new ArrayList<>(4);
                }
                values.add(h.value());
            }
        }
        return values == null ? List.of() : Collections.unmodifiableList(values);
    }

    /** A text or encoded-string field as text. */
    public Optional<String> text(MmsField field) {
        return first(field).map(MmsPdu::asText);
    }

    /** The values of a repeatable encoded-string field (To, Cc, Bcc) as text. */
    public List<String> texts(MmsField field) {
        List<HeaderValue> values = all(field);
        List<String> texts = new ArrayList<>(values.size());
        for (HeaderValue v : values) {
            texts.add(asText(v));
        }
        return Collections.unmodifiableList(texts);
    }

    /** The code of a token field, without the 0x80 bit. */
    public Optional<Integer> token(MmsField field) {
        return first(field).filter(v -> v instanceof HeaderValue.Token).map(v -> ((HeaderValue.Token) v).code());
    }

    public Optional<Long> number(MmsField field) {
        return first(field).map(v -> {
            if (v instanceof HeaderValue.Int i) {
                return i.value();
            }
            return v instanceof HeaderValue.Date d ? d.epochSeconds() : null;
        });
    }

    public Optional<String> transactionId() {
        return text(MmsField.TRANSACTION_ID);
    }

    /** The From address, empty for the insert-address-token or when absent. */
    public Optional<String> from() {
        return first(MmsField.FROM).filter(v -> v instanceof HeaderValue.From f && !f.isInsertAddress())
                .map(v -> ((HeaderValue.From) v).address().text());
    }

    /** A copy with the headers replaced (body kept). */
    public MmsPdu withHeaders(List<Header> newHeaders) {
        return new MmsPdu(newHeaders, contentType, body);
    }

    static String asText(HeaderValue v) {
        if (v instanceof HeaderValue.Text t) {
            return t.text();
        }
        if (v instanceof HeaderValue.Encoded e) {
            return e.string().text();
        }
        if (v instanceof HeaderValue.From f) {
            return f.isInsertAddress() ? "" : f.address().text();
        }
        return v.toString();
    }

    /** Builds PDUs in the order the spec asks: message type, transaction id, version, the rest. */
    public static final class Builder {
        private final List<Header> headers = new ArrayList<>();
        private ContentType contentType;
        private Body body;

        private Builder(MessageType type) {
            add(MmsField.MESSAGE_TYPE, new HeaderValue.Token(type.code()));
        }

        public Builder add(MmsField field, HeaderValue value) {
            headers.add(new Header(field.code(), field.specName(), value));
            return this;
        }

        public Builder transactionId(String id) {
            return text(MmsField.TRANSACTION_ID, id);
        }

        /** X-Mms-MMS-Version, e.g. (1, 2). */
        public Builder version(int major, int minor) {
            return add(MmsField.MMS_VERSION, new HeaderValue.Version(major, minor));
        }

        public Builder text(MmsField field, String text) {
            return add(field, new HeaderValue.Text(Objects.requireNonNull(text, field.specName())));
        }

        public Builder encoded(MmsField field, String text) {
            return add(field, new HeaderValue.Encoded(EncodedString.of(text)));
        }

        public Builder token(MmsField field, int code) {
            return add(field, new HeaderValue.Token(code));
        }

        /** A token by its spec name, e.g. {@code token(PRIORITY, "High")}. */
        public Builder token(MmsField field, String name) {
            TokenTable table = field.tokens().orElseThrow(() -> new IllegalArgumentException(field + " has no tokens"));
            return token(field, table.code(name)
                    .orElseThrow(() -> new IllegalArgumentException("no " + field.specName() + " named " + name)));
        }

        public Builder number(MmsField field, long value) {
            return add(field, new HeaderValue.Int(value));
        }

        public Builder date(MmsField field, long epochSeconds) {
            return add(field, new HeaderValue.Date(epochSeconds));
        }

        public Builder relativeTime(MmsField field, long seconds) {
            return add(field, new HeaderValue.Time(false, seconds));
        }

        public Builder absoluteTime(MmsField field, long epochSeconds) {
            return add(field, new HeaderValue.Time(true, epochSeconds));
        }

        public Builder from(String address) {
            return add(MmsField.FROM, new HeaderValue.From(EncodedString.of(address)));
        }

        public Builder insertAddressFrom() {
            return add(MmsField.FROM, HeaderValue.From.INSERT_ADDRESS);
        }

        public Builder to(String address) {
            return encoded(MmsField.TO, address);
        }

        public Builder body(ContentType type, Body content) {
            this.contentType = Objects.requireNonNull(type, "type");
            this.body = Objects.requireNonNull(content, "content");
            return this;
        }

        public MmsPdu build() {
            return new MmsPdu(headers, contentType, body);
        }
    }
}
