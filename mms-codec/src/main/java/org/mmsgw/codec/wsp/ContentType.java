package org.mmsgw.codec.wsp;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A WSP Content-type-value (WAP-230-WSP §8.4.2.24): a media type and its parameters.
 *
 * @param mediaType  the media type as written ({@code image/jpeg})
 * @param textual    true when it travels as text although a well-known code may exist (kept as decoded)
 * @param parameters in wire order
 */
public record ContentType(String mediaType, boolean textual, List<Parameter> parameters) {
    public static final String MULTIPART_MIXED = "application/vnd.wap.multipart.mixed";
    public static final String MULTIPART_RELATED = "application/vnd.wap.multipart.related";
    public static final String MULTIPART_ALTERNATIVE = "application/vnd.wap.multipart.alternative";
    public static final String MMS_MESSAGE = "application/vnd.wap.mms-message";

    public ContentType {
        Objects.requireNonNull(mediaType, "mediaType");
        parameters = List.copyOf(parameters);
        if (!textual && WspTables.contentTypeCode(mediaType).isEmpty()) {
            throw new IllegalArgumentException("no well-known code for " + mediaType);
        }
    }

    /** The media type with the given parameters, written as a well-known code when it has one. */
    public static ContentType of(String mediaType, Parameter... parameters) {
        return new ContentType(mediaType, WspTables.contentTypeCode(mediaType).isEmpty(), List.of(parameters));
    }

    public Optional<Parameter> parameter(String name) {
        return parameters.stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst();
    }

    public Optional<String> parameterText(String name) {
        return parameter(name).map(Parameter::text);
    }

    /** The charset MIBenum, when a charset parameter is present. */
    public Optional<Long> charset() {
        return parameter("charset").filter(p -> p.value() instanceof Long).map(p -> (Long) p.value());
    }

    /** True for the WSP multipart types (application/vnd.wap.multipart.*) and for multipart/*. */
    public boolean isMultipart() {
        String lower = mediaType.toLowerCase(Locale.ROOT);
        return lower.startsWith("application/vnd.wap.multipart.") || lower.startsWith("multipart/");
    }

    public boolean isText() {
        return mediaType.toLowerCase(Locale.ROOT).startsWith("text/");
    }

    public boolean is(String type) {
        return mediaType.equalsIgnoreCase(type);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(mediaType);
        for (Parameter p : parameters) {
            sb.append("; ").append(p.name()).append('=').append(p.text());
        }
        return sb.toString();
    }
}
