package org.mmsgw.gateway.sandbox;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.ServerSocketConnection;
import org.jsmpp.util.MessageId;
import org.mmsgw.codec.MmsCodecException;
import org.mmsgw.codec.push.WapPush;
import org.mmsgw.codec.push.WapPushCodec;
import org.mmsgw.codec.sms.PortAddress;
import org.mmsgw.codec.sms.SmsReassembler;
import org.mmsgw.codec.sms.WdpDatagram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SMSC for the sandbox (SMPP 3.4, jSMPP's server side), listening on 127.0.0.1 only. It binds any
 * ESME, answers enquire_link (jSMPP does) and every submit_sm with a fresh message id, and plays the
 * handsets: the segments of each destination are reassembled (WAP-259-WDP §6.5), the WAP Push decoded
 * (WAP-230-WSP §8.2.4.1) and its MMS PDU handed to {@link SandboxPhones}. It never sends deliver_sm.
 *
 * <p>What a handset could not read (no UDH, a malformed segment, a push for another application) is
 * accepted by the SMSC as a real one would, and dropped by the phone with a warning, as a real phone
 * would; {@link #dropped()} counts those.
 */
public final class SmscSimulator implements ServerMessageReceiverListener {
    private static final Logger LOG = LoggerFactory.getLogger(SmscSimulator.class);
    /** 127.0.0.1 itself: {@code getLoopbackAddress()} may answer ::1, which the SMPP client does not dial. */
    private static final InetAddress LOOPBACK = ipv4Loopback();
    private static final int BIND_TIMEOUT_MILLIS = 5000;
    /** Incomplete pushes held over all destinations; more evicts the oldest. */
    private static final int MAX_PENDING_PUSHES = 256;

    private final int port;
    private final SandboxPhones phones;
    private final SmsReassembler reassembler = new SmsReassembler(MAX_PENDING_PUSHES);
    private final WapPushCodec pushCodec = new WapPushCodec();
    // seeded from the clock so ids stay fresh across restarts on the same message store
    private final AtomicLong nextId = new AtomicLong(System.currentTimeMillis() * 1000);
    private final AtomicLong submits = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Set<SMPPServerSession> sessions = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket socket;
    private volatile SMPPServerSessionListener listener;
    private volatile ExecutorService threads;
    private volatile boolean running;

    /**
     * @param port   the TCP port on 127.0.0.1 (0 for any free one)
     * @param phones who receives the MMS PDUs of the pushes
     */
    public SmscSimulator(int port, SandboxPhones phones) {
        this.port = port;
        this.phones = phones;
    }

    /** Listens and accepts sessions until {@link #stop()}. */
    public synchronized void start() throws IOException {
        if (running) {
            return;
        }
        try {
            listener = new SMPPServerSessionListener(port, new LoopbackOnly());
        } catch (IOException e) {
            throw new IOException("sandbox SMSC simulator cannot listen on " + LOOPBACK.getHostAddress() + ":" + port
                    + " (gateway.smpp.port): " + e.getMessage(), e);
        }
        listener.setMessageReceiverListener(this);
        listener.setSessionStateListener(this::onStateChange);
        threads = Executors.newCachedThreadPool(runnable -> {
            Thread t = new Thread(runnable, "sandbox-smsc");
            t.setDaemon(true);
            return t;
        });
        running = true;
        threads.execute(this::acceptLoop);
    }

    /** Closes the listening socket and every session. */
    public synchronized void stop() throws IOException {
        if (!running) {
            return;
        }
        running = false;
        try {
            listener.close();
        } finally {
            for (SMPPServerSession session : sessions) {
                session.unbindAndClose();
            }
            sessions.clear();
            threads.shutdownNow();
        }
    }

    /** Where it listens; the address is always 127.0.0.1. */
    public InetSocketAddress address() {
        ServerSocket s = socket;
        if (s == null) {
            throw new IllegalStateException("not started");
        }
        return new InetSocketAddress(s.getInetAddress(), s.getLocalPort());
    }

    /** Sessions bound now. */
    public int boundSessions() {
        return (int) sessions.stream().filter(s -> s.getSessionState().isBound()).count();
    }

    /** submit_sm answered so far. */
    public long submits() {
        return submits.get();
    }

    /** Segments the phones could not read (see the class comment). */
    public long dropped() {
        return dropped.get();
    }

    private void acceptLoop() {
        while (running) {
            SMPPServerSession session;
            try {
                session = listener.accept();
            } catch (IOException e) {
                if (running) {
                    // the socket is gone while it should be open: nothing more can bind
                    LOG.error("sandbox SMSC simulator stopped accepting SMPP sessions", e);
                    running = false;
                }
                return;
            }
            sessions.add(session);
            threads.execute(() -> bind(session));
        }
    }

    private void bind(SMPPServerSession session) {
        try {
            BindRequest request = session.waitForBind(BIND_TIMEOUT_MILLIS);
            request.accept("sandbox-smsc");
            LOG.info("sandbox SMSC simulator: ESME '{}' bound ({}) from {}:{}", request.getSystemId(),
                    request.getBindType(), session.getInetAddress().getHostAddress(), session.getPort());
        } catch (TimeoutException e) {
            // waitForBind closed the session already
            LOG.info("sandbox SMSC simulator: connection from {} closed without a bind",
                    session.getInetAddress().getHostAddress());
        } catch (IOException | org.jsmpp.PDUStringException e) {
            LOG.warn("sandbox SMSC simulator: bind from {} failed; closed: {}", session.getInetAddress().getHostAddress(),
                    e.getMessage());
            session.close();
        }
    }

    private void onStateChange(SessionState newState, SessionState oldState, Session source) {
        if (newState == SessionState.CLOSED && source instanceof SMPPServerSession) {
            sessions.remove(source);
        }
    }

    @Override
    public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source) throws ProcessRequestException {
        submits.incrementAndGet();
        MessageId id = newMessageId();
        handset(submitSm, id.getValue());
        return new SubmitSmResult(id, new OptionalParameter[0]);
    }

    /** What the destination's handset does with one SMS: collect segments, then hand the push on. */
    private void handset(SubmitSm submitSm, String id) {
        String msisdn = msisdn(submitSm);
        byte[] userData = userData(submitSm);
        if (!submitSm.isUdhi() || !eightBit(submitSm.getDataCoding())) {
            drop(msisdn, id, "an SMS without user data header or 8-bit data (esm_class 0x"
                    + hex(submitSm.getEsmClass()) + ", data_coding 0x" + hex(submitSm.getDataCoding()) + ")");
            return;
        }
        Optional<WdpDatagram> datagram;
        WapPush push;
        try {
            // keyed by destination: each handset reassembles its own segments
            datagram = reassembler.accept(msisdn, userData);
            if (datagram.isEmpty()) {
                LOG.debug("sandbox SMSC simulator: segment {} for {} held until its message is complete", id, msisdn);
                return;
            }
            if (datagram.get().ports().destination() != PortAddress.WAP_PUSH_PORT) {
                drop(msisdn, id, "a datagram for port " + datagram.get().ports().destination() + ", not WAP Push "
                        + PortAddress.WAP_PUSH_PORT);
                return;
            }
            push = pushCodec.decode(datagram.get().payload());
        } catch (MmsCodecException e) {
            drop(msisdn, id, "a segment it cannot read: " + e.getMessage());
            return;
        }
        if (!push.isMms()) {
            drop(msisdn, id, "a push for " + push.applicationId().orElse("?") + " of type " + push.contentType());
            return;
        }
        LOG.info("sandbox SMSC simulator: WAP Push (tid {}, {} octets) delivered to sandbox phone {}",
                push.transactionId(), datagram.get().payload().length, msisdn);
        phones.receive(msisdn, push.body().toByteArray());
    }

    private void drop(String msisdn, String id, String what) {
        dropped.incrementAndGet();
        LOG.warn("sandbox phone {} dropped {} (SMSC message id {})", msisdn, what, id);
    }

    private MessageId newMessageId() {
        try {
            return new MessageId(Long.toHexString(nextId.getAndIncrement()));
        } catch (org.jsmpp.PDUStringException e) {
            throw new IllegalStateException("message id", e);
        }
    }

    /** The destination in international form when its type of number says so. */
    private static String msisdn(SubmitSm submitSm) {
        String address = submitSm.getDestAddress();
        boolean international = submitSm.getDestAddrTon() == TypeOfNumber.INTERNATIONAL.value();
        return international && !address.startsWith("+") ? "+" + address : address;
    }

    /** short_message, or the message_payload TLV when short_message is empty (SMPP 3.4 §5.3.2.32). */
    private static byte[] userData(SubmitSm submitSm) {
        byte[] shortMessage = submitSm.getShortMessage();
        if (shortMessage != null && shortMessage.length > 0) {
            return shortMessage;
        }
        OptionalParameter payload = submitSm.getOptionalParameter(OptionalParameter.Tag.MESSAGE_PAYLOAD);
        return payload instanceof OptionalParameter.OctetString octets ? octets.getValue() : new byte[0];
    }

    /** 8-bit data in the general data coding group or the data coding / message class group (TS 23.038 §4). */
    private static boolean eightBit(byte dataCoding) {
        int dcs = dataCoding & 0xFF;
        if ((dcs & 0xC0) == 0) {
            return (dcs & 0x0C) == 0x04;
        }
        return (dcs & 0xF0) == 0xF0 && (dcs & 0x04) != 0;
    }

    private static InetAddress ipv4Loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static String hex(byte b) {
        return String.format("%02X", b & 0xFF);
    }

    private static ProcessRequestException unsupported(String command) {
        return new ProcessRequestException("the sandbox SMSC simulator takes submit_sm only, not " + command,
                SMPPConstant.STAT_ESME_RINVCMDID);
    }

    @Override
    public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source)
            throws ProcessRequestException {
        throw unsupported("submit_multi");
    }

    @Override
    public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source) throws ProcessRequestException {
        throw unsupported("query_sm");
    }

    @Override
    public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
        throw unsupported("replace_sm");
    }

    @Override
    public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
        throw unsupported("cancel_sm");
    }

    @Override
    public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source)
            throws ProcessRequestException {
        throw unsupported("broadcast_sm");
    }

    @Override
    public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source)
            throws ProcessRequestException {
        throw unsupported("cancel_broadcast_sm");
    }

    @Override
    public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm,
            SMPPServerSession source) throws ProcessRequestException {
        throw unsupported("query_broadcast_sm");
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
        throw unsupported("data_sm");
    }

    /** jSMPP's server socket factory binds every interface; this one binds loopback only. */
    private final class LoopbackOnly implements ServerConnectionFactory {
        @Override
        public ServerConnection listen(int port) throws IOException {
            return listen(port, 0, 50);
        }

        @Override
        public ServerConnection listen(int port, int timeout) throws IOException {
            return listen(port, timeout, 50);
        }

        @Override
        public ServerConnection listen(int port, int timeout, int backlog) throws IOException {
            ServerSocket s = new ServerSocket();
            try {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(LOOPBACK, port), backlog);
                s.setSoTimeout(timeout);
            } catch (IOException | RuntimeException e) {
                s.close();
                throw e;
            }
            socket = s;
            return new ServerSocketConnection(s);
        }
    }
}
