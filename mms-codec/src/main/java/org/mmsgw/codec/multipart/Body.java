package org.mmsgw.codec.multipart;

import java.util.List;
import java.util.Objects;

import org.mmsgw.codec.wsp.Bytes;

/** The content of a PDU or of a part: octets, or a WSP multipart of further parts. */
public sealed interface Body {

    /** Octets of a single-part body, a view of the decoded input. */
    record Data(Bytes bytes) implements Body {
        public Data {
            Objects.requireNonNull(bytes, "bytes");
        }
    }

    /** application/vnd.wap.multipart.*: parts in wire order. */
    record Multipart(List<Part> parts) implements Body {
        public Multipart {
            parts = List.copyOf(parts);
        }
    }

    static Data of(byte[] octets) {
        return new Data(Bytes.wrap(octets));
    }
}
