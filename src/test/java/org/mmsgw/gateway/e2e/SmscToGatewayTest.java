package org.mmsgw.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mmsgw.gateway.e2e.Pushes.awaitPushes;
import static org.mmsgw.gateway.e2e.Pushes.awaitState;
import static org.mmsgw.gateway.e2e.Pushes.awaitUntil;
import static org.mmsgw.gateway.e2e.Pushes.plmn;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.type.Address;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.mmsgw.codec.mms.MessageType;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.codec.multipart.Part;
import org.mmsgw.codec.sms.Concatenation;
import org.mmsgw.codec.sms.Gsm7;
import org.mmsgw.codec.sms.UserDataHeader;
import org.mmsgw.gateway.fixtures.TestSmsc;
import org.mmsgw.processors.store.RecipientState;

/**
 * What the SMSC sends the gateway, end to end: delivery receipts in the forms SMSCs write them, and
 * text SMS from phones, which arrive as mail at a real mail server. The SMSC answers submit_sm in hex,
 * as many do, while writing some receipt texts in decimal.
 */
class SmscToGatewayTest extends MailGatewayTest {
    private static final String ALICE = "+491701111111";
    private static final String BOB = "+491702222222";
    private static final String CAROL = "carol@example.org";


    @Override
    TestSmsc openSmsc() {
        return TestSmsc.open(TestSmsc.IdFormat.HEX, null, null);
    }

    @Override
    Map<String, String> mailSettings() {
        Map<String, String> s = new HashMap<>();
        s.put("gateway.smpp.receipt-wait", "PT0.5S");
        return s;
    }


    @Test
    void receiptsInHexAndDecimalFormsMarkThePushDelivered() throws Exception {
        String first = Pushes.assertOk(gateway.phone(ALICE).send(Pushes.sendReq("D-1", List.of(BOB), "one",
                Part.text("<t>", "t.txt", "first"))));
        TestSmsc.Submit push1 = awaitPushes(smsc, BOB, 1).get(0).segments().get(0);
        // the text in decimal, no TLV: the hex id of the submit_sm_resp must be found from it
        assertEquals(0, smsc.sendDeliverSm(receipt(Long.toString(Long.parseLong(push1.messageId(), 16)), "DELIVRD", null)));
        awaitState(gateway.store(), first, plmn(BOB), RecipientState.PUSHED);

        String second = Pushes.assertOk(gateway.phone(ALICE).send(Pushes.sendReq("D-2", List.of(BOB), "two",
                Part.text("<t>", "t.txt", "second"))));
        TestSmsc.Submit push2 = awaitPushes(smsc, BOB, 2).get(1).segments().get(0);
        // the TLV in lower case without leading zeros, the text naming something else entirely
        String tlv = push2.messageId().replaceFirst("^0+", "").toLowerCase();
        assertEquals(0, smsc.sendDeliverSm(receipt("999999", "DELIVRD", tlv)));
        awaitState(gateway.store(), second, plmn(BOB), RecipientState.PUSHED);
    }

    @Test
    void anUndeliverablePushEndsInTheDeliveryReportTheSenderAskedFor() throws Exception {
        String messageId = Pushes.assertOk(gateway.phone(ALICE).send(Pushes.withDeliveryReport(Pushes.sendReq("U-1",
                List.of(BOB), "lost", Part.text("<t>", "t.txt", "nobody home")))));
        TestSmsc.Submit push = awaitPushes(smsc, BOB, 1).get(0).segments().get(0);
        assertEquals(0, smsc.sendDeliveryReceipt(push, "UNDELIV", 1));

        awaitState(gateway.store(), messageId, plmn(BOB), RecipientState.UNREACHABLE);
        MmsPdu report = awaitPushes(smsc, ALICE, 1).get(0).pdu();
        assertEquals(MessageType.DELIVERY_IND, report.messageType());
        assertEquals(messageId, report.text(MmsField.MESSAGE_ID).orElseThrow());
        assertEquals(7, report.token(MmsField.STATUS).orElseThrow(), "Unreachable");
    }

    @Test
    void aReceiptThatOvertakesItsSubmitResponseIsMatchedOnceTheSegmentIsKnown() throws Exception {
        smsc.awaitBound(1, Duration.ofSeconds(30));
        String next = smsc.peekNextMessageId();
        assertEquals(0, smsc.sendDeliverSm(receipt(next, "DELIVRD", next)), "taken and queued although unknown yet");
        Pushes.settle();

        String messageId = Pushes.assertOk(gateway.phone(ALICE).send(Pushes.sendReq("E-1", List.of(BOB), "early",
                Part.text("<t>", "t.txt", "receipt first"))));
        assertEquals(next, awaitPushes(smsc, BOB, 1).get(0).segments().get(0).messageId());
        awaitState(gateway.store(), messageId, plmn(BOB), RecipientState.PUSHED);
    }

