package org.mmsgw.gateway.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.mmsgw.codec.MmsCodecException;
import org.mmsgw.codec.cli.PduJson;
import org.mmsgw.codec.json.Json;
import org.mmsgw.codec.mms.MessageType;
import org.mmsgw.codec.mms.MmsDecoder;
import org.mmsgw.codec.mms.MmsEncoder;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.codec.mms.MmsPdus;
import org.mmsgw.codec.mms.TokenTable;
import org.mmsgw.codec.multipart.Body;
import org.mmsgw.codec.multipart.Part;
import org.mmsgw.codec.wsp.ContentType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handsets of the sandbox: every number the SMSC simulator delivers to has one. For an
 * m-notification-ind a phone does what OMA-MMS-CTR §8 asks of immediate retrieval: it fetches the
 * Content-Location with HTTP GET (its number in the MSISDN header, as an operator's WAP gateway would
 * add it), then answers m-notifyresp-ind Retrieved (OMA-MMS-ENC §6.2) with a POST to
 * {@code {public-url}/mms}. Every push is logged decoded, and every retrieved message summarised
 * (from, subject, parts with type and size, text of text parts). m-delivery-ind and m-read-orig-ind
 * are only logged.
 *
 * <p>A fetch or answer that fails on the network or with HTTP 5xx is tried again, {@value #ATTEMPTS}
 * times in all; a refusal (HTTP 4xx, an error status in the m-retrieve-conf) is final. Either way a
 * phone that gives up logs why and counts it in {@link #failed()}. A repeated notification (the
 * gateway sends the same segments again after a redelivery) is dropped, as real phones do.
 */
public final class SandboxPhones {
    static final int ATTEMPTS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(SandboxPhones.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final int MAX_TEXT = 200;
    private static final int REMEMBERED_NOTIFICATIONS = 1024;

    private final URI mm1;
    private final String msisdnHeader;
    private final Duration retryDelay;
    private final AtomicLong retrieved = new AtomicLong();
    private final AtomicLong reports = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Map<String, Boolean> seen = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_NOTIFICATIONS;
        }
    };
    private volatile ScheduledExecutorService workers;
    private volatile ExecutorService httpThreads;
    private volatile HttpClient http;

    /**
     * @param publicUrl    the gateway's public URL; the phones POST to {@code {publicUrl}/mms}
     * @param msisdnHeader the header that carries a phone's number, such as {@code X-MSISDN}
     */
    public SandboxPhones(String publicUrl, String msisdnHeader) {
        this(publicUrl, msisdnHeader, Duration.ofSeconds(2));
    }

    SandboxPhones(String publicUrl, String msisdnHeader, Duration retryDelay) {
        String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.mm1 = URI.create(base + "/mms");
        this.msisdnHeader = msisdnHeader;
        this.retryDelay = retryDelay;
    }

    public synchronized void start() {
        if (workers != null && !workers.isShutdown()) {
            return;
        }
        workers = Executors.newScheduledThreadPool(2, daemon("sandbox-phone"));
        // its own threads: the phones block in send(), which needs the client's executor to finish
        httpThreads = Executors.newCachedThreadPool(daemon("sandbox-phone-http"));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT)
                .executor(httpThreads).build();
    }

    /** Switches the phones off: what they were doing is abandoned. */
    public synchronized void stop() {
        if (workers != null) {
            workers.shutdownNow();
            httpThreads.shutdownNow();
        }
    }

    /** The MM1 URL the phones post to. */
    public URI mm1() {
        return mm1;
    }

    /** Messages fetched and answered with m-notifyresp-ind Retrieved. */
    public long retrieved() {
        return retrieved.get();
    }

    /** m-delivery-ind and m-read-orig-ind received. */
    public long reports() {
        return reports.get();
    }

    /** Notifications given up on, and pushes that could not be read. */
    public long failed() {
        return failed.get();
    }

    /** A WAP Push for the MMS user agent of {@code msisdn} arrived; {@code mmsPdu} is its body. */
    public void receive(String msisdn, byte[] mmsPdu) {
        ScheduledExecutorService w = workers;
        if (w == null || w.isShutdown()) {
            throw new IllegalStateException("sandbox phones are not started");
        }
        w.execute(() -> act(msisdn, mmsPdu));
    }

    private void act(String msisdn, byte[] bytes) {
        MmsPdu pdu;
        MessageType type;
        try {
            pdu = new MmsDecoder().decode(bytes);
            type = pdu.messageType();
        } catch (MmsCodecException e) {
            failed.incrementAndGet();
            LOG.warn("sandbox phone {} dropped a push it cannot decode: {}", msisdn, e.getMessage());
            return;
        }
        LOG.info("sandbox phone {} got {}: {}", msisdn, type.specName(), Json.write(PduJson.toJson(pdu, false)));
        if (type == MessageType.NOTIFICATION_IND) {
            String key = msisdn + " " + pdu.transactionId().orElse("") + " "
                    + pdu.text(MmsField.CONTENT_LOCATION).orElse("");
            if (firstTime(key)) {
                fetch(msisdn, pdu, 1);
            } else {
                LOG.info("sandbox phone {} already had this notification; dropped", msisdn);
            }
        } else if (type == MessageType.DELIVERY_IND || type == MessageType.READ_ORIG_IND) {
            reports.incrementAndGet();
        } else {
            LOG.info("sandbox phone {} does nothing with {}", msisdn, type.specName());
        }
    }

    private boolean firstTime(String key) {
        synchronized (seen) {
            return seen.put(key, Boolean.TRUE) == null;
        }
    }

    /** GET the message, then answer Retrieved; attempt 1 to {@value #ATTEMPTS}. */
    private void fetch(String msisdn, MmsPdu notification, int attempt) {
        String location = notification.text(MmsField.CONTENT_LOCATION).orElse(null);
        String tid = notification.transactionId().orElse(null);
        if (location == null || tid == null) {
            giveUp(msisdn, "m-notification-ind without " + (location == null ? "Content-Location" : "transaction id"));
            return;
        }
        try {
            HttpResponse<byte[]> response = http.send(request(URI.create(location), msisdn).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            int status = response.statusCode();
            if (status >= 500) {
                retry(msisdn, notification, attempt, "GET " + location + " answered HTTP " + status);
                return;
            }
            if (status != 200) {
                giveUp(msisdn, "GET " + location + " answered HTTP " + status + retrieveError(response));
                return;
            }
            MmsPdu conf = retrieveConf(response.body());
            if (conf.token(MmsField.RETRIEVE_STATUS).orElse(0) != 0) {
                giveUp(msisdn, "GET " + location + " answered" + retrieveError(response));
                return;
            }
            LOG.info("sandbox phone {} retrieved {}", msisdn, describe(conf));
            HttpResponse<byte[]> answer = http.send(request(mm1, msisdn)
                    .header("Content-Type", ContentType.MMS_MESSAGE)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(
                            new MmsEncoder().encode(MmsPdus.notifyRespInd(tid, "Retrieved", true))))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() >= 500) {
                retry(msisdn, notification, attempt, "m-notifyresp-ind answered HTTP " + answer.statusCode());
                return;
            }
            if (answer.statusCode() / 100 != 2) {
                giveUp(msisdn, "m-notifyresp-ind to " + mm1 + " answered HTTP " + answer.statusCode());
                return;
            }
            retrieved.incrementAndGet();
            LOG.info("sandbox phone {} answered m-notifyresp-ind Retrieved for {}", msisdn, tid);
        } catch (IOException e) {
            retry(msisdn, notification, attempt, e.toString());
        } catch (MmsCodecException e) {
            giveUp(msisdn, "GET " + location + " did not answer an m-retrieve-conf: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            giveUp(msisdn, "cannot fetch Content-Location " + quote(location) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            // stopping: the phone is switched off mid-retrieval
            Thread.currentThread().interrupt();
        }
    }

    /** X-Mms-Retrieve-Status and -Text of an error answer, when it is an MMS PDU. */
    private static String retrieveError(HttpResponse<byte[]> response) {
        boolean mms = response.headers().firstValue("Content-Type").orElse("").startsWith(ContentType.MMS_MESSAGE);
        if (!mms) {
            return "";
        }
        MmsPdu conf = retrieveConf(response.body());
        return " " + conf.token(MmsField.RETRIEVE_STATUS).map(TokenTable.RETRIEVE_STATUS::name).orElse("")
                + " " + conf.text(MmsField.RETRIEVE_TEXT).map(SandboxPhones::quote).orElse("");
    }

    private static MmsPdu retrieveConf(byte[] body) {
        MmsPdu conf = new MmsDecoder().decode(body);
        if (conf.messageType() != MessageType.RETRIEVE_CONF) {
            throw new MmsCodecException("expected m-retrieve-conf, got " + conf.messageType().specName());
        }
        return conf;
    }

    private void retry(String msisdn, MmsPdu notification, int attempt, String why) {
        if (attempt >= ATTEMPTS) {
            giveUp(msisdn, why + " (attempt " + attempt + " of " + ATTEMPTS + ")");
            return;
        }
        long delay = retryDelay.toMillis() * attempt;
        LOG.info("sandbox phone {}: {}; trying again in {} ms", msisdn, why, delay);
        try {
            workers.schedule(() -> fetch(msisdn, notification, attempt + 1), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // stopped meanwhile: the phone is switched off
        }
    }

    private void giveUp(String msisdn, String why) {
        failed.incrementAndGet();
        LOG.warn("sandbox phone {} gave up on a message: {}", msisdn, why);
    }

    private HttpRequest.Builder request(URI uri, String msisdn) {
        return HttpRequest.newBuilder(uri).timeout(TIMEOUT).header(msisdnHeader, msisdn);
    }

    /** From, subject and one line per part: type, size, and the text of text parts. */
    static String describe(MmsPdu conf) {
        StringBuilder sb = new StringBuilder();
        sb.append(conf.text(MmsField.MESSAGE_ID).orElse("a message"))
                .append(" from ").append(conf.from().orElse("(hidden)"))
                .append(", subject ").append(conf.text(MmsField.SUBJECT).map(SandboxPhones::quote).orElse("(none)"));
        if (conf.body() instanceof Body.Multipart multipart) {
            sb.append(", ").append(count(multipart.parts())).append(" parts:");
            parts(sb, multipart.parts(), "  ");
        } else {
            sb.append(", one part:");
            part(sb, new Part(conf.contentType(), List.of(), conf.body()), "  ");
        }
        return sb.toString();
    }

    private static int count(List<Part> parts) {
        return parts.stream().mapToInt(p -> p.body() instanceof Body.Multipart m ? count(m.parts()) : 1).sum();
    }

    private static void parts(StringBuilder sb, List<Part> parts, String indent) {
        for (Part part : parts) {
            part(sb, part, indent);
        }
    }

    private static void part(StringBuilder sb, Part part, String indent) {
        sb.append('\n').append(indent).append(part.contentType().mediaType());
        part.contentLocation().ifPresent(name -> sb.append(" ").append(quote(name)));
        if (part.body() instanceof Body.Multipart nested) {
            sb.append(", ").append(nested.parts().size()).append(" parts:");
            parts(sb, nested.parts(), indent + "  ");
            return;
        }
        sb.append(", ").append(part.data().orElseThrow().length()).append(" octets");
        part.text().ifPresent(text -> sb.append(": ").append(quote(text)));
    }

    /** Quoted, control characters escaped (the text comes from whoever sent the message), at most 200 chars. */
    static String quote(String text) {
        String cut = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "..." : text;
        StringBuilder sb = new StringBuilder("\"");
        for (char c : cut.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7F) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread t = new Thread(runnable, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
