package org.mmsgw.codec.wsp;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * WSP code tables (WAP-230-WSP Appendix A): well-known content types (Table 40), parameters
 * (Table 38) and header field names (Table 39). Lookups by name ignore case.
 */
public final class WspTables {
    private static final String[] CONTENT_TYPES = {
        "*/*", "text/*", "text/html", "text/plain", "text/x-hdml", "text/x-ttml", "text/x-vCalendar",
        "text/x-vCard", "text/vnd.wap.wml", "text/vnd.wap.wmlscript", "text/vnd.wap.wta-event", "multipart/*",
        "multipart/mixed", "multipart/form-data", "multipart/byteranges", "multipart/alternative",
        "application/*", "application/java-vm", "application/x-www-form-urlencoded", "application/x-hdmlc",
        "application/vnd.wap.wmlc", "application/vnd.wap.wmlscriptc", "application/vnd.wap.wta-eventc",
        "application/vnd.wap.uaprof", "application/vnd.wap.wtls-ca-certificate",
        "application/vnd.wap.wtls-user-certificate", "application/x-x509-ca-cert",
        "application/x-x509-user-cert", "image/*", "image/gif", "image/jpeg", "image/tiff", "image/png",
        "image/vnd.wap.wbmp", "application/vnd.wap.multipart.*", "application/vnd.wap.multipart.mixed",
        "application/vnd.wap.multipart.form-data", "application/vnd.wap.multipart.byteranges",
        "application/vnd.wap.multipart.alternative", "application/xml", "text/xml", "application/vnd.wap.wbxml",
        "application/x-x968-cross-cert", "application/x-x968-ca-cert", "application/x-x968-user-cert",
        "text/vnd.wap.si", "application/vnd.wap.sic", "text/vnd.wap.sl", "application/vnd.wap.slc",
        "text/vnd.wap.co", "application/vnd.wap.coc", "application/vnd.wap.multipart.related",
        "application/vnd.wap.sia", "text/vnd.wap.connectivity-xml", "application/vnd.wap.connectivity-wbxml",
        "application/pkcs7-mime", "application/vnd.wap.hashed-certificate",
        "application/vnd.wap.signed-certificate", "application/vnd.wap.cert-response", "application/xhtml+xml",
        "application/wml+xml", "text/css", "application/vnd.wap.mms-message",
        "application/vnd.wap.rollover-certificate", "application/vnd.wap.locc+wbxml",
        "application/vnd.wap.loc+xml", "application/vnd.syncml.dm+wbxml", "application/vnd.syncml.dm+xml",
        "application/vnd.syncml.notification", "application/vnd.wap.xhtml+xml", "application/vnd.wv.csp.cir",
        "application/vnd.oma.dd+xml", "application/vnd.oma.drm.message", "application/vnd.oma.drm.content",
        "application/vnd.oma.drm.rights+xml", "application/vnd.oma.drm.rights+wbxml",
        "application/vnd.wv.csp+xml", "application/vnd.wv.csp+wbxml", "application/vnd.syncml.ds.notification",
        "audio/*", "video/*", "application/vnd.oma.dd2+xml", "application/mikey",
    };

    /** Parameter names by code (Table 38); 0x17-0x1D are the WSP 1.4 forms of earlier ones. */
    private static final String[] PARAMETERS = {
        "q", "charset", "level", "type", null, "name", "filename", "differences", "padding", "type", "start",
        "start-info", "comment", "domain", "max-age", "path", "secure", "sec", "mac", "creation-date",
        "modification-date", "read-date", "size", "name", "filename", "start", "start-info", "comment",
        "domain", "path",
    };