    @Test
    void textSmsInGsm7Latin1AndUcs2GoToTheAddressThePhoneLastMailed() throws Exception {
        Pushes.assertOk(gateway.phone(ALICE).send(Pushes.sendReq("S-1", List.of(CAROL), "hi",
                Part.text("<t>", "t.txt", "call me"))));
        awaitUntil("the MMS arrives as mail", () -> mail.mailboxOf(CAROL).length == 1);

        assertEquals(0, smsc.sendDeliverSm(mo(ALICE, 0, Gsm7.encode("Price: 5€ {ok} [x] ~ä"))));
        assertEquals(0, smsc.sendDeliverSm(mo(ALICE, 3, "Grüße, Ærø".getBytes(StandardCharsets.ISO_8859_1))));
        assertEquals(0, smsc.sendDeliverSm(mo(ALICE, 8, "Привет 👋".getBytes(StandardCharsets.UTF_16BE))));
        awaitUntil("three SMS arrive as mail", () -> mail.mailboxOf(CAROL).length == 4);

        List<String> bodies = new java.util.ArrayList<>();
        for (MimeMessage m : mail.mailboxOf(CAROL)) {
            if (((InternetAddress) m.getFrom()[0]).getAddress().equals(ALICE + "@" + MailServer.DOMAIN)
                    && m.getSubject().startsWith("SMS from")) {
                bodies.add(m.getContent().toString());
                assertEquals(ALICE + "@" + MailServer.DOMAIN, ((InternetAddress) m.getReplyTo()[0]).getAddress());
            }
        }
        assertEquals(List.of("Price: 5€ {ok} [x] ~ä", "Grüße, Ærø", "Привет 👋").stream().sorted().toList(),
                bodies.stream().sorted().toList());
    }

    @Test
    void aTwoSegmentSmsIsReassembledInEitherOrder() throws Exception {
        Pushes.assertOk(gateway.phone(ALICE).send(Pushes.sendReq("S-2", List.of(CAROL), "hi",
                Part.text("<t>", "t.txt", "write back"))));
        awaitUntil("the MMS arrives as mail", () -> mail.mailboxOf(CAROL).length == 1);

        byte[] one = "Hello Carol, this is the first half ".getBytes(StandardCharsets.UTF_16BE);
        byte[] two = "and this the second.".getBytes(StandardCharsets.UTF_16BE);
        assertEquals(0, smsc.sendDeliverSm(segment(ALICE, 0x42, 2, 2, two)));
        Pushes.settle();
        assertEquals(1, mail.mailboxOf(CAROL).length, "half a message is not sent");
        assertEquals(0, smsc.sendDeliverSm(segment(ALICE, 0x42, 2, 1, one)));
        awaitUntil("the whole SMS arrives as one mail", () -> mail.mailboxOf(CAROL).length == 2);
        MimeMessage sms = mail.mailboxOf(CAROL)[1];
        assertEquals("Hello Carol, this is the first half and this the second.", sms.getContent().toString());
    }

    @Test
    void anSmsFromAPhoneWithNoMailCorrespondentIsTakenAndGoesNowhere() throws Exception {
        assertEquals(0, smsc.sendDeliverSm(mo(BOB, 0, Gsm7.encode("anyone?"))));
        Pushes.settle();
        assertEquals(0, mail.received().length, "no mail without an address to send it to");
    }

    @Test
    void aDeliverSmThatCannotBeQueuedIsRefusedSoTheSmscSendsItAgain() throws Exception {
        smsc.awaitBound(1, Duration.ofSeconds(30));
        gateway.broker().crash();
        int status = smsc.sendDeliverSm(mo(ALICE, 0, Gsm7.encode("lost?")));
        assertEquals(SmppConstants.STATUS_X_T_APPN, status, "ESME_RX_T_APPN, not an Ok for an event not on disk");
    }

    /** A delivery receipt whose text names {@code textId}, with a receipted_message_id TLV when {@code tlvId} is set. */
    private static DeliverSm receipt(String textId, String stat, String tlvId) throws Exception {
        DeliverSm d = new DeliverSm();
        d.setSourceAddress(new Address((byte) 1, (byte) 1, "491702222222"));
        d.setDestAddress(new Address((byte) 5, (byte) 0, "MMS"));
        d.setEsmClass(SmppConstants.ESM_CLASS_MT_SMSC_DELIVERY_RECEIPT);
        d.setShortMessage(("id:" + textId + " sub:001 dlvrd:001 submit date:2612011200 done date:2612011201 stat:"
                + stat + " err:000 text:").getBytes(StandardCharsets.US_ASCII));
        if (tlvId != null) {
            d.addOptionalParameter(new com.cloudhopper.smpp.tlv.Tlv(SmppConstants.TAG_RECEIPTED_MSG_ID,
                    (tlvId + "\0").getBytes(StandardCharsets.US_ASCII)));
        }
        return d;
    }

    private static DeliverSm mo(String from, int dataCoding, byte[] text) throws Exception {
        DeliverSm d = new DeliverSm();
        d.setSourceAddress(new Address((byte) 1, (byte) 1, from.substring(1)));
        d.setDestAddress(new Address((byte) 0, (byte) 0, "6245"));
        d.setDataCoding((byte) dataCoding);
        d.setShortMessage(text);
        return d;
    }

    private static DeliverSm segment(String from, int ref, int total, int seq, byte[] ucs2) throws Exception {
        byte[] udh = UserDataHeader.of(Concatenation.eightBit(ref, total, seq)).encode();
        byte[] data = java.util.Arrays.copyOf(udh, udh.length + ucs2.length);
        System.arraycopy(ucs2, 0, data, udh.length, ucs2.length);
        DeliverSm d = mo(from, 8, data);
        d.setEsmClass((byte) 0x40);
        return d;
    }
}
