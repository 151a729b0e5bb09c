package org.mmsgw.codec.mms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mmsgw.codec.multipart.Body;
import org.mmsgw.codec.multipart.Part;
import org.mmsgw.codec.push.WapPush;
import org.mmsgw.codec.push.WapPushCodec;
import org.mmsgw.codec.sms.SmsReassembler;
import org.mmsgw.codec.wsp.ContentType;
import org.mmsgw.codec.wsp.EncodedString;
import org.mmsgw.codec.wsp.Header;
import org.mmsgw.codec.wsp.HeaderValue;
import org.mmsgw.codec.wsp.Parameter;

/**
 * {@link MmsValidator} against OMA-MMS-ENC-V1_3 §6 (mandatory headers per type, body or none) and §7.1
 * (X-Mms-Message-Type first, X-Mms-Transaction-ID second when present, X-Mms-MMS-Version next).
 */
class MmsValidatorTest {
    private static final Path VECTORS = Path.of(System.getProperty("mmsgw.vectors", "../../shared/vectors"));
    private static final long DATE = 1700604800L;

    /**
     * Vectors that break a rule of their type, with the violations they give and why. None do. Checked by
     * hexdump against §6: {@code mmsd-inline/mms_m_retrieve_conf_3.bin} starts {@code 8C 84 8D 90 85 ...}
     * without X-Mms-Transaction-ID, which m-retrieve-conf makes optional (Table 5), so it is valid; the
     * m-notification-ind vectors all carry Message-Class, Message-Size, Expiry and Content-Location; the
     * crafted m-delivery-ind, m-read-rec-ind and m-read-orig-ind carry no Transaction-ID, as §6.6-6.7 ask.
     */
    private static final Map<String, List<Violation>> KNOWN_INVALID = Map.of();

    // ------------------------------------------------------------------ vectors