    private static final String[] HEADERS = {
        "Accept", "Accept-Charset", "Accept-Encoding", "Accept-Language", "Accept-Ranges", "Age", "Allow",
        "Authorization", "Cache-Control", "Connection", "Content-Base", "Content-Encoding", "Content-Language",
        "Content-Length", "Content-Location", "Content-MD5", "Content-Range", "Content-Type", "Date", "Etag",
        "Expires", "From", "Host", "If-Modified-Since", "If-Match", "If-None-Match", "If-Range",
        "If-Unmodified-Since", "Location", "Last-Modified", "Max-Forwards", "Pragma", "Proxy-Authenticate",
        "Proxy-Authorization", "Public", "Range", "Referer", "Retry-After", "Server", "Transfer-Encoding",
        "Upgrade", "User-Agent", "Vary", "Via", "Warning", "WWW-Authenticate", "Content-Disposition",
        "X-Wap-Application-Id", "X-Wap-Content-URI", "X-Wap-Initiator-URI", "Accept-Application",
        "Bearer-Indication", "Push-Flag", "Profile", "Profile-Diff", "Profile-Warning", "Expect", "TE",
        "Trailer", "Accept-Charset", "Accept-Encoding", "Cache-Control", "Content-Range", "X-Wap-Tod",
        "Content-ID", "Set-Cookie", "Cookie", "Encoding-Version", "Profile-Warning", "Content-Disposition",
        "X-WAP-Security", "Cache-Control",
    };

    public static final int HEADER_CONTENT_LENGTH = 0x0D;
    public static final int HEADER_CONTENT_LOCATION = 0x0E;
    public static final int HEADER_CONTENT_TYPE = 0x11;
    public static final int HEADER_CONTENT_DISPOSITION = 0x2E;
    public static final int HEADER_APPLICATION_ID = 0x2F;
    public static final int HEADER_CONTENT_URI = 0x30;
    public static final int HEADER_INITIATOR_URI = 0x31;
    public static final int HEADER_PUSH_FLAG = 0x34;
    public static final int HEADER_CONTENT_ID = 0x40;
    public static final int HEADER_CONTENT_DISPOSITION_14 = 0x45;

    private static final Map<String, Integer> CONTENT_TYPE_CODES = new HashMap<>();
    private static final Map<String, Integer> HEADER_CODES = new HashMap<>();

    static {
        for (int i = 0; i < CONTENT_TYPES.length; i++) {
            if (CONTENT_TYPE_CODES.put(CONTENT_TYPES[i].toLowerCase(Locale.ROOT), i) != null) {
                throw new ExceptionInInitializerError("content type listed twice: " + CONTENT_TYPES[i]);
            }
        }
        for (int i = 0; i < HEADERS.length; i++) {
            // the first (oldest) code of a name is the one the encoder writes
            HEADER_CODES.putIfAbsent(HEADERS[i].toLowerCase(Locale.ROOT), i);
        }
    }

    private WspTables() {
    }

    public static Optional<String> contentType(int code) {
        return code >= 0 && code < CONTENT_TYPES.length ? Optional.of(CONTENT_TYPES[code]) : Optional.empty();
    }

    public static Optional<Integer> contentTypeCode(String mediaType) {
        return Optional.ofNullable(CONTENT_TYPE_CODES.get(mediaType.toLowerCase(Locale.ROOT)));
    }

    public static Optional<String> parameter(int code) {
        return code >= 0 && code < PARAMETERS.length ? Optional.ofNullable(PARAMETERS[code]) : Optional.empty();
    }

    public static Optional<String> header(int code) {
        return code >= 0 && code < HEADERS.length ? Optional.of(HEADERS[code]) : Optional.empty();
    }

    public static Optional<Integer> headerCode(String name) {
        return Optional.ofNullable(HEADER_CODES.get(name.toLowerCase(Locale.ROOT)));
    }

    /** X-Wap-Application-Id values (OMNA push application registry), 0x00-0x0A. */
    private static final String[] APPLICATION_IDS = {
        "x-wap-application:*", "x-wap-application:push.sia", "x-wap-application:wml.ua",
        "x-wap-application:wta.ua", "x-wap-application:mms.ua", "x-wap-application:push.syncml",
        "x-wap-application:loc.ua", "x-wap-application:syncml.dm", "x-wap-application:drm.ua",
        "x-wap-application:emn.ua", "x-wap-application:wv.ua",
    };

    public static final int APPLICATION_MMS_UA = 4;

    public static Optional<String> applicationId(long code) {
        return code >= 0 && code < APPLICATION_IDS.length ? Optional.of(APPLICATION_IDS[(int) code]) : Optional.empty();
    }

    public static Optional<Integer> applicationIdCode(String uri) {
        for (int i = 0; i < APPLICATION_IDS.length; i++) {
            if (APPLICATION_IDS[i].equalsIgnoreCase(uri)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
