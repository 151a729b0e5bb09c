package org.mmsgw.gateway;

import java.util.Map;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.component.smpp.BindTimeoutSmppProducer;
import org.apache.camel.component.smpp.SmppComponent;
import org.apache.camel.component.smpp.SmppEndpoint;

/**
 * The {@code smpp} component with producers whose bind times out after the endpoint's
 * {@code transactionTimer} (see {@link BindTimeoutSmppProducer}), and the gateway's own receiver as
 * consumer ({@link SmppReceiverConsumer}). Endpoints are configured by
 * camel-smpp itself, so every endpoint option keeps its meaning (the annotation names the scheme whose
 * generated option configurers apply).
 */
@org.apache.camel.spi.annotations.Component("smpp")
public final class SmppComponentWithBindTimeout extends SmppComponent {

    @Override
    @SuppressWarnings("rawtypes")
    protected Endpoint createEndpoint(String uri, String remaining, Map parameters) throws Exception {
        SmppEndpoint configured = (SmppEndpoint) super.createEndpoint(uri, remaining, parameters);
        SmppEndpoint endpoint = new SmppEndpoint(uri, this, configured.getConfiguration()) {
            @Override
            public Producer createProducer() {
                return new BindTimeoutSmppProducer(this, getConfiguration());
            }

            @Override
            public Consumer createConsumer(Processor processor) throws Exception {
                SmppReceiverConsumer consumer = new SmppReceiverConsumer(this, processor, getConfiguration());
                configureConsumer(consumer);
                return consumer;
            }
        };
        endpoint.setBinding(new CachingSmppBinding(configured.getConfiguration()));
        return endpoint;
    }
}
