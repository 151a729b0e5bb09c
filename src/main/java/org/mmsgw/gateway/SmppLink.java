package org.mmsgw.gateway;

import java.io.IOException;

import org.jsmpp.bean.BindType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.jsmpp.session.SessionStateListener;

/**
 * The state of the SMPP link. The gateway's SMPP client binds on first use (so the gateway starts
 * while the SMSC is down) and reports its session state here. Before that first bind, and while the
 * client has no bound session, {@link #isUp()} binds a short-lived probe session with the same
 * credentials (at most every 2 seconds while it fails, 15 while it works) to tell whether the SMSC would accept the gateway.
 */
public final class SmppLink implements SessionStateListener {
    private static final long PROBE_INTERVAL_UP_NANOS = 15_000_000_000L;
    private static final long PROBE_INTERVAL_DOWN_NANOS = 2_000_000_000L;

    private final String host;
    private final int port;
    private final String systemId;
    private final String password;
    private final String systemType;
    private volatile SessionState state;
    private volatile long probedAt;
    private volatile boolean probeResult;

    public SmppLink(String host, int port, String systemId, String password, String systemType) {
        this.host = host;
        this.port = port;
        this.systemId = systemId;
        this.password = password;
        this.systemType = systemType;
    }

    @Override
    public void onStateChange(SessionState newState, SessionState oldState, Session source) {
        state = newState;
        if (!newState.isBound()) {
            probedAt = 0;
        }
    }

    public boolean isUp() {
        SessionState s = state;
        if (s != null && s.isBound()) {
            return true;
        }
        long now = System.nanoTime();
        long interval = probeResult ? PROBE_INTERVAL_UP_NANOS : PROBE_INTERVAL_DOWN_NANOS;
        if (probedAt == 0 || now - probedAt > interval) {
            probeResult = probe();
            probedAt = now;
        }
        return probeResult;
    }

    private boolean probe() {
        SMPPSession session = new SMPPSession();
        try {
            session.connectAndBind(host, port, new BindParameter(BindType.BIND_TX, systemId, password, systemType,
                    TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null), 2000);
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            session.unbindAndClose();
        }
    }

    public String describe() {
        SessionState s = state;
        return s == null ? "not yet bound" : s.name();
    }
}
