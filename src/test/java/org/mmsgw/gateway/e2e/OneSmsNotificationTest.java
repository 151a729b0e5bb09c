package org.mmsgw.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmsgw.gateway.e2e.Pushes.assertOk;
import static org.mmsgw.gateway.e2e.Pushes.awaitPushes;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.codec.sms.UserData;
import org.mmsgw.codec.sms.UserDataHeader;
import org.mmsgw.gateway.fixtures.TestPhone;
import org.mmsgw.gateway.fixtures.WapPushDelivery;

/** With fit-one-sms a notification with a long subject goes in one SMS; the message keeps the subject. */
class OneSmsNotificationTest extends GatewayTest {
    private static final String ALICE = "+491701111111";
    private static final String BOB = "+491702222222";

    @Override
    Map<String, String> settings() {
        return Map.of("gateway.notification.fit-one-sms", "true");
    }

    @Test
    void aLongSubjectIsShortenedInTheNotificationOnlySoThatItGoesInOneSms() throws Exception {
        String subject = "Photos from the summer holiday at the lake, day one (of seven)";
        String messageId = assertOk(gateway.phone(ALICE).send(
                TestPhone.typicalSendReq("S-1", BOB, subject, "Greetings from the lake")));

        WapPushDelivery push = awaitPushes(smsc, BOB, 1).get(0);
        assertEquals(1, push.segments().size(), "segments of the push");
        assertEquals(1, smsc.submits().size(), "submit_sm in all");
        UserDataHeader udh = UserData.parse(push.segments().get(0).userData()).header();
        assertTrue(udh.concatenation().isEmpty(), "a single SMS has no concatenation element");
        assertTrue(push.segments().get(0).userData().length <= 140);

        String shortened = push.pdu().text(MmsField.SUBJECT).orElseThrow();
        assertTrue(subject.startsWith(shortened) && shortened.length() < subject.length(), shortened);
        MmsPdu retrieved = gateway.phone(BOB).retrieve(push.pdu().text(MmsField.CONTENT_LOCATION).orElseThrow());
        assertEquals(messageId, retrieved.text(MmsField.MESSAGE_ID).orElseThrow());
        assertEquals(subject, retrieved.text(MmsField.SUBJECT).orElseThrow(), "the message keeps its whole subject");
    }
}
