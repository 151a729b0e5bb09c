package org.mmsgw.codec.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.mmsgw.codec.MmsCodecException;
import org.mmsgw.codec.mms.MmsDecoder;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.codec.multipart.Body;
import org.mmsgw.codec.multipart.Part;
import org.mmsgw.codec.push.WapPush;
import org.mmsgw.codec.push.WapPushCodec;
import org.mmsgw.codec.wsp.ContentType;
import org.mmsgw.codec.wsp.Header;
import org.mmsgw.codec.wsp.HeaderValue;
import org.mmsgw.codec.wsp.Parameter;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.WithLength;

/** TEMPORARY (exploration only): DecodeFuzzTest minus the known text-quoting bug. */
class ExploreFuzzTest {
    private final DecodeFuzzTest t = new DecodeFuzzTest();

    @FuzzTest(maxDuration = "5m")
    void mms(@WithLength(max = 8192) byte[] input) {
        try {
            if (known(new MmsDecoder(DecodeFuzzTest.LIMITS).decode(input))) return;
        } catch (MmsCodecException e) {
            return;
        }
        t.mmsDecode(input);
    }

    @FuzzTest(maxDuration = "5m")
    void push(@WithLength(max = 8192) byte[] input) {
        try {
            WapPush p = new WapPushCodec(DecodeFuzzTest.LIMITS).decode(input);
            List<String> s = new ArrayList<>();
            ct(p.contentType(), s);
            hs(p.headers(), s);
            if (bad(s)) return;
            if (p.contentType().is(ContentType.MMS_MESSAGE)) {
                try {
                    if (known(new MmsDecoder(DecodeFuzzTest.LIMITS).decode(p.body().toByteArray()))) return;
                } catch (MmsCodecException e) {
                    // fine
                }
            }
        } catch (MmsCodecException e) {
            return;
        }
        t.wapPushDecode(input);
    }

    static boolean known(MmsPdu p) {
        List<String> s = new ArrayList<>();
        hs(p.headers(), s);
        if (p.contentType() != null) ct(p.contentType(), s);
        if (p.body() instanceof Body.Multipart m) parts(m, s);
        return bad(s);
    }

    static boolean bad(List<String> s) {
        for (String v : s) {
            if (v.isEmpty() || v.charAt(0) < 0x20 || v.charAt(0) == 0x7F || v.charAt(0) == '"') return true;
        }
        return false;
    }

    static void parts(Body.Multipart m, List<String> s) {
        for (Part p : m.parts()) {
            ct(p.contentType(), s);
            hs(p.headers(), s);
            if (p.body() instanceof Body.Multipart n) parts(n, s);
        }
    }

    static void ct(ContentType c, List<String> s) {
        s.add(c.mediaType());
        for (Parameter p : c.parameters()) {
            s.add(p.name());
            if (p.value() instanceof String v && !v.isEmpty()) s.add(v);
        }
    }

    static void hs(List<Header> hs, List<String> s) {
        for (Header h : hs) {
            s.add(h.name());
            HeaderValue v = h.value();
            if (v instanceof HeaderValue.Text x && !x.text().isEmpty()) s.add(x.text());
            if (v instanceof HeaderValue.Quoted x) s.add(x.text());
            if (v instanceof HeaderValue.Encoded e) s.add(new String(e.string().octets().toByteArray(), StandardCharsets.ISO_8859_1));
            if (v instanceof HeaderValue.From f && !f.isInsertAddress()) s.add(new String(f.address().octets().toByteArray(), StandardCharsets.ISO_8859_1));
            if (v instanceof HeaderValue.PreviouslySentBy f) s.add(new String(f.address().octets().toByteArray(), StandardCharsets.ISO_8859_1));
            if (v instanceof HeaderValue.Disposition d) {
                s.add(d.type());
                for (Parameter p : d.parameters()) {
                    s.add(p.name());
                    if (p.value() instanceof String x && !x.isEmpty()) s.add(x);
                }
            }
        }
    }
}
