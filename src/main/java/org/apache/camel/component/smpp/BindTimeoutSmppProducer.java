package org.apache.camel.component.smpp;

import java.io.IOException;

import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.util.DefaultComposer;
import org.jsmpp.DefaultPDUReader;
import org.jsmpp.DefaultPDUSender;
import org.jsmpp.SynchronizedPDUSender;

/**
 * camel-smpp's producer, with the bind bounded by the endpoint's {@code transactionTimer} instead of
 * jSMPP's fixed 60 seconds: an SMSC that accepts the TCP connection and never answers the bind would
 * otherwise hold a delivery for a minute. It lives in camel-smpp's package because the session factory
 * it overrides is package-private there (camel-smpp 4.17).
 */
public class BindTimeoutSmppProducer extends SmppProducer {
    private final SmppConfiguration configuration;

    private final Object firstUse = new Object();
    private volatile boolean working;

    public BindTimeoutSmppProducer(SmppEndpoint endpoint, SmppConfiguration configuration) {
        super(endpoint, configuration);
        this.configuration = configuration;
    }

    /**
     * camel-smpp binds lazily with a {@code tryLock}: a second delivery that comes while the first one
     * binds fails at once ("Lost connection ... and yet not reconnected") and costs a redelivery. Until a
     * send has worked, sends here wait their turn instead; after that they go in parallel as before.
     */
    @Override
    public void process(org.apache.camel.Exchange exchange) throws Exception {
        if (working) {
            send(exchange);
            return;
        }
        synchronized (firstUse) {
            send(exchange);
        }
    }

    private void send(org.apache.camel.Exchange exchange) throws Exception {
        try {
            super.process(exchange);
            working = true;
        } catch (IOException e) {
            working = false;
            throw e;
        }
    }

    @Override
    SMPPSession createSMPPSession() {
        long timeout = configuration.getTransactionTimer();
        return new SMPPSession(new SynchronizedPDUSender(new DefaultPDUSender(new DefaultComposer())),
                new DefaultPDUReader(), SmppConnectionFactory.getInstance(configuration)) {
            @Override
            public String connectAndBind(String host, int port, BindParameter bindParam) throws IOException {
                return connectAndBind(host, port, bindParam, timeout);
            }
        };
    }
}
