package org.mmsgw.codec.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.mmsgw.codec.CodecLimits;
import org.mmsgw.codec.MmsCodecException;
import org.mmsgw.codec.mms.MmsDecoder;
import org.mmsgw.codec.mms.MmsEncoder;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.codec.multipart.Body;
import org.mmsgw.codec.multipart.Part;
import org.mmsgw.codec.push.WapPush;
import org.mmsgw.codec.push.WapPushCodec;
import org.mmsgw.codec.sms.SmsReassembler;
import org.mmsgw.codec.sms.SmsSegmenter;
import org.mmsgw.codec.sms.UserData;
import org.mmsgw.codec.sms.UserDataHeader;
import org.mmsgw.codec.sms.WdpDatagram;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.WithLength;

/**
 * Jazzer fuzz targets for the decoders. Contract checked for every input:
 * <ol>
 *   <li>decode returns, or throws {@link MmsCodecException}: any other throwable is a finding
 *       (it is simply allowed to propagate);</li>
 *   <li>when decode returns, encoding the model must succeed (no exception at all, in particular no
 *       {@code IllegalArgumentException} from a record or the writer), the encoding must decode again
 *       without error, and the second model must equal the first.</li>
 * </ol>
 *
 * <p>In a plain {@code mvn test} the targets only replay the inputs under
 * {@code src/test/resources/org/mmsgw/codec/fuzz/DecodeFuzzTestInputs/<method>/} (regression mode).
 * With {@code JAZZER_FUZZ=1} (or {@code -Pfuzz}) Jazzer fuzzes; only one target per run:
 * <pre>
 * mvn -pl mms-codec -Pfuzz test -Dtest='DecodeFuzzTest#mmsDecode' -Djazzer.max_duration=10m
 * </pre>
 * ({@code JAZZER_FUZZ=1 mvn -pl mms-codec test -Dtest=...} works as well.) libFuzzer stops at the first
 * finding, including a crash-* input already in the corpus: add {@code -Djazzer.keep_going=1000} to go on.
 * A finding is written as {@code crash-<sha1>} into that method's inputs directory, so it stays a
 * regression test. The byte[] inputs are raw octets in both modes (the seeds are plain PDU files);
 * {@code @WithLength} only raises the fuzzer's default cap of 1000 octets.
 */
class DecodeFuzzTest {

    /** Small limits so that hostile lengths fail fast and the fuzzer stays quick. */
    static final CodecLimits LIMITS = CodecLimits.DEFAULTS.withMaxPduSize(64 * 1024).withMaxParts(64)
            .withMaxDepth(4).withMaxHeaders(128).withMaxStringLength(4 * 1024);

    /**
     * The canonical encoding may be a little longer than the input (e.g. a quote octet added), so it
     * is read back with room to spare; every other limit is the same.
     */
    static final CodecLimits REDECODE_LIMITS = LIMITS.withMaxPduSize(CodecLimits.DEFAULTS.maxPduSize());

    private final MmsDecoder mmsDecoder = new MmsDecoder(LIMITS);
    private final MmsDecoder mmsRedecoder = new MmsDecoder(REDECODE_LIMITS);
    private final MmsEncoder mmsEncoder = new MmsEncoder();
    private final WapPushCodec pushCodec = new WapPushCodec(LIMITS);
    private final WapPushCodec pushRecodec = new WapPushCodec(REDECODE_LIMITS);

    // ---------------------------------------------------------------- MMS encapsulation

    @FuzzTest(maxDuration = "5m")
    void mmsDecode(@WithLength(max = 8192) byte[] input) {
        MmsPdu first;
        try {
            first = mmsDecoder.decode(input);
        } catch (MmsCodecException expected) {
            return;
        }
        checkMmsRoundTrip(input, first);
        touchMmsAccessors(first);
    }

    private void checkMmsRoundTrip(byte[] input, MmsPdu first) {
        byte[] encoded = mmsEncoder.encode(first); // any exception here is a finding
        MmsPdu second = mmsRedecoder.decode(encoded); // so is any exception here
        if (!first.equals(second)) {
            throw new RoundTripMismatch("MMS", input, encoded, first, second);
        }
    }

    /** The read accessors the gateway uses on a decoded PDU must not blow up either. */
    private static void touchMmsAccessors(MmsPdu pdu) {
        try {
            pdu.messageType();
        } catch (MmsCodecException documented) {
            // "PDU has no known X-Mms-Message-Type": documented behaviour
        }
        pdu.transactionId();
        pdu.from();
        pdu.texts(MmsField.TO);
        pdu.text(MmsField.SUBJECT);
        pdu.number(MmsField.MESSAGE_SIZE);
        if (pdu.body() instanceof Body.Multipart m) {
            touchParts(m);
        }
    }

    private static void touchParts(Body.Multipart multipart) {
        for (Part part : multipart.parts()) {
            part.contentId();
            part.contentLocation();
            part.text();
            if (part.body() instanceof Body.Multipart nested) {
                touchParts(nested);
            }
        }
    }

    // ---------------------------------------------------------------- WAP Push (connectionless WSP)

