package org.mmsgw.gateway.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.function.LongFunction;

import org.HdrHistogram.Histogram;
import org.mmsgw.codec.mms.MessageType;
import org.mmsgw.codec.mms.MmsDecoder;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;

/**
 * The load generator: many phones at once over HTTP/1.1 keep-alive connections, one request in flight
 * on each, each timed from its send to its answer; or paced at a given rate in all, each timed from when
 * it was due. One thread drives every connection ({@link
 * HttpConnections}), so the generator takes little of the machine it shares with the gateway.
 */
final class Phones {
    /** One request of a phone. */
    record Request(String sender, String key, byte[] body, String url) {
    }

    /** What a run gave. */
    /** @param worstMicros the longest answer that came in each second of the run (a stall shows there) */
    record Result(long ok, long failed, long startNanos, long endNanos, Histogram latencyMicros, long[] worstMicros) {
        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }
    }

    interface KeyListener {
        void sending(String key, long nanos);
    }

    private final InetSocketAddress gateway;
    private final String host;
    private final int connections;
    private final long perSecond;

    /** @param perSecond requests a second in all, paced; 0 for as fast as the answers come */
    Phones(String baseUrl, int connections, long perSecond) {
        URI uri = URI.create(baseUrl);
        this.gateway = new InetSocketAddress(uri.getHost(), uri.getPort());
        this.host = uri.getHost() + ":" + uri.getPort();
        this.connections = connections;
        this.perSecond = perSecond;
    }

    /**
     * POSTs requests to the MM1 URL for {@code duration} (at most {@code maxRequests}); {@code onSend} is
     * told each key just before its request goes out.
     */
    Result submit(Duration duration, long maxRequests, LongFunction<Request> requests, KeyListener onSend)
            throws IOException {
        return run(duration, maxRequests, n -> {
            Request r = requests.apply(n);
            onSend.sending(r.key(), System.nanoTime());
            return HttpConnections.request("POST", "/mms", host, r.body(),
                    "Content-Type: application/vnd.wap.mms-message", "X-MSISDN: " + r.sender());
        });
    }

    /** GETs the URLs the requests name, as their recipients, for {@code duration}. */
    Result retrieve(Duration duration, LongFunction<Request> requests) throws IOException {
        return run(duration, Long.MAX_VALUE, n -> {
            Request r = requests.apply(n);
            return HttpConnections.request("GET", URI.create(r.url()).getRawPath(), host, null,
                    "X-MSISDN: " + r.sender());
        });
    }

    private Result run(Duration duration, long maxRequests, LongFunction<byte[]> make) throws IOException {
        try (HttpConnections http = new HttpConnections(gateway, connections, Duration.ofSeconds(60))) {
            return http.run(duration, maxRequests, perSecond, make, Phones::answeredOk);
        }
    }

    /** An m-send-conf with Response-Status Ok, or an m-retrieve-conf without a Retrieve-Status. */
    private static boolean answeredOk(int status, byte[] body) {
        if (status != 200) {
            return false;
        }
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
