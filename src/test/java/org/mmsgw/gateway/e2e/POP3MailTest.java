package org.mmsgw.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mmsgw.gateway.e2e.Pushes.awaitPushes;
import static org.mmsgw.gateway.e2e.Pushes.awaitUntil;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;

/** The mailbox polled over POP3 instead of IMAP: the mail becomes an MMS and is deleted after. */
class POP3MailTest extends MailGatewayTest {
    private static final String BOB = "+491702222222";


    @Override
    Map<String, String> mailSettings() {
        Map<String, String> s = new HashMap<>();
        s.put("gateway.mail.inbound.protocol", "pop3");
        s.put("gateway.mail.inbound.poll-delay", "500");
        s.put("gateway.mail.inbound.port", String.valueOf(mail.pop3Port()));
        return s;
    }


    @Test
    void aMailFetchedOverPop3BecomesAnMmsAndLeavesTheMailbox() throws Exception {
        String to = BOB + "@" + MailServer.DOMAIN;
        mail.sendRaw("ivan@example.org", ("From: ivan@example.org\r\nTo: " + to + "\r\nSubject: pop\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\nüber POP3\r\n").getBytes(StandardCharsets.UTF_8), to);
        MmsPdu notification = awaitPushes(smsc, BOB, 1).get(0).pdu();
        MmsPdu conf = gateway.phone(BOB).retrieve(notification.text(MmsField.CONTENT_LOCATION).orElseThrow());
        assertEquals("ivan@example.org", conf.from().orElseThrow());
        awaitUntil("deleted from the mailbox", () -> {
            try {
                return mail.inGatewayMailbox() == 0;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