    @FuzzTest(maxDuration = "5m")
    void wapPushDecode(@WithLength(max = 8192) byte[] input) {
        WapPush first;
        try {
            first = pushCodec.decode(input);
        } catch (MmsCodecException expected) {
            return;
        }
        byte[] encoded = pushCodec.encode(first);
        WapPush second = pushRecodec.decode(encoded);
        if (!first.equals(second)) {
            throw new RoundTripMismatch("WAP Push", input, encoded, first, second);
        }
        first.applicationId();
        first.isMms();
        if (first.contentType().is(org.mmsgw.codec.wsp.ContentType.MMS_MESSAGE)) {
            // the body of an MMS push is an MMS PDU: same contract for it
            byte[] body = first.body().toByteArray();
            MmsPdu pdu;
            try {
                pdu = mmsDecoder.decode(body);
            } catch (MmsCodecException expected) {
                return;
            }
            checkMmsRoundTrip(body, pdu);
            touchMmsAccessors(pdu);
        }
    }

    // ---------------------------------------------------------------- SMS TP-User-Data

    /**
     * {@link UserData#parse}: the user data header is a canonical format (UDHL, then IEI, length,
     * data), so besides model equality the re-encoding must give back the input octets exactly.
     */
    @FuzzTest(maxDuration = "5m")
    void smsUserDataDecode(byte[] input) {
        UserData first;
        try {
            first = UserData.parse(input);
        } catch (MmsCodecException expected) {
            return;
        }
        byte[] encoded = first.encode();
        UserData second = UserData.parse(encoded);
        if (!first.equals(second)) {
            throw new RoundTripMismatch("SMS user data", input, encoded, first, second);
        }
        if (!Arrays.equals(input, encoded)) {
            throw new RoundTripMismatch("SMS user data (octets)", input, encoded, first, second);
        }
        UserDataHeader header = first.header();
        header.ports();
        header.concatenation();
        if (header.length() + 1 + first.payloadLength() != input.length) {
            throw new AssertionError("header " + header.encodedLength() + " + payload " + first.payloadLength()
                    + " != input " + input.length + " for " + hex(input));
        }
    }

    /**
     * The reassembler over several TP-User-Data segments. Input framing (so raw seeds stay readable):
     * repeated {@code [sender selector octet][length octet][segment octets]}. Each segment is given to
     * one {@link SmsReassembler} (4 pending messages, 2 KiB) and the whole list to the static
     * {@link SmsReassembler#reassemble}; both may only throw {@link MmsCodecException}. Invariants: the
     * bounds hold after every segment, and a datagram that comes out splits and reassembles again to
     * the same octets.
     */
    @FuzzTest(maxDuration = "5m")
    void smsReassemble(@WithLength(max = 4096) byte[] input) {
        CodecLimits limits = LIMITS.withMaxPduSize(2048).withMaxSegments(16);
        SmsReassembler reassembler = new SmsReassembler(4, limits);
        List<byte[]> segments = new ArrayList<>();
        int pos = 0;
        while (pos + 2 <= input.length && segments.size() < 32) {
            String sender = "sender-" + (input[pos] & 0x03);
            int length = Math.min(input[pos + 1] & 0xFF, input.length - pos - 2);
            byte[] segment = Arrays.copyOfRange(input, pos + 2, pos + 2 + length);
            pos += 2 + length;
            segments.add(segment);
            Optional<WdpDatagram> datagram;
            try {
                datagram = reassembler.accept(sender, segment);
            } catch (MmsCodecException expected) {
                datagram = Optional.empty();
            }
            if (reassembler.pendingMessages() > 4 || reassembler.pendingOctets() < 0
                    || reassembler.pendingOctets() > limits.maxPduSize()) {
                throw new AssertionError("bounds broken: " + reassembler.pendingMessages() + " messages, "
                        + reassembler.pendingOctets() + " octets after segment " + segments.size() + " of "
                        + hex(input));
            }
            datagram.ifPresent(d -> {
                if (d.payload().length > limits.maxPduSize()) {
                    throw new AssertionError("datagram over maxPduSize: " + d.payload().length);
                }
                checkSplitJoin(d.payload(), limits);
            });
        }
        if (segments.isEmpty()) {
            return;
        }
        byte[] joined;
        try {
            joined = SmsReassembler.reassemble(segments, limits);
        } catch (MmsCodecException expected) {
            return;
        }
        if (joined.length > limits.maxPduSize()) {
            throw new AssertionError("reassembled payload over maxPduSize: " + joined.length);
        }
        checkSplitJoin(joined, limits);
    }

    private static void checkSplitJoin(byte[] payload, CodecLimits limits) {
        List<byte[]> split;
        try {
            split = SmsSegmenter.split(payload, 0x42, false, 2948, 9200, limits);
        } catch (MmsCodecException tooLongForTheLimits) {
            return;
        }
        byte[] again = SmsReassembler.reassemble(split, limits);
        if (!Arrays.equals(payload, again)) {
            throw new AssertionError("split + reassemble changed " + hex(payload) + " into " + hex(again));
        }
    }

    // ---------------------------------------------------------------- helpers

    static String hex(byte[] octets) {
        return octets.length <= 512 ? HexFormat.of().formatHex(octets)
                : HexFormat.of().formatHex(octets, 0, 512) + "...(" + octets.length + " octets)";
    }

    /** The decode-encode-decode round trip gave another model. */
    static final class RoundTripMismatch extends AssertionError {
        private static final long serialVersionUID = 1L;

        RoundTripMismatch(String what, byte[] input, byte[] encoded, Object first, Object second) {
            super(what + " round trip changed the model\n input:   " + hex(input) + "\n encoded: " + hex(encoded)
                    + "\n first:   " + first + "\n second:  " + second);
        }
    }
}
