package org.mmsgw.codec.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mmsgw.codec.push.WapPush;
import org.mmsgw.codec.wsp.Header;

/** The JSON face of a WAP Push: the WSP envelope, then the MMS PDU it carries. */
final class PushJson {
    private PushJson() {
    }

    static Map<String, Object> toJson(WapPush push, Object mms) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("transactionId", (long) push.transactionId());
        o.put("pduType", push.pduType() == WapPush.PUSH ? "Push" : "ConfirmedPush");
        o.put("contentType", ValueJson.contentType(push.contentType()));
        List<Object> headers = new ArrayList<>();
        for (Header h : push.headers()) {
            headers.add(List.of(h.name(), HeaderJson.wspValue(h)));
        }
        o.put("headers", headers);
        push.applicationId().ifPresent(id -> o.put("applicationId", id));
        o.put("bodySize", (long) push.body().length());
        if (mms != null) {
            o.put("mms", mms);
        }
        return o;
    }
}
