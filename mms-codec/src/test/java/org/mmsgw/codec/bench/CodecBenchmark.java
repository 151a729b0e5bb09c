package org.mmsgw.codec.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.mmsgw.codec.mms.MessageType;
import org.mmsgw.codec.mms.MmsDecoder;
import org.mmsgw.codec.mms.MmsEncoder;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.codec.multipart.Body;
import org.mmsgw.codec.multipart.Part;
import org.mmsgw.codec.wsp.Bytes;
import org.mmsgw.codec.wsp.Charsets;
import org.mmsgw.codec.wsp.ContentType;
import org.mmsgw.codec.wsp.Parameter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decode and encode cost of a small m-notification-ind and of a large (300 KB image) multipart
 * m-retrieve-conf, each beside a plain copy of the same octets ({@code clone} and
 * {@code System.arraycopy}) measured in the same run as the baseline.
 *
 * <p>Decoding hands out views of the input, so besides consuming the decoded model there are variants
 * that touch the part data (length and last octet of every part) and that copy every part out, as a
 * consumer that stores the parts would.
 *
 * <p>Run: {@code mvn -pl mms-codec -Pbench process-test-classes} (arguments in {@code -Djmh.args=...},
 * default {@code -f 1 -wi 3 -i 5 -w 1s -r 1s}); results also in {@code mms-codec/target/jmh-result.json}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CodecBenchmark {

    /** Size of the pseudo-random "image/jpeg" part of the large PDU. */
    public static final int IMAGE_SIZE = 300 * 1024;

    private final MmsDecoder decoder = new MmsDecoder();
    private final MmsEncoder encoder = new MmsEncoder();

    private MmsPdu smallPdu;
    private byte[] smallBytes;
    private MmsPdu largePdu;
    private byte[] largeBytes;
    private byte[] smallTarget;
    private byte[] largeTarget;

    @Setup
    public void setup() {
        smallPdu = notificationInd();
        smallBytes = encoder.encode(smallPdu);
        largePdu = retrieveConf();
        largeBytes = encoder.encode(largePdu);
        smallTarget = new byte[smallBytes.length];
        largeTarget = new byte[largeBytes.length];
        // both must decode to the model they were built from, or the figures mean nothing
        if (!decoder.decode(smallBytes).equals(smallPdu) || !decoder.decode(largeBytes).equals(largePdu)) {
            throw new IllegalStateException("benchmark PDUs do not round-trip");
        }
        if (largeBytes.length < IMAGE_SIZE) {
            throw new IllegalStateException("large PDU is only " + largeBytes.length + " octets");
        }
    }

    static MmsPdu notificationInd() {
        return MmsPdu.builder(MessageType.NOTIFICATION_IND)
                .transactionId("T-0123456789abcdef")
                .version(1, 2)
                .from("+4915112345678/TYPE=PLMN")
                .encoded(MmsField.SUBJECT, "Grüße aus Köln – ein Bild")
                .token(MmsField.MESSAGE_CLASS, "Personal")
                .number(MmsField.MESSAGE_SIZE, 307_412)
                .relativeTime(MmsField.EXPIRY, 7 * 24 * 3600)
                .text(MmsField.CONTENT_LOCATION, "http://mmsc.example.net/mms/retrieve?id=0123456789abcdef0123456789abcdef")
                .build();
    }

    static MmsPdu retrieveConf() {
        String smil = "<smil><head><layout><root-layout width=\"320\" height=\"480\"/>"
                + "<region id=\"Image\" top=\"0\" left=\"0\" height=\"80%\" width=\"100%\"/>"
                + "<region id=\"Text\" top=\"80%\" left=\"0\" height=\"20%\" width=\"100%\"/></layout></head>"
                + "<body><par dur=\"5000ms\"><img src=\"image.jpg\" region=\"Image\"/>"
                + "<text src=\"text.txt\" region=\"Text\"/></par></body></smil>";
        byte[] image = new byte[IMAGE_SIZE];
        SplittableRandom random = new SplittableRandom(20240601L);
        for (int i = 0; i < image.length; i++) {
            image[i] = (byte) random.nextInt(256);
        }
        image[0] = (byte) 0xFF; // SOI, so it at least starts like a JPEG
        image[1] = (byte) 0xD8;
        Part smilPart = Part.of(ContentType.of("application/smil", Parameter.charset(Charsets.UTF_8)), "smil",
                "smil.xml", smil.getBytes(StandardCharsets.UTF_8));
        Part textPart = Part.text("text", "text.txt", "Hallo! Das Bild vom Wochenende – schöne Grüße.");
        Part imagePart = Part.of(ContentType.of("image/jpeg"), "image", "image.jpg", image);
        return MmsPdu.builder(MessageType.RETRIEVE_CONF)
                .transactionId("T-fedcba9876543210")
                .version(1, 2)
                .text(MmsField.MESSAGE_ID, "0123456789abcdef0123456789abcdef@mmsc.example.net")
                .date(MmsField.DATE, 1_717_243_200L)
                .from("+4915112345678/TYPE=PLMN")
                .to("+4917612345678/TYPE=PLMN")
                .encoded(MmsField.SUBJECT, "Wochenende")
                .token(MmsField.MESSAGE_CLASS, "Personal")
                .token(MmsField.PRIORITY, "Normal")
                .body(ContentType.of(ContentType.MULTIPART_RELATED,
                        Parameter.of("start", "<smil>"), Parameter.of("type", "application/smil")),
                        new Body.Multipart(List.of(smilPart, textPart, imagePart)))
                .build();
    }

    // ---------------------------------------------------------------- small: m-notification-ind

    @Benchmark
    public void smallDecode(Blackhole bh) {
        bh.consume(decoder.decode(smallBytes));
    }

    @Benchmark
    public void smallDecodeTouch(Blackhole bh) {
        MmsPdu pdu = decoder.decode(smallBytes);
        bh.consume(pdu.transactionId().orElseThrow().length());
        bh.consume(pdu.text(MmsField.CONTENT_LOCATION).orElseThrow().length());
    }

    @Benchmark
    public byte[] smallEncode() {
        return encoder.encode(smallPdu);
    }

    @Benchmark
    public byte[] smallCopyClone() {
        return smallBytes.clone();
    }

    @Benchmark
    public byte[] smallCopyArraycopy() {
        System.arraycopy(smallBytes, 0, smallTarget, 0, smallBytes.length);
        return smallTarget;
    }

    // ---------------------------------------------------------------- large: 300 KB m-retrieve-conf

    @Benchmark
    public void largeDecode(Blackhole bh) {
        bh.consume(decoder.decode(largeBytes));
    }

    /** Decode, then read every part's length and last octet (the views must point at real data). */
    @Benchmark
    public long largeDecodeTouch() {
        Body.Multipart body = (Body.Multipart) decoder.decode(largeBytes).body();
        long sum = 0;
        for (Part part : body.parts()) {
            Bytes data = part.data().orElseThrow();
            sum += data.length() + data.get(data.length() - 1);
        }
        return sum;
    }

    /** Decode, then copy every part out: what a consumer that keeps the parts pays. */
    @Benchmark
    public void largeDecodeCopyParts(Blackhole bh) {
        Body.Multipart body = (Body.Multipart) decoder.decode(largeBytes).body();
        for (Part part : body.parts()) {
            bh.consume(part.data().orElseThrow().toByteArray());
        }
    }

    @Benchmark
    public byte[] largeEncode() {
        return encoder.encode(largePdu);
    }

    @Benchmark
    public byte[] largeCopyClone() {
        return largeBytes.clone();
    }

    @Benchmark
    public byte[] largeCopyArraycopy() {
        System.arraycopy(largeBytes, 0, largeTarget, 0, largeBytes.length);
        return largeTarget;
    }
}
