package org.mmsgw.gateway.e2e;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;

/**
 * A gateway test with a real mail server on loopback ({@link MailServer}) that the gateway sends to and
 * whose mailbox it polls; each test gets a fresh one.
 */
abstract class MailGatewayTest extends GatewayTest {
    MailServer mail;

    /** Settings on top of the mail server's for this class's gateways. */
    Map<String, String> mailSettings() {
        return Map.of();
    }

    @Override
    final Map<String, String> settings() {
        try {
            mail = new MailServer();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> s = new HashMap<>(mail.gatewaySettings());
        s.putAll(mailSettings());
        return s;
    }

    @AfterEach
    void stopMail() {
        mail.close();
    }
}
