package org.mmsgw.codec.multipart;

import java.util.ArrayList;
import java.util.List;

import org.mmsgw.codec.LimitExceededException;
import org.mmsgw.codec.wsp.ContentType;
import org.mmsgw.codec.wsp.ContentTypeCodec;
import org.mmsgw.codec.wsp.WspHeaderCodec;
import org.mmsgw.codec.wsp.WspReader;
import org.mmsgw.codec.wsp.WspWriter;

/**
 * The WSP multipart format (WAP-230-WSP §8.5): {@code nEntries:uintvar} then per entry
 * {@code HeadersLen:uintvar DataLen:uintvar ContentType Headers Data}, HeadersLen counting the content
 * type and the headers. Part data is not copied: parts hold views of the input.
 */
public final class MultipartCodec {
    private MultipartCodec() {
    }

    /** Reads a body of the given type: a multipart when the type is one, else the remaining octets. */
    public static Body readBody(WspReader r, ContentType type, int depth, int[] partCount) {
        if (!type.isMultipart()) {
            return new Body.Data(r.readBytes("body", r.remaining()));
        }
        return readMultipart(r, depth, partCount);
    }

    /**
     * @param depth     nesting level of this multipart, 1 for the message body
     * @param partCount parts read so far over the whole PDU (one-element counter shared by all levels)
     */
    public static Body.Multipart readMultipart(WspReader r, int depth, int[] partCount) {
        if (depth > r.limits().maxDepth()) {
            throw new LimitExceededException("multipart", r.position(), "maxDepth", r.limits().maxDepth(), depth);
        }
        int countOffset = r.position();
        long entries = r.readUintvar("multipart entry count");
        long budget = (long) r.limits().maxParts() - partCount[0];
        if (entries > budget) {
            throw new LimitExceededException("multipart entry count", countOffset, "maxParts", r.limits().maxParts(),
                    partCount[0] + entries);
        }
        // every entry needs at least 3 octets (two uintvars and a content type)
        if (entries * 3 > r.remaining()) {
            throw r.malformed("multipart entry count", countOffset,
                    "at most " + r.remaining() / 3 + " entries in the " + r.remaining() + " remaining octets",
                    String.valueOf(entries));
        }
        List<Part> parts = new ArrayList<>((int) entries);
        for (long i = 0; i < entries; i++) {
            partCount[0]++;
            parts.add(readPart(r, "part " + (i + 1), depth, partCount));
        }
        return new Body.Multipart(parts);
    }

    private static Part readPart(WspReader r, String name, int depth, int[] partCount) {
        int headersLength = r.readUintvarLength(name + " headers length");
        int dataLengthOffset = r.position();
        long dataLength = r.readUintvar(name + " data length");
        if (headersLength + dataLength > r.remaining()) {
            throw r.malformed(name + " data length", dataLengthOffset,
                    "a length within the " + (r.remaining() - headersLength) + " octets after the headers",
                    String.valueOf(dataLength));
        }
        WspReader headers = r.sub(name + " headers", headersLength);
        ContentType type = ContentTypeCodec.read(headers, name + " Content-Type");
        var partHeaders = WspHeaderCodec.read(headers, name + " headers");
        WspReader data = r.sub(name + " data", (int) dataLength);
        Body body = type.isMultipart() ? readMultipart(data, depth + 1, partCount) : readBody(data, type, depth, partCount);
        if (data.hasRemaining()) {
            throw data.malformed(name + " data", data.position(), "end of the nested multipart",
                    data.remaining() + " more octets");
        }
        return new Part(type, partHeaders, body);
    }

    public static void writeBody(WspWriter w, Body body) {
        if (body instanceof Body.Data d) {
            w.writeBytes(d.bytes());
        } else {
            prepare((Body.Multipart) body).writeTo(w);
        }
    }

    public static void writeMultipart(WspWriter w, Body.Multipart multipart) {
        prepare(multipart).writeTo(w);
    }

    /**
     * A multipart with its part headers already encoded and its exact size known, so that a PDU can
     * be written into a buffer of exactly the right size and each part's data copied only once.
     */
    public static Prepared prepare(Body.Multipart multipart) {
        List<WspWriter> headers = new ArrayList<>(multipart.parts().size());
        List<Object> bodies = new ArrayList<>(multipart.parts().size());
        long size = WspWriter.uintvarSize(multipart.parts().size());
        for (Part part : multipart.parts()) {
            WspWriter h = new WspWriter(64);
            ContentTypeCodec.write(h, part.contentType());
            WspHeaderCodec.write(h, part.headers());
            long dataLength;
            if (part.body() instanceof Body.Data d) {
                bodies.add(d.bytes());
                dataLength = d.bytes().length();
            } else {
                Prepared nested = prepare((Body.Multipart) part.body());
                bodies.add(nested);
                dataLength = nested.size();
            }
            headers.add(h);
            size += WspWriter.uintvarSize(h.size()) + WspWriter.uintvarSize(dataLength) + h.size() + dataLength;
        }
        return new Prepared(headers, bodies, size);
    }

    /** See {@link #prepare}. */
    public static final class Prepared {
        private final List<WspWriter> headers;
        private final List<Object> bodies;
        private final long size;

        private Prepared(List<WspWriter> headers, List<Object> bodies, long size) {
            this.headers = headers;
            this.bodies = bodies;
            this.size = size;
        }

        /** Octets {@link #writeTo} writes. */
        public long size() {
            return size;
        }

        public void writeTo(WspWriter w) {
            w.writeUintvar(headers.size());
            for (int i = 0; i < headers.size(); i++) {
                WspWriter h = headers.get(i);
                Object body = bodies.get(i);
                w.writeUintvar(h.size());
                if (body instanceof org.mmsgw.codec.wsp.Bytes data) {
                    w.writeUintvar(data.length());
                    w.writeBytes(h);
                    w.writeBytes(data);
                } else {
                    Prepared nested = (Prepared) body;
                    w.writeUintvar(nested.size());
                    w.writeBytes(h);
                    nested.writeTo(w);
                }
            }
        }
    }

    /** Octets the body takes when written, without writing it. */
    public static long size(Body body) {
        if (body instanceof Body.Data d) {
            return d.bytes().length();
        }
        return prepare((Body.Multipart) body).size();
    }
}