    /**
     * Every MMS PDU in the vectors dir: the {@code .mms} files and {@code mms_*.bin}, and the
     * m-notification-ind carried by the push vectors ({@code push*.bin}, {@code .wsp}, {@code .ud1..n}
     * and the SMS-DELIVER TPDUs of {@code *-seg1.sca-tpdu.hex}) whose push is addressed to mms.ua.
     */
    static Stream<String> vectors() {
        List<String> ids = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(VECTORS, FileVisitOption.FOLLOW_LINKS)) {
            walk.filter(Files::isRegularFile).map(p -> VECTORS.relativize(p).toString().replace('\\', '/')).sorted()
                    .forEach(id -> {
                        String name = id.substring(id.lastIndexOf('/') + 1);
                        if (name.endsWith(".mms") || name.endsWith(".bin") || name.endsWith(".wsp")
                                || name.endsWith(".ud1") || name.endsWith("-seg1.sca-tpdu.hex")) {
                            ids.add(id);
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("vectors dir " + VECTORS.toAbsolutePath() + " (set -Dmmsgw.vectors)", e);
        }
        if (ids.size() < 30) {
            throw new IllegalStateException("only " + ids.size() + " vectors in " + VECTORS.toAbsolutePath());
        }
        return ids.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void everyVectorIsValid(String id) {
        mmsPdu(id).ifPresentOrElse(
                pdu -> assertEquals(KNOWN_INVALID.getOrDefault(id, List.of()), MmsValidator.validate(pdu), id),
                () -> assertTrue(id.contains("push3") || id.contains("push4") || id.contains("push5")
                        || id.contains("si-push"), id + " carries no MMS PDU"));
    }

    @Test
    void theVectorsHoldEveryPduTypeTheGatewaySees() {
        List<String> types = vectors().map(MmsValidatorTest::mmsPdu).flatMap(Optional::stream)
                .map(p -> p.messageType().specName()).distinct().sorted().toList();

        assertEquals(List.of("m-acknowledge-ind", "m-delivery-ind", "m-notification-ind", "m-notifyresp-ind",
                "m-read-orig-ind", "m-read-rec-ind", "m-retrieve-conf", "m-send-conf", "m-send-req"), types);
    }

    private static Optional<MmsPdu> mmsPdu(String id) {
        String name = id.substring(id.lastIndexOf('/') + 1);
        byte[] push;
        if (name.endsWith(".mms") || (name.endsWith(".bin") && !name.startsWith("push"))) {
            return Optional.of(new MmsDecoder().decode(read(id)));
        } else if (name.endsWith(".ud1")) {
            push = SmsReassembler.reassemble(segments(id, n -> id.replaceAll("\\.ud1$", ".ud" + n), false));
        } else if (name.endsWith("-seg1.sca-tpdu.hex")) {
            push = SmsReassembler.reassemble(segments(id, n -> id.replace("-seg1.", "-seg" + n + "."), true));
        } else {
            push = read(id);
        }
        WapPush wap = new WapPushCodec().decode(push);
        return wap.isMms() ? Optional.of(new MmsDecoder().decode(wap.body().toByteArray()))
                : Optional.empty();
    }

    private static List<byte[]> segments(String first, IntFunction<String> name, boolean tpdu) {
        List<byte[]> segments = new ArrayList<>();
        for (int n = 1; Files.exists(VECTORS.resolve(name.apply(n))); n++) {
            byte[] file = read(name.apply(n));
            segments.add(tpdu ? userData(file) : file);
        }
        assertTrue(segments.size() >= 2, first + " has " + segments.size() + " segments");
        return segments;
    }

    /**
     * TP-User-Data of an SMS-DELIVER (3GPP TS 23.040 §9.2.2.1) in hex, SMSC address first: SCA length and
     * SCA, first octet, OA digit count, TOA and OA semi-octets, PID, DCS (8-bit), SCTS (7), UDL, UD.
     */
    private static byte[] userData(byte[] hexFile) {
        byte[] t = HexFormat.of().parseHex(new String(hexFile, StandardCharsets.US_ASCII).replaceAll("\\s+", ""));
        int i = 1 + (t[0] & 0xFF);
        i += 1;
        int oaDigits = t[i] & 0xFF;
        i += 2 + (oaDigits + 1) / 2;
        i += 2 + 7;
        int udl = t[i] & 0xFF;
        return Arrays.copyOfRange(t, i + 1, i + 1 + udl);
    }

    private static byte[] read(String id) {
        try {
            return Files.readAllBytes(VECTORS.resolve(id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ MmsPdus

    static Stream<Arguments> builtPdus() {
        ContentType related = MmsPdus.relatedType("<smil>");
        Body body = MmsPdus.multipart(
                Part.of(ContentType.of("application/smil", Parameter.charset(106)), "<smil>", "s.smil",
                        "<smil/>".getBytes(StandardCharsets.UTF_8)),
                Part.text("<t>", "t.txt", "Grüße"));
        return Stream.of(
                Arguments.of("m-send-req", MmsPdus.sendReq("T1", List.of("+491701234567/TYPE=PLMN"), "Hi")
                        .body(related, body).build()),
                Arguments.of("m-send-req without subject", MmsPdus.sendReq("T1",
                        List.of("a@b.example", "+4917/TYPE=PLMN"), null).body(related, body).build()),
                Arguments.of("m-send-conf Ok", MmsPdus.sendConf("T1", 0x00, null, "msg-1")),
                Arguments.of("m-send-conf error", MmsPdus.sendConf("T1", 0x61, "Nicht erlaubt", null)),
                Arguments.of("m-notification-ind", MmsPdus.notificationInd("T2", "http://mmsc/x", 1234, 86400,
                        "+491701234567/TYPE=PLMN", "Grüße")),
                Arguments.of("m-notification-ind without From and Subject",
                        MmsPdus.notificationInd("T2", "http://mmsc/x", 1234, 86400, null, null)),
                Arguments.of("m-notifyresp-ind", MmsPdus.notifyRespInd("T2", "Retrieved", true)),
                Arguments.of("m-retrieve-conf",
                        MmsPdus.retrieveConf("T3", "msg-1", DATE, "+4917/TYPE=PLMN", related, body).build()),
                Arguments.of("m-retrieve-conf without ids", MmsPdus.retrieveConf(null, null, DATE, null, related, body)
                        .build()),
                Arguments.of("m-retrieve-conf error", MmsPdus.retrieveConfError("T3", DATE, 0x62, "gone")),
                Arguments.of("m-acknowledge-ind", MmsPdus.acknowledgeInd("T3", false)),
                Arguments.of("m-delivery-ind", MmsPdus.deliveryInd("msg-1", "+4917/TYPE=PLMN", DATE, "Retrieved")),
                Arguments.of("m-read-rec-ind",
                        MmsPdus.readRecInd("msg-1", "+4917/TYPE=PLMN", "+4918/TYPE=PLMN", "Read")),
                Arguments.of("m-read-orig-ind", MmsPdus.readOrigInd("msg-1", "+4917/TYPE=PLMN", "+4918/TYPE=PLMN", DATE,
                        "Deleted without being read")),
                Arguments.of("m-forward-req", MmsPdus.forwardReq("T4", List.of("a@b.example"), "http://mmsc/x")),
                Arguments.of("m-forward-conf", MmsPdus.forwardConf("T4", 0x00, "msg-2")),
                Arguments.of("m-cancel-req", MmsPdus.cancelReq("T5", "msg-1")),
                Arguments.of("m-cancel-conf", MmsPdus.cancelConf("T5", true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtPdus")
    void everyPduMmsPdusBuildsIsValid(String name, MmsPdu pdu) {
        assertEquals(List.of(), MmsValidator.validate(pdu), name);
        assertEquals(pdu, new MmsDecoder().decode(new MmsEncoder().encode(pdu)), name + " survives the wire");
    }

    // ------------------------------------------------------------------ broken PDUs

    private static Header h(MmsField field, HeaderValue value) {
        return new Header(field.code(), field.specName(), value);
    }

    private static Header type(MessageType type) {
        return h(MmsField.MESSAGE_TYPE, new HeaderValue.Token(type.code()));
    }

    private static Header tid(String id) {
        return h(MmsField.TRANSACTION_ID, new HeaderValue.Text(id));
    }

    private static Header version() {
        return h(MmsField.MMS_VERSION, new HeaderValue.Version(1, 2));
    }

    private static Header text(MmsField field, String text) {
        return h(field, new HeaderValue.Text(text));
    }

    private static Header encoded(MmsField field, String text) {
        return h(field, new HeaderValue.Encoded(EncodedString.of(text)));
    }

    private static Header token(MmsField field, int code) {
        return h(field, new HeaderValue.Token(code));
    }

    private static Header date() {
        return h(MmsField.DATE, new HeaderValue.Date(DATE));
    }

    private static Header from() {
        return h(MmsField.FROM, HeaderValue.From.INSERT_ADDRESS);
    }

    private static final Header TO = encoded(MmsField.TO, "+491701234567/TYPE=PLMN");
    private static final Header MESSAGE_ID = text(MmsField.MESSAGE_ID, "msg-1");
    private static final Header RETRIEVED = token(MmsField.STATUS, 1);
    private static final Header CLASS = token(MmsField.MESSAGE_CLASS, 0);
    private static final Header SIZE = h(MmsField.MESSAGE_SIZE, new HeaderValue.Int(1234));
    private static final Header EXPIRY = h(MmsField.EXPIRY, new HeaderValue.Time(false, 86400));
    private static final Header LOCATION = text(MmsField.CONTENT_LOCATION, "http://mmsc/x");
    private static final ContentType TEXT = ContentType.of("text/plain", Parameter.charset(106));
    private static final Body HELLO = Body.of("hello".getBytes(StandardCharsets.US_ASCII));

    private static MmsPdu pdu(Header... headers) {
        return new MmsPdu(List.of(headers), null, null);
    }

    private static MmsPdu withBody(Header... headers) {
        return new MmsPdu(List.of(headers), TEXT, HELLO);
    }

    private static Violation v(MmsField field, String problem) {
        return new Violation(field.specName(), problem);
    }

    private static Arguments broken(String name, MmsPdu pdu, Violation... expected) {
        return Arguments.of(name, pdu, List.of(expected));
    }

    static Stream<Arguments> brokenPdus() {
        Header sendConf = type(MessageType.SEND_CONF);
        Header ok = token(MmsField.RESPONSE_STATUS, 0);
        Header sendReq = type(MessageType.SEND_REQ);
        Header notification = type(MessageType.NOTIFICATION_IND);
        Header delivery = type(MessageType.DELIVERY_IND);
        Header ack = type(MessageType.ACKNOWLEDGE_IND);
        String mandatoryNotification = "mandatory in m-notification-ind";
        return Stream.of(
                // order (§7.1)
                broken("message type not first", pdu(version(), delivery, MESSAGE_ID, TO, date(), RETRIEVED),
                        v(MmsField.MESSAGE_TYPE, "must be the first header"),
                        v(MmsField.MMS_VERSION, "must directly follow the message type")),
                broken("no headers at all", pdu(),
                        v(MmsField.MESSAGE_TYPE, "must be the first header"),
                        v(MmsField.MESSAGE_TYPE, "missing or unknown message type")),
                broken("unknown message type 0xFF", pdu(token(MmsField.MESSAGE_TYPE, 0x7F), tid("T"), version()),
                        v(MmsField.MESSAGE_TYPE, "missing or unknown message type")),
                broken("transaction id after the version", pdu(ack, version(), tid("T")),
                        v(MmsField.TRANSACTION_ID, "must directly follow the message type")),
                broken("transaction id third after an optional header", pdu(sendConf, ok, tid("T"), version()),
                        v(MmsField.TRANSACTION_ID, "must directly follow the message type"),
                        v(MmsField.MMS_VERSION, "must directly follow the message type")),
                // TID at index 0 is not second either; the version then belongs right after the type
                broken("transaction id before the message type", pdu(tid("T"), ack, version()),
                        v(MmsField.MESSAGE_TYPE, "must be the first header"),
                        v(MmsField.TRANSACTION_ID, "must directly follow the message type"),
                        v(MmsField.MMS_VERSION, "must directly follow the message type")),
                broken("version after another header", pdu(sendConf, tid("T"), ok, version()),
                        v(MmsField.MMS_VERSION, "must directly follow the transaction id")),
                broken("version misplaced without transaction id", pdu(delivery, MESSAGE_ID, version(), TO, date(),
                        RETRIEVED),
                        v(MmsField.MMS_VERSION, "must directly follow the message type")),
                // headers that may appear once
                broken("transaction id twice", pdu(sendConf, tid("T"), version(), ok, tid("T")),
                        v(MmsField.TRANSACTION_ID, "appears more than once")),
                broken("message type twice", pdu(ack, tid("T"), version(), ack),
                        v(MmsField.MESSAGE_TYPE, "appears more than once")),
                broken("Date twice", pdu(delivery, version(), MESSAGE_ID, TO, date(), RETRIEVED, date()),
                        v(MmsField.DATE, "appears more than once")),
                // mandatory headers (§6 tables)
                broken("m-send-req without From", withBody(sendReq, tid("T"), version(), TO),
                        v(MmsField.FROM, "mandatory in m-send-req")),
                broken("m-send-req without any recipient", withBody(sendReq, tid("T"), version(), from()),
                        new Violation("To", "at least one of To, Cc or Bcc is needed in m-send-req")),
                broken("m-send-req without transaction id", withBody(sendReq, version(), from(), TO),
                        v(MmsField.TRANSACTION_ID, "mandatory in m-send-req")),
                broken("m-send-req without version", withBody(sendReq, tid("T"), from(), TO),
                        v(MmsField.MMS_VERSION, "mandatory in m-send-req")),
                broken("m-send-conf without Response-Status", pdu(sendConf, tid("T"), version()),
                        v(MmsField.RESPONSE_STATUS, "mandatory in m-send-conf")),
                broken("m-notification-ind without Content-Location",
                        pdu(notification, tid("T"), version(), CLASS, SIZE, EXPIRY),
                        v(MmsField.CONTENT_LOCATION, mandatoryNotification)),
                broken("m-notification-ind without Expiry",
                        pdu(notification, tid("T"), version(), CLASS, SIZE, LOCATION),
                        v(MmsField.EXPIRY, mandatoryNotification)),
                broken("m-notification-ind without Message-Size",
                        pdu(notification, tid("T"), version(), CLASS, EXPIRY, LOCATION),
                        v(MmsField.MESSAGE_SIZE, mandatoryNotification)),
                broken("m-notification-ind without Message-Class",
                        pdu(notification, tid("T"), version(), SIZE, EXPIRY, LOCATION),
                        v(MmsField.MESSAGE_CLASS, mandatoryNotification)),
                broken("m-notification-ind with none of the four", pdu(notification, tid("T"), version()),
                        v(MmsField.CONTENT_LOCATION, mandatoryNotification),
                        v(MmsField.EXPIRY, mandatoryNotification),
                        v(MmsField.MESSAGE_CLASS, mandatoryNotification),
                        v(MmsField.MESSAGE_SIZE, mandatoryNotification)),
                broken("m-notifyresp-ind without Status", pdu(type(MessageType.NOTIFYRESP_IND), tid("T"), version()),
                        v(MmsField.STATUS, "mandatory in m-notifyresp-ind")),
                broken("m-retrieve-conf without Date", withBody(type(MessageType.RETRIEVE_CONF), tid("T"), version()),
                        v(MmsField.DATE, "mandatory in m-retrieve-conf")),
                broken("m-acknowledge-ind without transaction id", pdu(ack, version()),
                        v(MmsField.TRANSACTION_ID, "mandatory in m-acknowledge-ind")),
                broken("m-delivery-ind without Message-ID", pdu(delivery, version(), TO, date(), RETRIEVED),
                        v(MmsField.MESSAGE_ID, "mandatory in m-delivery-ind")),
                broken("m-delivery-ind without To and Status", pdu(delivery, version(), MESSAGE_ID, date()),
                        v(MmsField.STATUS, "mandatory in m-delivery-ind"),
                        v(MmsField.TO, "mandatory in m-delivery-ind")),
                broken("m-read-rec-ind without From", pdu(type(MessageType.READ_REC_IND), version(), MESSAGE_ID, TO,
                        token(MmsField.READ_STATUS, 0)),
                        v(MmsField.FROM, "mandatory in m-read-rec-ind")),
                broken("m-read-orig-ind without Read-Status", pdu(type(MessageType.READ_ORIG_IND), version(),
                        MESSAGE_ID, TO, from(), date()),
                        v(MmsField.READ_STATUS, "mandatory in m-read-orig-ind")),
                // body
                broken("body on an m-send-conf", withBody(sendConf, tid("T"), version(), ok),
                        v(MmsField.CONTENT_TYPE, "not allowed in m-send-conf")),
                broken("body on an m-notification-ind",
                        withBody(notification, tid("T"), version(), CLASS, SIZE, EXPIRY, LOCATION),
                        v(MmsField.CONTENT_TYPE, "not allowed in m-notification-ind")),
                broken("no body on an m-send-req", pdu(sendReq, tid("T"), version(), from(), TO),
                        v(MmsField.CONTENT_TYPE, "mandatory in m-send-req")),
                broken("no body on an m-retrieve-conf", pdu(type(MessageType.RETRIEVE_CONF), version(), date()),
                        v(MmsField.CONTENT_TYPE, "mandatory in m-retrieve-conf")),
                // tokens outside their tables (named by their wire octet)
                broken("X-Mms-Priority 0xFF", pdu(sendConf, tid("T"), version(), ok, token(MmsField.PRIORITY, 0x7F)),
                        v(MmsField.PRIORITY, "unknown value 0xFF")),
                broken("X-Mms-Response-Status 0x89", pdu(sendConf, tid("T"), version(), token(MmsField.RESPONSE_STATUS,
                        0x09)),
                        v(MmsField.RESPONSE_STATUS, "unknown value 0x89")),
                broken("X-Mms-Status 0x88", pdu(delivery, version(), MESSAGE_ID, TO, date(), token(MmsField.STATUS, 8)),
                        v(MmsField.STATUS, "unknown value 0x88")),
                // several at once, in the validator's order: first, order, once, mandatory (by field code), body,
                // tokens
                broken("everything wrong", withBody(token(MmsField.PRIORITY, 3), sendConf, tid("T"), tid("U")),
                        v(MmsField.MESSAGE_TYPE, "must be the first header"),
                        v(MmsField.TRANSACTION_ID, "must directly follow the message type"),
                        v(MmsField.TRANSACTION_ID, "appears more than once"),
                        v(MmsField.MMS_VERSION, "mandatory in m-send-conf"),
                        v(MmsField.RESPONSE_STATUS, "mandatory in m-send-conf"),
                        v(MmsField.CONTENT_TYPE, "not allowed in m-send-conf"),
                        v(MmsField.PRIORITY, "unknown value 0x83")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenPdus")
    void brokenPduGivesExactlyItsViolations(String name, MmsPdu pdu, List<Violation> expected) {
        assertEquals(expected, MmsValidator.validate(pdu), name);
    }

    static Stream<Arguments> validVariants() {
        Header sendReq = type(MessageType.SEND_REQ);
        return Stream.of(
                Arguments.of("m-send-req with Cc only", withBody(sendReq, tid("T"), version(), from(),
                        encoded(MmsField.CC, "a@b.example"))),
                Arguments.of("m-send-req with Bcc only", withBody(sendReq, tid("T"), version(), from(),
                        encoded(MmsField.BCC, "a@b.example"))),
                Arguments.of("m-send-req with To twice", withBody(sendReq, tid("T"), version(), from(), TO, TO)),
                Arguments.of("m-send-req with an application header", withBody(sendReq, tid("T"), version(), from(), TO,
                        new Header(Header.APPLICATION, "X-Custom", new HeaderValue.Text("1")))),
                Arguments.of("m-delivery-ind, version right after the type", pdu(type(MessageType.DELIVERY_IND),
                        version(), MESSAGE_ID, TO, date(), RETRIEVED)),
                Arguments.of("X-Mms-Message-Class as text", pdu(type(MessageType.NOTIFICATION_IND), tid("T"), version(),
                        text(MmsField.MESSAGE_CLASS, "Promotional"), SIZE, EXPIRY, LOCATION)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validVariants")
    void validVariantGivesNoViolation(String name, MmsPdu pdu) {
        assertEquals(List.of(), MmsValidator.validate(pdu), name);
    }
}
