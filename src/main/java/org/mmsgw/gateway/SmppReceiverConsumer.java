package org.mmsgw.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.smpp.SmppConfiguration;
import org.apache.camel.support.DefaultConsumer;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.mmsgw.processors.inbound.ReceivedSms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SMSC-to-gateway side: a receiver bind (SMPP 3.4 §4.1.3) that turns each deliver_sm into an
 * exchange whose body is a {@link ReceivedSms} and nothing else (no header from the SMSC enters). The
 * deliver_sm_resp goes out after the route is done: Ok when the route queued the event,
 * ESME_RX_T_APPN (the receiver's temporary error, SMPP 3.4 §5.1.3) when it failed, so the SMSC delivers
 * it again. camel-smpp's own consumer does not fit: its start fails
 * while the SMSC is down, and a receipt its parser cannot read is acknowledged and dropped.
 */
final class SmppReceiverConsumer extends DefaultConsumer implements MessageReceiverListener {
    private static final Logger LOG = LoggerFactory.getLogger(SmppReceiverConsumer.class);
    private static final int ESME_RX_T_APPN = 0x64;
    private static final int ESME_RINVCMDID = 0x03;
    private static final short TAG_RECEIPTED_MESSAGE_ID = 0x001E;
    private static final short TAG_MESSAGE_STATE = 0x0427;
    private static final short TAG_MESSAGE_PAYLOAD = 0x0424;

    private final SmppConfiguration config;
    private final Object lock = new Object();
    private volatile boolean running;
    private Thread binder;
    private SMPPSession session;

    SmppReceiverConsumer(Endpoint endpoint, Processor processor, SmppConfiguration config) {
        super(endpoint, processor);
        this.config = config;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        running = true;
        binder = new Thread(this::bindLoop, "smpp-receiver");
        binder.setDaemon(true);
        binder.start();
    }

    @Override
    protected void doStop() throws Exception {
        running = false;
        synchronized (lock) {
            lock.notifyAll();
        }
        if (binder != null) {
            binder.interrupt();
            binder.join(5000);
        }
        closeSession();
        super.doStop();
    }

    /** Keeps one receiver session bound: at start, and again after every loss, with the reconnect delay. */
    private void bindLoop() {
        while (running) {
            try {
                SMPPSession s = new SMPPSession();
                s.setEnquireLinkTimer(config.getEnquireLinkTimer());
                s.setTransactionTimer(config.getTransactionTimer());
                s.setMessageReceiverListener(this);
                s.addSessionStateListener((newState, oldState, source) -> {
                    if (newState == SessionState.CLOSED || newState == SessionState.UNBOUND) {
                        synchronized (lock) {
                            lock.notifyAll();
                        }
                    }
                });
                s.connectAndBind(config.getHost(), config.getPort(), new BindParameter(BindType.BIND_RX,
                        config.getSystemId(), config.getPassword(), config.getSystemType(), TypeOfNumber.UNKNOWN,
                        NumberingPlanIndicator.UNKNOWN, config.getAddressRange()), config.getTransactionTimer());
                synchronized (lock) {
                    session = s;
                }
                LOG.info("SMPP receiver bound to {}:{}", config.getHost(), config.getPort());
                synchronized (lock) {
                    while (running && s.getSessionState().isBound()) {
                        lock.wait(1000);
                    }
                }
                LOG.warn("SMPP receiver lost its bind to {}:{}", config.getHost(), config.getPort());
            } catch (IOException e) {
                LOG.debug("SMPP receiver cannot bind to {}:{}: {}", config.getHost(), config.getPort(), e.getMessage());
            } catch (InterruptedException e) {
                return;
            } finally {
                closeSession();
            }
            try {
                Thread.sleep(config.getReconnectDelay());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void closeSession() {
        SMPPSession s;
        synchronized (lock) {
            s = session;
            session = null;
        }
        if (s != null) {
            s.unbindAndClose();
        }
    }

    /** Whether the receiver is bound now (for /health). */
    boolean isBound() {
        synchronized (lock) {
            return session != null && session.getSessionState().isBound();
        }
    }

    @Override
    public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
        Exchange exchange = createExchange(false);
        try {
            exchange.getIn().setBody(received(deliverSm));
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        Exception failure = exchange.getException();
        releaseExchange(exchange, false);
        if (failure != null) {
            LOG.warn("deliver_sm from {} not taken, the SMSC will send it again: {}", deliverSm.getSourceAddr(),
                    failure.getMessage());
            throw new ProcessRequestException("not queued: " + failure.getMessage(), ESME_RX_T_APPN, failure);
        }
    }

    @Override
    public void onAcceptAlertNotification(AlertNotification alertNotification) {
        LOG.debug("alert_notification ignored: {}", alertNotification.getSourceAddr());
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
        throw new ProcessRequestException("data_sm is not taken here; use deliver_sm", ESME_RINVCMDID);
    }

    static ReceivedSms received(DeliverSm d) {
        byte[] payload = tlv(d, TAG_MESSAGE_PAYLOAD).orElse(null);
        byte[] userData = payload != null && payload.length > 0 ? payload
                : d.getShortMessage() == null ? new byte[0] : d.getShortMessage();
        Optional<String> receipted = tlv(d, TAG_RECEIPTED_MESSAGE_ID).map(SmppReceiverConsumer::cString);
        Optional<Integer> state = tlv(d, TAG_MESSAGE_STATE).filter(v -> v.length == 1).map(v -> v[0] & 0xFF);
        return new ReceivedSms(d.getSourceAddr() == null ? "" : d.getSourceAddr(), d.getSourceAddrTon(),
                d.getDestAddress() == null ? "" : d.getDestAddress(), d.getEsmClass() & 0xFF, d.getDataCoding() & 0xFF,
                userData, receipted, state);
    }

    private static Optional<byte[]> tlv(DeliverSm d, short tag) {
        OptionalParameter[] params = d.getOptionalParameters();
        if (params == null) {
            return Optional.empty();
        }
        for (OptionalParameter p : params) {
            if (p.tag == tag) {
                byte[] all = p.serialize();
                // tag (2), length (2), value
                return Optional.of(java.util.Arrays.copyOfRange(all, 4, all.length));
            }
        }
        return Optional.empty();
    }

    /** A C-Octet String TLV value without its NUL. */
    private static String cString(byte[] value) {
        int end = 0;
        while (end < value.length && value[end] != 0) {
            end++;
        }
        return new String(value, 0, end, StandardCharsets.ISO_8859_1);
    }
}
