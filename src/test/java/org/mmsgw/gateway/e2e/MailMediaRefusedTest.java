package org.mmsgw.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmsgw.gateway.e2e.Pushes.awaitUntil;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

/** With gateway.mail.inbound.disallowed-media=refuse, a mail with a part MMS does not carry is refused whole. */
class MailMediaRefusedTest extends MailGatewayTest {

    @Override
    Map<String, String> mailSettings() {
        Map<String, String> s = new HashMap<>();
        s.put("gateway.mail.inbound.disallowed-media", "refuse");
        return s;
    }


    @Test
    void aMailWithADisallowedPartIsBouncedAndBecomesNoMms() throws Exception {
        String to = "+491702222222@" + MailServer.DOMAIN;
        mail.sendRaw("judy@example.org", ("From: judy@example.org\r\nTo: " + to + "\r\nSubject: contract\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
                + "Content-Type: text/plain\r\n\r\nsee attached\r\n--b\r\nContent-Type: application/pdf\r\n"
                + "Content-Disposition: attachment; filename=c.pdf\r\n\r\n%PDF-1.4\r\n--b--\r\n")
                .getBytes(StandardCharsets.US_ASCII), to);
        awaitUntil("a bounce to judy", () -> mail.mailboxOf("judy@example.org").length == 1);
        MimeMessage bounce = mail.mailboxOf("judy@example.org")[0];
        assertTrue(bounce.getContent().toString().contains("application/pdf"), bounce.getContent().toString());
        Pushes.settle();
        assertEquals(0, smsc.submits().size(), "no MMS");
    }
}
