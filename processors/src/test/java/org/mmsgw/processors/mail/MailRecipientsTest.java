package org.mmsgw.processors.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mmsgw.processors.mail.MailRecipients.ReplyFrom;
import org.mmsgw.processors.store.FileMessageStore;
import org.mmsgw.processors.store.Recipient;
import org.mmsgw.processors.store.RecipientState;
import org.mmsgw.processors.store.StoredMessage;

class MailRecipientsTest {
    private static final String DOMAIN = "mms.example.net";
    private static final Instant SUBMITTED = Instant.parse("2030-01-01T10:00:00Z");
    private static final String SENDER = "+491709999999/TYPE=PLMN";
    private static final String BOB = "bob@example.com";
    private static final String EVE = "eve@example.com";
    private static final String BOB_TOKEN = "Zq3-x_9Tk2LmNp4QrStUvW";
    private static final String PHONE_TOKEN = "Pq3-x_9Tk2LmNp4QrStUvW";
    private static final String MESSAGE_ID = "Mq7a-Kx_0pLmZ2TrYv9wBc";
    private static final String NO_PHONE = "the mail names no phone: write to <international number>@mms.example.net,"
            + " for example +491701234567@mms.example.net";

    @TempDir
    Path tmp;

    private FileMessageStore store;

    @BeforeEach
    void saveAnMmsSentToBobAndAPhone() {
        store = new FileMessageStore(tmp.resolve("store"));
        store.save(new StoredMessage(MESSAGE_ID, SENDER, SUBMITTED, SUBMITTED.plusSeconds(86_400), false, false, false,
                3, List.of(new Recipient(BOB, BOB_TOKEN, RecipientState.NOTIFIED),
                        new Recipient("+491702222222/TYPE=PLMN", PHONE_TOKEN, RecipientState.PENDING))),
                new byte[] {1, 2, 3});
    }

    private MailRecipients recipients(ReplyFrom policy, int max) {
        return new MailRecipients(store, DOMAIN, policy, max);
    }

    private MailRecipients recipients() {
        return recipients(ReplyFrom.RECIPIENT, 5);
    }

    private static InboundMail mail(String from, List<String> to, List<String> references, boolean automatic) {
        return new InboundMail(from, to, "x@example.com", references, "", automatic, List.of("t"), List.of(),
                Optional.empty(), List.of());
    }

    private static InboundMail mail(String from, String... to) {
        return mail(from, List.of(to), List.of(), false);
    }

    /** 64 bits of SHA-256 of the lower-cased address, in hex (the Message-ID the MMS went out with). */
    private static String digest(String address) throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256")
                .digest(address.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(hash, 0, 8);
    }

    private static MailRefusedException refused(MailRecipients r, InboundMail mail) {
        return assertThrows(MailRefusedException.class, () -> r.phones(mail));
    }

