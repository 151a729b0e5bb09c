package org.mmsgw.codec.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.mmsgw.codec.MmsCodecException;
import org.mmsgw.codec.mms.MessageType;
import org.mmsgw.codec.mms.MmsDecoder;
import org.mmsgw.codec.mms.MmsEncoder;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.codec.mms.MmsPdus;
import org.mmsgw.codec.multipart.Part;
import org.mmsgw.codec.wsp.ContentType;
import org.mmsgw.codec.wsp.Parameter;

/**
 * {@code mmsgw send}: composes an m-send-req (a SMIL, the text, the files) and posts it to the MM1 URL
 * as a phone behind the operator's proxy would (the sender's number in the MSISDN header), then
 * prints the decoded m-send-conf.
 */
final class SendCommand {
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("png", "image/png"),
            Map.entry("gif", "image/gif"), Map.entry("bmp", "image/bmp"), Map.entry("wbmp", "image/vnd.wap.wbmp"),
            Map.entry("amr", "audio/amr"), Map.entry("mp3", "audio/mpeg"), Map.entry("mid", "audio/midi"),
            Map.entry("3gp", "video/3gpp"), Map.entry("mp4", "video/mp4"), Map.entry("txt", "text/plain"),
            Map.entry("vcf", "text/x-vCard"), Map.entry("vcs", "text/x-vCalendar"));

    String from;
    final List<String> to = new ArrayList<>();
    String subject;
    String text;
    final List<Path> files = new ArrayList<>();
    boolean deliveryReport;
    String url = "http://127.0.0.1:8080/mms";
    String msisdnHeader = "X-MSISDN";

    static SendCommand parse(List<String> args) throws IOException {
        SendCommand c = new SendCommand();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--delivery-report")) {
                c.deliveryReport = true;
                continue;
            }
            if (i + 1 >= args.size()) {
                throw new IOException(a + " needs a value");
            }
            String v = args.get(++i);
            switch (a) {
                case "--from" -> c.from = v;
                case "--to" -> c.to.add(v);
                case "--subject" -> c.subject = v;
                case "--text" -> c.text = v;
                case "--file" -> c.files.add(Path.of(v));
                case "--url" -> c.url = v;
                case "--msisdn-header" -> c.msisdnHeader = v;
                default -> throw new IOException("unknown option " + a);
            }
        }
        if (c.from == null || c.to.isEmpty()) {
            throw new IOException("usage: mmsgw send --from +NUMBER --to +NUMBER|MAIL [--to ...] [--subject S] "
                    + "[--text T] [--file F ...] [--delivery-report] [--url URL]");
        }
        return c;
    }

    MmsPdu compose() throws IOException {
        List<String> addresses = to.stream().map(t -> t.contains("@") || t.contains("/TYPE=") ? t : t + "/TYPE=PLMN")
                .toList();
        List<Part> parts = new ArrayList<>();
        StringBuilder smil = new StringBuilder("<smil><head><layout><root-layout/>"
                + "<region id=\"Image\" top=\"0\" left=\"0\" height=\"70%\" width=\"100%\"/>"
                + "<region id=\"Text\" top=\"70%\" left=\"0\" height=\"30%\" width=\"100%\"/></layout></head><body>");
        int n = 0;
        for (Path file : files) {
            String name = file.getFileName().toString();
            String type = TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT),
                    "application/octet-stream");
            String id = "<part" + (++n) + ">";
            parts.add(Part.of(ContentType.of(type, Parameter.of("name", name)), id, name, Files.readAllBytes(file)));
            String element = type.startsWith("image/") ? "img" : type.startsWith("audio/") ? "audio"
                    : type.startsWith("video/") ? "video" : "ref";
            smil.append("<par dur=\"5000ms\"><").append(element).append(" src=\"").append(name)
                    .append("\" region=\"Image\"/></par>");
        }
        if (text != null) {
            parts.add(Part.text("<text>", "text.txt", text));
            smil.append("<par dur=\"5000ms\"><text src=\"text.txt\" region=\"Text\"/></par>");
        }
        smil.append("</body></smil>");
        parts.add(0, Part.of(ContentType.of("application/smil", Parameter.charset(106)), "<smil>", "smil.xml",
                smil.toString().getBytes(StandardCharsets.UTF_8)));
        MmsPdu.Builder b = MmsPdus.sendReq("T" + Long.toHexString(System.nanoTime()), addresses, subject);
        if (deliveryReport) {
            b.token(MmsField.DELIVERY_REPORT, "Yes");
        }
        return b.body(MmsPdus.relatedType("<smil>"), MmsPdus.multipart(parts.toArray(new Part[0]))).build();
    }

    /** Posts the PDU; returns the decoded m-send-conf, also when it came with an HTTP error status. */
    MmsPdu post(MmsPdu sendReq) throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", ContentType.MMS_MESSAGE).header(msisdnHeader, from)
                .POST(HttpRequest.BodyPublishers.ofByteArray(new MmsEncoder().encode(sendReq))).build();
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (IOException e) {
            throw new IOException("cannot reach " + url + ": " + e, e);
        }
        boolean mms = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT)
                .startsWith(ContentType.MMS_MESSAGE);
        // an error answer that is an m-send-conf (HTTP 503, Error-transient-failure) says more than its status
        if (response.statusCode() != 200 && !mms) {
            throw new IOException("HTTP " + response.statusCode() + " from " + url + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        MmsPdu conf = new MmsDecoder().decode(response.body());
        if (conf.messageType() != MessageType.SEND_CONF) {
            throw new MmsCodecException("expected m-send-conf, got " + conf.messageType());
        }
        return conf;
    }
}
