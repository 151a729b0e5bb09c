package org.mmsgw.gateway.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;

import org.HdrHistogram.Histogram;

/**
 * A minimal HTTP/1.1 client for the load benchmark: a fixed number of keep-alive connections to one
 * server, one request in flight on each, all driven by the calling thread with one selector. Answers
 * must carry a Content-Length (the gateway's do); a connection that breaks, times out or answers
 * otherwise counts its request as failed and is opened again.
 */
final class HttpConnections implements AutoCloseable {
    interface Check {
        boolean ok(int status, byte[] body);
    }

    private final InetSocketAddress server;
    private final Selector selector;
    private final List<Conn> conns = new ArrayList<>();
    private final long timeoutNanos;

    HttpConnections(InetSocketAddress server, int count, Duration timeout) throws IOException {
        this.server = server;
        this.selector = Selector.open();
        this.timeoutNanos = timeout.toNanos();
        for (int i = 0; i < count; i++) {
            conns.add(new Conn());
        }
    }

    /** A whole request: request line, Host, the given header lines, Content-Length when there is a body. */
    static byte[] request(String method, String path, String host, byte[] body, String... headers) {
        StringBuilder head = new StringBuilder(160).append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ")
                .append(host).append("\r\n");
        for (String h : headers) {
            head.append(h).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        byte[] h = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        if (body == null) {
            return h;
        }
        byte[] all = Arrays.copyOf(h, h.length + body.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    /**
     * Sends requests on every connection until {@code duration} has passed or {@code max} were made: as
     * fast as the answers come ({@code perSecond} 0), or paced at {@code perSecond} in all, the n-th due
     * n/perSecond after the start on whichever connection is free. A paced request is timed from when it
     * was due, so the time it waited for a free connection counts (no coordinated omission).
     */
    Phones.Result run(Duration duration, long max, long perSecond, LongFunction<byte[]> make, Check check)
            throws IOException {
        Histogram latency = new Histogram(3);
        long[] worst = new long[(int) duration.toSeconds() + 2];
        long ok = 0;
        long failed = 0;
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        double interval = perSecond > 0 ? 1e9 / perSecond : 0;
        long made = 0;
        int busy = 0;
        ArrayDeque<Conn> idle = new ArrayDeque<>(conns);
        List<Conn> refused = new ArrayList<>();
        while (true) {
            long now = System.nanoTime();
            // free connections take the requests that are due
            while (!idle.isEmpty() && made < max && now < deadline && start + (long) (made * interval) <= now) {
                Conn c = idle.poll();
                long due = perSecond > 0 ? start + (long) (made * interval) : now;
                if (c.send(make.apply(made++), due)) {
                    busy++;
                } else {
                    failed++;
                    refused.add(c);
                }
            }
            if (busy == 0 && (made >= max || now >= deadline)) {
                break;
            }
            long wait = 100;
            if (perSecond > 0 && !idle.isEmpty() && made < max) {
                wait = Math.max(1, (start + (long) (made * interval) - now) / 1_000_000);
            }
            selector.select(wait);
            // a connection that could not even send tries again after this wait, not at once
            idle.addAll(refused);
            refused.clear();
            now = System.nanoTime();
            for (SelectionKey key : selector.selectedKeys()) {
                Conn c = (Conn) key.attachment();
                int outcome = c.progress(key);
                if (outcome == Conn.WAITING) {
                    continue;
                }
                long micros = Math.max(1, (now - c.dueAt) / 1000);
                latency.recordValue(micros);
                int second = (int) Math.min(worst.length - 1, (now - start) / 1_000_000_000L);
                worst[second] = Math.max(worst[second], micros);
                if (outcome == Conn.ANSWERED && check.ok(c.status, c.body)) {
                    ok++;
                } else {
                    failed++;
                }
                busy--;
                idle.add(c);
            }
            selector.selectedKeys().clear();
            for (Conn c : conns) {
                if (c.inFlight && now - c.sentAt > timeoutNanos) {
                    c.broken();
                    failed++;
                    busy--;
                    idle.add(c);
                }
            }
        }
        return new Phones.Result(ok, failed, start, System.nanoTime(), latency, worst);
    }

    @Override
    public void close() throws IOException {
        for (Conn c : conns) {
            c.closeChannel();
        }
        selector.close();
    }

    /** One keep-alive connection and the exchange on it. */
    private final class Conn {
        static final int WAITING = 0;
        static final int ANSWERED = 1;
        static final int FAILED = 2;

        private SocketChannel channel;
        private SelectionKey key;
        private ByteBuffer out;
        private ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        private int headerEnd = -1;
        private int contentLength;
        private boolean inFlight;
        long sentAt;
        long dueAt;
        int status;
        byte[] body;

        /** False when the request could not even be sent (the connection is closed then). */
        boolean send(byte[] request, long due) {
            try {
                if (channel == null) {
                    channel = SocketChannel.open(server);
                    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    channel.configureBlocking(false);
                    key = channel.register(selector, 0, this);
                }
                out = ByteBuffer.wrap(request);
                in.clear();
                headerEnd = -1;
                inFlight = true;
                sentAt = System.nanoTime();
                dueAt = due;
                channel.write(out);
                key.interestOps(out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
                return true;
            } catch (IOException e) {
                broken();
                return false;
            }
        }

        int progress(SelectionKey k) {
            try {
                if (k.isWritable()) {
                    channel.write(out);
                    if (!out.hasRemaining()) {
                        k.interestOps(SelectionKey.OP_READ);
                    }
                    return WAITING;
                }
                if (!in.hasRemaining()) {
                    in = ByteBuffer.allocate(in.capacity() * 2).put(in.flip());
                }
                if (channel.read(in) < 0) {
                    broken();
                    return FAILED;
                }
                return parse();
            } catch (IOException | RuntimeException e) {
                broken();
                return FAILED;
            }
        }

        private int parse() throws IOException {
            byte[] a = in.array();
            int n = in.position();
            if (headerEnd < 0) {
                for (int i = 3; i < n; i++) {
                    if (a[i] == '\n' && a[i - 1] == '\r' && a[i - 2] == '\n' && a[i - 3] == '\r') {
                        headerEnd = i + 1;
                        break;
                    }
                }
                if (headerEnd < 0) {
                    return WAITING;
                }
                String head = new String(a, 0, headerEnd, StandardCharsets.ISO_8859_1);
                status = Integer.parseInt(head.substring(9, 12));
                contentLength = -1;
                for (String line : head.split("\r\n")) {
                    String lower = line.toLowerCase(Locale.ROOT);
                    if (lower.startsWith("content-length:")) {
                        contentLength = Integer.parseInt(line.substring(15).trim());
                    } else if (lower.startsWith("connection:") && lower.contains("close")) {
                        throw new IOException("the server closes the connection");
                    }
                }
                if (contentLength < 0) {
                    throw new IOException("an answer without Content-Length");
                }
            }
            if (n < headerEnd + contentLength) {
                return WAITING;
            }
            body = Arrays.copyOfRange(a, headerEnd, headerEnd + contentLength);
            inFlight = false;
            return ANSWERED;
        }

        void broken() {
            inFlight = false;
            closeChannel();
        }

        void closeChannel() {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException e) {
                    // gone already
                }
                channel = null;
                key = null;
            }
        }
    }
}
