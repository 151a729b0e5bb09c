package org.mmsgw.codec.golden;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.mmsgw.codec.json.Json;
import org.mmsgw.codec.sms.SmsReassembler;

/**
 * The shared vectors, read in place ({@code -Dmmsgw.vectors=DIR}, by default {@code ../../shared/vectors}
 * from the module directory), grouped and classified the way {@code src/test/oracle/make-expected.sh}
 * does, with their tshark expected files from {@code src/test/resources/golden}. Listing walks the disk,
 * so a new vector gets a test case, and that case fails until its expected file exists.
 */
final class GoldenVectors {
    private static final Pattern SMS_SEGMENT = Pattern.compile("(.*)-seg(\\d+)\\.sca-tpdu\\.hex");
    private static final Pattern UD_SEGMENT = Pattern.compile("(.*)\\.ud(\\d+)");

    /** How a vector is decoded, named as the expected files' {@code mode}. */
    enum Kind {
        /** An MMS encapsulation PDU. */
        MMS("mms"),
        /** A connectionless WSP push PDU. */
        WSP("wsp"),
        /** SMS-DELIVER TPDUs with SMSC address, one per segment. */
        SMS("sms"),
        /** Bare TP-User-Data, one file per segment. */
        UD("ud"),
        /** A file no rule here knows: fails {@code GoldenCoverageTest}. */
        UNKNOWN("?");

        final String mode;

        Kind(String mode) {
            this.mode = mode;
        }
    }

    /**
     * One vector: a single file, or the segments of one message in order.
     *
     * @param id    the relative path of the file, or of the segment group without its segment suffix
     * @param files relative paths, segment 1 first
     */
    record Vector(String id, Kind kind, List<String> files) {
        String expectedPath() {
            return kind == Kind.UD ? id + ".ud.expected.json" : id + ".expected.json";
        }

        boolean segmented() {
            return kind == Kind.SMS || kind == Kind.UD;
        }

        @Override
        public String toString() {
            return id;
        }
    }

    private GoldenVectors() {
    }

    static Path dir() {
        return Path.of(System.getProperty("mmsgw.vectors", "../../shared/vectors"));
    }

    /** Every vector on disk, sorted by id. Segments 2 and up are inside their group, not listed alone. */
    static List<Vector> all() {
        Path dir = dir();
        List<String> files;
        try (Stream<Path> walk = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
            files = walk.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("vectors dir " + dir.toAbsolutePath() + " (set -Dmmsgw.vectors)", e);
        }
        List<Vector> vectors = new ArrayList<>();
        for (String file : files) {
            classify(file, files).ifPresent(vectors::add);
        }
        return vectors;
    }

    /** The vector a file starts, empty for later segments and for the dir's own documentation and scripts. */
    private static Optional<Vector> classify(String file, List<String> all) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        if (name.equals("README.md") || name.endsWith(".py")) {
            return Optional.empty();
        }
        Matcher sms = SMS_SEGMENT.matcher(file);
        if (sms.matches()) {
            return group(file, sms, Kind.SMS, n -> sms.group(1) + "-seg" + n + ".sca-tpdu.hex", all);
        }
        Matcher ud = UD_SEGMENT.matcher(file);
        if (ud.matches()) {
            return group(file, ud, Kind.UD, n -> ud.group(1) + ".ud" + n, all);
        }
        Kind kind;
        if (name.endsWith(".mms")) {
            kind = Kind.MMS;
        } else if (name.endsWith(".bin")) {
            kind = name.startsWith("push") ? Kind.WSP : Kind.MMS;
        } else if (name.endsWith(".wsp")) {
            kind = Kind.WSP;
        } else {
            kind = Kind.UNKNOWN;
        }
        return Optional.of(new Vector(file, kind, List.of(file)));
    }

    private static Optional<Vector> group(String file, Matcher m, Kind kind,
            IntFunction<String> segment, List<String> all) {
        int number = Integer.parseInt(m.group(2));
        if (number != 1) {
            // a later segment: listed inside its group, or on its own as UNKNOWN when segment 1 is missing
            return all.contains(segment.apply(1)) ? Optional.empty()
                    : Optional.of(new Vector(file, Kind.UNKNOWN, List.of(file)));
        }
        List<String> files = new ArrayList<>();
        for (int n = 1; all.contains(segment.apply(n)); n++) {
            files.add(segment.apply(n));
        }
        return Optional.of(new Vector(m.group(1), kind, files));
    }

    /** Ids of the vectors of these kinds, for {@code @MethodSource}. */
    static Stream<String> ids(Kind... kinds) {
        List<Kind> wanted = Arrays.asList(kinds);
        return all().stream().filter(v -> wanted.contains(v.kind())).map(Vector::id);
    }

    static Vector vector(String id) {
        return all().stream().filter(v -> v.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no vector " + id + " in " + dir()));
    }

    static byte[] read(String relative) {
        try {
            return Files.readAllBytes(dir().resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException("vector " + dir().resolve(relative).toAbsolutePath(), e);
        }
    }

    /** The octets of a single-file vector. */
    static byte[] bytes(Vector v) {
        if (v.files().size() != 1) {
            throw new IllegalArgumentException(v + " has " + v.files().size() + " files");
        }
        return read(v.files().get(0));
    }

    /** The TP-User-Data of each segment, in segment order. */
    static List<byte[]> userData(Vector v) {
        List<byte[]> segments = new ArrayList<>();
        for (String file : v.files()) {
            if (v.kind() == Kind.UD) {
                segments.add(read(file));
            } else {
                String hex = new String(read(file), StandardCharsets.US_ASCII).replaceAll("\\s+", "");
                segments.add(SmsDeliverPdu.parseWithSca(HexFormat.of().parseHex(hex), file).userData());
            }
        }
        return segments;
    }

    /** The WSP push PDU a vector carries: the file itself, or the reassembled segments. */
    static byte[] pushPdu(Vector v) {
        if (v.segmented()) {
            return SmsReassembler.reassemble(userData(v));
        }
        if (v.kind() != Kind.WSP) {
            throw new IllegalArgumentException(v + " is not a push vector");
        }
        return bytes(v);
    }

    /** The expected file of a vector; fails the test when there is none. */
    static Map<String, Object> expected(Vector v) {
        String resource = "/golden/" + v.expectedPath();
        try (InputStream in = GoldenVectors.class.getResourceAsStream(resource)) {
            if (in == null) {
                return fail("vector " + v + " has no expected file src/test/resources" + resource
                        + " (generate it with src/test/oracle/make-expected.sh)");
            }
            return Json.asObject(Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)), resource);
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }

    /** Whether the expected file of a vector records an MMS PDU; false when it has no expected file. */
    static boolean expectsMms(Vector v) {
        return GoldenVectors.class.getResource("/golden/" + v.expectedPath()) != null && expected(v).containsKey("mms");
    }
}
