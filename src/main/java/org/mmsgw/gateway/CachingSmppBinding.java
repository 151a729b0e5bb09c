package org.mmsgw.gateway;

import org.apache.camel.Exchange;
import org.apache.camel.component.smpp.SmppBinding;
import org.apache.camel.component.smpp.SmppCommand;
import org.apache.camel.component.smpp.SmppCommandType;
import org.apache.camel.component.smpp.SmppConfiguration;
import org.apache.camel.component.smpp.SmppSubmitSmCommand;
import org.jsmpp.session.SMPPSession;

/**
 * camel-smpp's binding, with one submit_sm command per session instead of one per message: the
 * command keeps nothing of a message between sends, and making one looks up two loggers (a few
 * percent of the gateway's CPU at a thousand pushes a second). Other commands are made as before.
 */
final class CachingSmppBinding extends SmppBinding {
    private record Cached(SMPPSession session, SmppCommand command) {
    }

    private volatile Cached submit;

    CachingSmppBinding(SmppConfiguration configuration) {
        super(configuration);
    }

    @Override
    public SmppCommand createSmppCommand(SMPPSession session, Exchange exchange) {
        if (SmppCommandType.fromExchange(exchange) != SmppCommandType.SUBMIT_SM) {
            return super.createSmppCommand(session, exchange);
        }
        Cached c = submit;
        if (c == null || c.session() != session) {
            c = new Cached(session, new SmppSubmitSmCommand(session, getConfiguration()));
            submit = c;
        }
        return c.command();
    }
}
