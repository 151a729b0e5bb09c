package org.mmsgw.gateway.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

import org.HdrHistogram.Histogram;
import org.mmsgw.codec.mms.MessageType;
import org.mmsgw.codec.mms.MmsDecoder;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;
import org.HdrHistogram.Recorder;

/**
 * The load generator: many phones at once over HTTP/1.1 keep-alive connections, a fixed number of
 * requests in flight, each timed from its send to its answer.
 */
final class Phones {
    /** One request of a phone. */
    record Request(String sender, String key, byte[] body, String url) {
    }

    /** What a run gave. */
    record Result(long ok, long failed, long startNanos, long endNanos, Histogram latencyMicros) {
        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }
    }

    private final String baseUrl;
    private final int inFlight;
    private final HttpClient http;

    Phones(String baseUrl, int inFlight) {
        this.baseUrl = baseUrl;
        this.inFlight = inFlight;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4, r -> {
                    Thread t = new Thread(r, "phones");
                    t.setDaemon(true);
                    return t;
                })).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /**
     * POSTs requests to the MM1 URL for {@code duration} (at most {@code maxRequests}); {@code onSend} is
     * told each key just before its request goes out.
     */
    Result submit(Duration duration, long maxRequests, LongFunction<Request> requests, KeyListener onSend)
            throws InterruptedException {
        return run(duration, maxRequests, n -> {
            Request r = requests.apply(n);
            onSend.sending(r.key(), System.nanoTime());
            return HttpRequest.newBuilder(URI.create(baseUrl + "/mms")).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/vnd.wap.mms-message").header("X-MSISDN", r.sender())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(r.body())).build();
        });
    }

    /** GETs the URLs the requests name, as their recipients, for {@code duration}. */
    Result retrieve(Duration duration, LongFunction<Request> requests) throws InterruptedException {
        return run(duration, Long.MAX_VALUE, n -> {
            Request r = requests.apply(n);
            return HttpRequest.newBuilder(URI.create(r.url())).timeout(Duration.ofSeconds(60))
                    .header("X-MSISDN", r.sender()).GET().build();
        });
    }

    interface KeyListener {
        void sending(String key, long nanos);
    }

    private Result run(Duration duration, long maxRequests, LongFunction<HttpRequest> make) throws InterruptedException {
        Semaphore permits = new Semaphore(inFlight);
        Recorder latency = new Recorder(3);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        long n = 0;
        while (System.nanoTime() < deadline && n < maxRequests) {
            if (!permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                continue;
            }
            HttpRequest request = make.apply(n++);
            long sent = System.nanoTime();
            http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, error) -> {
                latency.recordValue(Math.max(1, (System.nanoTime() - sent) / 1000));
                if (error == null && response.statusCode() == 200 && answeredOk(response.body())) {
                    ok.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                }
                permits.release();
            });
        }
        permits.acquire(inFlight);
        long end = System.nanoTime();
        permits.release(inFlight);
        return new Result(ok.get(), failed.get(), start, end, latency.getIntervalHistogram());
    }

    /** An m-send-conf with Response-Status Ok, or an m-retrieve-conf without a Retrieve-Status. */
    private static boolean answeredOk(byte[] body) {
        try {
            MmsPdu pdu = new MmsDecoder().decode(body);
            if (pdu.messageType() == MessageType.SEND_CONF) {
                return pdu.token(MmsField.RESPONSE_STATUS).orElse(-1) == 0;
            }
            return pdu.messageType() == MessageType.RETRIEVE_CONF && pdu.token(MmsField.RETRIEVE_STATUS).isEmpty();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
