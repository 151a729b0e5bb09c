package org.mmsgw.gateway.handoff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.impl.ActiveMQServerImpl;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

/**
 * The hand-offs routed in the broker itself (the embedded broker's case): every case of
 * {@link HandOffTest}, and what is particular to them: a large body through the JMS client, a queue
 * made on first use, and confirmed sends still there after the broker crashed.
 */
class BrokerSendsTest extends HandOffTest {

    @Override
    HandOffComponent component(ActiveMQConnectionFactory confirming) {
        return HandOffComponent.embedded(() -> artemis.getActiveMQServer(), confirming, 5_000, null);
    }

    @Test
    void aQueueNobodyUsedYetIsMadeAndALargeBodyGoesThroughTheClientIntact() throws Exception {
        assertEquals(null, artemis.getActiveMQServer().locateQueue(SimpleString.of("q1")), "no queue before");
        byte[] large = new byte[BrokerSends.LARGE + 1];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) (i * 31 + 7);
        }
        byte[] small = new byte[BrokerSends.LARGE];
        small[0] = 1;
        small[small.length - 1] = 2;
        template.sendBody("direct:wait", small);
        template.sendBody("direct:wait", large);
        // a large message is read while its connection is open
        try (ActiveMQConnectionFactory f = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port);
                Connection c = f.createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(s.createQueue("q1"));
            assertArrayEquals(small, bodyOf(consumer.receive(10_000)));
            assertArrayEquals(large, bodyOf(consumer.receive(10_000)));
        }
    }

    @Test
    void confirmedSendsAreStillThereAfterTheBrokerCrashed() throws Exception {
        int n = 300;
        List<CompletableFuture<Object>> sent = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sent.add(template.asyncRequestBody("direct:async", "m" + i));
        }
        for (CompletableFuture<Object> f : sent) {
            f.get(30, TimeUnit.SECONDS);
        }
        ((ActiveMQServerImpl) artemis.getActiveMQServer()).stop(false, true, false);
        artemis = broker();
        artemis.start();
        List<String> texts = new ArrayList<>();
        for (Message m : receive(n)) {
            texts.add(assertInstanceOf(TextMessage.class, m).getText());
        }
        assertEquals(n, texts.stream().distinct().count(), "every confirmed send, once");
    }

    private static byte[] bodyOf(Message m) throws Exception {
        BytesMessage bytes = assertInstanceOf(BytesMessage.class, m);
        byte[] body = new byte[(int) bytes.getBodyLength()];
        bytes.readBytes(body);
        return body;
    }
}
