package org.mmsgw.gateway;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.apache.camel.Exchange;
import org.apache.camel.component.smpp.SmppCancelSmCommand;
import org.apache.camel.component.smpp.SmppCommand;
import org.apache.camel.component.smpp.SmppConfiguration;
import org.apache.camel.component.smpp.SmppConstants;
import org.apache.camel.component.smpp.SmppSubmitSmCommand;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.jsmpp.session.SMPPSession;
import org.junit.jupiter.api.Test;

class CachingSmppBindingTest {
    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final CachingSmppBinding binding = new CachingSmppBinding(new SmppConfiguration());

    @Test
    void oneSubmitCommandPerSessionOthersEachTime() {
        SMPPSession first = new SMPPSession();
        SMPPSession second = new SMPPSession();
        SmppCommand a = binding.createSmppCommand(first, submit());
        assertInstanceOf(SmppSubmitSmCommand.class, a);
        assertSame(a, binding.createSmppCommand(first, submit()), "the same session keeps its command");
        SmppCommand b = binding.createSmppCommand(second, submit());
        assertNotSame(a, b, "a new session (a reconnect) gets its own");
        assertSame(b, binding.createSmppCommand(second, submit()));

        Exchange cancel = new DefaultExchange(camel);
        cancel.getMessage().setHeader(SmppConstants.COMMAND, "CancelSm");
        SmppCommand c1 = binding.createSmppCommand(second, cancel);
        assertInstanceOf(SmppCancelSmCommand.class, c1);
        assertNotSame(c1, binding.createSmppCommand(second, cancel));
    }

    private Exchange submit() {
        Exchange e = new DefaultExchange(camel);
        e.getMessage().setBody(new byte[] {1, 2, 3});
        return e;
    }
}
