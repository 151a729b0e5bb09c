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
            writeMultipart(w, (Body.Multipart) body);
        }
    }

    public static void writeMultipart(WspWriter w, Body.Multipart multipart) {
        w.writeUintvar(multipart.parts().size());
        for (Part part : multipart.parts()) {
            WspWriter headers = new WspWriter(64);
            ContentTypeCodec.write(headers, part.contentType());
            WspHeaderCodec.write(headers, part.headers());
            w.writeUintvar(headers.size());
            if (part.body() instanceof Body.Data d) {
                w.writeUintvar(d.bytes().length());
                w.writeBytes(headers);
                w.writeBytes(d.bytes());
            } else {
                WspWriter inner = new WspWriter(256);
                writeMultipart(inner, (Body.Multipart) part.body());
                w.writeUintvar(inner.size());
                w.writeBytes(headers);
                w.writeBytes(inner);
            }
        }
    }

    /** Octets the body takes when written, without writing it. */
    public static long size(Body body) {
        if (body instanceof Body.Data d) {
            return d.bytes().length();
        }
        WspWriter w = new WspWriter(1024);
        writeMultipart(w, (Body.Multipart) body);
        return w.size();
    }
}
