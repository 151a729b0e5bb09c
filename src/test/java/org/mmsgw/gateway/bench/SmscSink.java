package org.mmsgw.gateway.bench;

import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import com.cloudhopper.smpp.SmppServerConfiguration;
import com.cloudhopper.smpp.SmppServerHandler;
import com.cloudhopper.smpp.SmppServerSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppServer;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.pdu.BaseBind;
import com.cloudhopper.smpp.pdu.BaseBindResp;
import com.cloudhopper.smpp.pdu.PduRequest;
import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import com.cloudhopper.smpp.type.SmppChannelException;
import org.HdrHistogram.Recorder;
import org.mmsgw.codec.mms.MmsDecoder;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.codec.push.WapPushCodec;
import org.mmsgw.codec.sms.SmsReassembler;
import org.mmsgw.codec.sms.WdpDatagram;

/**
 * The fast SMSC of the load benchmark: answers every submit_sm at once (Cloudhopper's server, as in
 * the tests), reassembles the pushes, and from the Subject of each m-notification-ind (the benchmark's
 * message key) records the whole trip from the phone's POST to the SMSC, and keeps where the message
 * can be fetched, for the retrieval scenario.
 */
final class SmscSink implements AutoCloseable {
    /** Where one message waits for its recipient. */
    record Stored(String recipient, String url) {
    }

    private final DefaultSmppServer server;
    private final int port;
    private final SmsReassembler reassembler = new SmsReassembler(100_000);
    private final AtomicLong nextId = new AtomicLong(1);
    private final AtomicLong segments = new AtomicLong();
    private final AtomicLong pushes = new AtomicLong();
    private final AtomicLong lastPushNanos = new AtomicLong();
    private final Map<String, Long> started = new ConcurrentHashMap<>();
    private final Queue<Stored> stored = new ConcurrentLinkedQueue<>();
    private final Recorder trips = new Recorder(3);
    private volatile boolean keepStored;

    SmscSink(int port) throws SmppChannelException {
        this.port = port;
        SmppServerConfiguration config = new SmppServerConfiguration();
        config.setName("SmscSink");
        config.setHost("127.0.0.1");
        config.setPort(port);
        config.setSystemId("sink");
        config.setDefaultWindowSize(512);
        config.setMaxConnectionSize(16);
        config.setReuseAddress(true);
        server = new DefaultSmppServer(config, new Handler(),
                com.cloudhopper.smpp.util.DaemonExecutors.newCachedDaemonThreadPool());
        server.start();
    }

    int port() {
        return port;
    }

    /** The phone posts message {@code key} now. */
    void started(String key, long nanos) {
        started.put(key, nanos);
    }

    /** Keep where each message can be fetched (for the retrieval scenario). */
    void keepStored(boolean keep) {
        this.keepStored = keep;
    }

    Queue<Stored> stored() {
        return stored;
    }

    long segments() {
        return segments.get();
    }

    long pushes() {
        return pushes.get();
    }

    long lastPushNanos() {
        return lastPushNanos.get();
    }

    /** Trip latencies since the last call, in microseconds. */
    org.HdrHistogram.Histogram tripsSinceLastCall() {
        return trips.getIntervalHistogram();
    }

    private void received(SubmitSm submit) {
        segments.incrementAndGet();
        String to = submit.getDestAddress().getAddress();
        Optional<WdpDatagram> whole = reassembler.accept(to, submit.getShortMessage());
        if (whole.isEmpty()) {
            return;
        }
        MmsPdu pdu = new MmsDecoder().decode(new WapPushCodec().decode(whole.get().payload()).body().toByteArray());
        pushes.incrementAndGet();
        lastPushNanos.set(System.nanoTime());
        // the sender's number: the subject may be shortened to fit the notification in one SMS
        Optional<String> key = pdu.from().map(from -> from.replace("/TYPE=PLMN", ""));
        Long start = key.map(started::remove).orElse(null);
        if (start != null) {
            trips.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
        }
        if (keepStored) {
            pdu.text(MmsField.CONTENT_LOCATION).ifPresent(url -> stored.add(new Stored("+" + stripPlus(to), url)));
        }
    }

    private static String stripPlus(String number) {
        return number.startsWith("+") ? number.substring(1) : number;
    }

    @Override
    public void close() {
        server.destroy();
    }

    private final class Handler implements SmppServerHandler {
        @Override
        public void sessionBindRequested(Long sessionId, SmppSessionConfiguration config, BaseBind bind) {
            // any account
        }

        @Override
        public void sessionCreated(Long sessionId, SmppServerSession session, BaseBindResp preparedBindResponse) {
            session.serverReady(new DefaultSmppSessionHandler() {
                @Override
                @SuppressWarnings("rawtypes")
                public PduResponse firePduRequestReceived(PduRequest request) {
                    PduResponse response = request.createResponse();
                    if (request instanceof SubmitSm submit) {
                        ((SubmitSmResp) response).setMessageId(Long.toString(nextId.getAndIncrement()));
                        received(submit);
                    }
                    return response;
                }

                @Override
                @SuppressWarnings("rawtypes")
                public void fireExpectedPduResponseReceived(com.cloudhopper.smpp.PduAsyncResponse response) {
                    // the sink sends no requests
                }
            });
        }

        @Override
        public void sessionDestroyed(Long sessionId, SmppServerSession session) {
            session.destroy();
        }
    }

}