    // ---- numbers at the own domain ------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({
        "+491701234567@mms.example.net,+491701234567/TYPE=PLMN",
        "491701234567@mms.example.net,+491701234567/TYPE=PLMN",
        "+491701234567@MMS.Example.NET,+491701234567/TYPE=PLMN",
        "123456@mms.example.net,+123456/TYPE=PLMN",
        "+123456789012345@mms.example.net,+123456789012345/TYPE=PLMN"})
    void numberAtTheOwnDomainNamesAPhone(String address, String phone) {
        assertEquals(List.of(phone), recipients().phones(mail(BOB, address)));
    }

    @Test
    void domainGivenInUpperCaseMatchesToo() {
        MailRecipients r = new MailRecipients(store, "MMS.EXAMPLE.NET", ReplyFrom.RECIPIENT, 5);

        assertEquals(List.of("+491701234567/TYPE=PLMN"), r.phones(mail(BOB, "+491701234567@mms.example.net")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "+491701234567@example.net",
        "+491701234567@sub.mms.example.net",
        "+491701234567@mms.example.net.evil.org",
        "+491701234567@mmsXexample.net",
        "12345@mms.example.net",
        "1234567890123456@mms.example.net",
        "++491701234567@mms.example.net",
        "+49-170-1234567@mms.example.net",
        "+49170123456a@mms.example.net",
        "@mms.example.net",
        "mms.example.net",
        "bob@mms.example.net",
        "replyx@mms.example.net"})
    void otherAddressesNameNoPhone(String address) {
        MailRefusedException e = refused(recipients(), mail(BOB, address));

        assertEquals(NO_PHONE, e.getMessage());
        assertEquals(Optional.of(BOB), e.bounceTo());
    }

    @Test
    void phonesInMailOrderWithoutRepeatsAndOtherDomainsIgnored() {
        List<String> phones = recipients().phones(mail(BOB, "carol@example.org", "+491702222222@mms.example.net",
                "+491701111111@elsewhere.org", "491701111111@mms.example.net", "491702222222@MMS.example.net"));

        assertEquals(List.of("+491702222222/TYPE=PLMN", "+491701111111/TYPE=PLMN"), phones);
    }

    @Test
    void phonesUpToTheMaximumAreTaken() {
        List<String> phones = recipients(ReplyFrom.RECIPIENT, 2).phones(mail(BOB, "+491701111111@mms.example.net",
                "+491702222222@mms.example.net", "491701111111@mms.example.net"));

        assertEquals(List.of("+491701111111/TYPE=PLMN", "+491702222222/TYPE=PLMN"), phones);
    }

    @Test
    void morePhonesThanTheMaximumAreRefused() {
        MailRefusedException e = refused(recipients(ReplyFrom.RECIPIENT, 2), mail(BOB, "+491701111111@mms.example.net",
                "+491702222222@mms.example.net", "+491703333333@mms.example.net"));

        assertEquals("the mail names 3 phones, at most 2 are taken", e.getMessage());
        assertEquals(Optional.of(BOB), e.bounceTo());
    }

    @Test
    void machineSentMailIsRefusedWithoutBounce() {
        MailRefusedException e = refused(recipients(), mail(BOB, List.of("x@example.org"), List.of(), true));

        assertEquals(NO_PHONE, e.getMessage());
        assertEquals(Optional.empty(), e.bounceTo());
    }

    // ---- reply tokens -------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"reply+" + BOB_TOKEN + "@mms.example.net", "Reply+" + BOB_TOKEN + "@MMS.example.NET",
        "REPLY+" + BOB_TOKEN + "@mms.example.net"})
    void replyTokenOfAnEmailRecipientLeadsToTheSender(String address) {
        assertEquals(List.of(SENDER), recipients().phones(mail(BOB, address)));
    }

    @Test
    void replyAndNumberTogetherWithoutRepeats() {
        List<String> phones = recipients().phones(mail(BOB, "reply+" + BOB_TOKEN + "@mms.example.net",
                "+491709999999@mms.example.net", "+491701111111@mms.example.net"));

        assertEquals(List.of(SENDER, "+491701111111/TYPE=PLMN"), phones);
    }

    @ParameterizedTest
    @CsvSource({
        "nope,nope",
        "Zq3-x_9Tk2LmNp4QrStUvw,Zq3-x_9Tk2LmNp4QrStUvw",
        "" + PHONE_TOKEN + "," + PHONE_TOKEN,
        "../" + BOB_TOKEN + ",../" + BOB_TOKEN,
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,...",
        "'',''"})
    void unknownOrPhoneTokenIsRefused(String token, String shown) {
        MailRefusedException e = refused(recipients(), mail(BOB, "reply+" + token + "@mms.example.net"));

        assertEquals("the reply address reply+" + shown + "@mms.example.net is not known here (or has expired)",
                e.getMessage());
        assertEquals(Optional.of(BOB), e.bounceTo());
    }

    @Test
    void tokenOfAMessageWhoseSenderIsNoPhoneIsRefused() {
        store.save(new StoredMessage("other", "someone@example.org", SUBMITTED, SUBMITTED.plusSeconds(60), false, false,
                false, 1, List.of(new Recipient(BOB, "tokOther", RecipientState.PENDING))), new byte[] {1});

        MailRefusedException e = refused(recipients(), mail(BOB, "reply+tokOther@mms.example.net"));

        assertEquals("the reply address reply+tokOther@mms.example.net is not known here (or has expired)",
                e.getMessage());
    }

    @Test
    void replyFromAnotherAddressIsRefusedUnderPolicyRecipient() {
        MailRefusedException e = refused(recipients(), mail(EVE, "reply+" + BOB_TOKEN + "@mms.example.net"));

        assertEquals("replies to this MMS are taken only from the address it was sent to", e.getMessage());
        assertEquals(Optional.of(EVE), e.bounceTo());
    }

    @Test
    void replyFromAnotherAddressIsTakenUnderPolicyAny() {
        assertEquals(List.of(SENDER),
                recipients(ReplyFrom.ANY, 5).phones(mail(EVE, "reply+" + BOB_TOKEN + "@mms.example.net")));
    }

    @Test
    void unknownTokenIsRefusedUnderPolicyAnyToo() {
        MailRefusedException e = refused(recipients(ReplyFrom.ANY, 5), mail(EVE, "reply+nope@mms.example.net"));

        assertEquals("the reply address reply+nope@mms.example.net is not known here (or has expired)", e.getMessage());
    }

    @Test
    void replyTokenAtAnotherDomainIsIgnored() {
        MailRefusedException e = refused(recipients(), mail(BOB, "reply+" + BOB_TOKEN + "@example.net"));

        assertEquals(NO_PHONE, e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
        "Bob <bob@example.com>,bob@example.com,true",
        "Bob@Example.COM,bob@example.com,true",
        "bob@example.com,BOB@example.com,true",
        "bob@example.com,eve@example.com,false",
        "bob@example.com,bob@example.com.evil.org,false"})
    void sameAddressIgnoresCaseAndDisplayName(String recipient, String from, boolean same) {
        assertEquals(same, MailRecipients.sameAddress(recipient, from));
    }

    // ---- references ---------------------------------------------------------------------------------

    @Test
    void referenceToTheMessageIdSentToTheSenderLeadsToTheMmsSender() throws Exception {
        InboundMail m = mail(BOB, List.of("bob-list@example.org"),
                List.of("unrelated@x", MESSAGE_ID + "." + digest(BOB) + "@" + DOMAIN), false);

        assertEquals(List.of(SENDER), recipients().phones(m));
    }

    @ParameterizedTest
    @CsvSource({"MMS.EXAMPLE.NET,false", "mms.example.net,true"})
    void referenceMatchesDomainAndDigestInAnyCase(String domain, boolean upperDigest) throws Exception {
        String d = upperDigest ? digest(BOB).toUpperCase(Locale.ROOT) : digest(BOB);
        InboundMail m = mail(BOB, List.of(), List.of(MESSAGE_ID + "." + d + "@" + domain), false);

        assertEquals(List.of(SENDER), recipients().phones(m));
    }

    @Test
    void referenceWithTheDigestOfAnotherAddressLeadsNowhere() throws Exception {
        InboundMail m = mail(EVE, List.of(), List.of(MESSAGE_ID + "." + digest(BOB) + "@" + DOMAIN), false);

        MailRefusedException e = refused(recipients(), m);

        assertEquals(NO_PHONE, e.getMessage());
        assertEquals(Optional.of(EVE), e.bounceTo());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "unknown-id.%s@mms.example.net",
        "Mq7a-Kx_0pLmZ2TrYv9wBc.%s@other.example.net",
        "Mq7a-Kx_0pLmZ2TrYv9wBc.%s@mms.example.net.evil.org",
        "Mq7a-Kx_0pLmZ2TrYv9wBc%s@mms.example.net",
        "Mq7a-Kx_0pLmZ2TrYv9wBc.%s0@mms.example.net",
        "../Mq7a-Kx_0pLmZ2TrYv9wBc.%s@mms.example.net"})
    void otherReferencesLeadNowhere(String pattern) throws Exception {
        InboundMail m = mail(BOB, List.of(), List.of(String.format(pattern, digest(BOB))), false);

        assertEquals(NO_PHONE, refused(recipients(), m).getMessage());
    }

    @Test
    void referencesCountOnlyWhenNoAddressNamesAPhone() throws Exception {
        InboundMail m = mail(BOB, List.of("+491701111111@mms.example.net"),
                List.of(MESSAGE_ID + "." + digest(BOB) + "@" + DOMAIN), false);

        assertEquals(List.of("+491701111111/TYPE=PLMN"), recipients().phones(m));
    }

    @Test
    void readMailWithMixedCaseSenderMatchesItsReference() throws Exception {
        byte[] raw = String.join("\r\n", "From: Bob <Bob@Example.COM>", "To: someone@example.org",
                "In-Reply-To: <" + MESSAGE_ID + "." + digest(BOB) + "@mms.example.net>", "", "thanks")
                .getBytes(StandardCharsets.US_ASCII);
        InboundMail m = new MailReader(InboundLimits.DEFAULTS, t -> false).read(raw);

        assertEquals(List.of(SENDER), recipients().phones(m));
    }

    @Test
    void referenceFromAnAddressTheMmsNeverWentToIsRefusedUnderPolicyRecipient() throws Exception {
        // the digest is no secret: eve computes her own, and names the message id she saw in a forwarded mail
        InboundMail m = mail(EVE, List.of(), List.of(MESSAGE_ID + "." + digest(EVE) + "@" + DOMAIN), false);

        MailRefusedException e = refused(recipients(), m);

        assertEquals(Optional.of(EVE), e.bounceTo());
    }
}
