package org.mmsgw.codec.oracle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Runs the shared Wireshark oracle ({@code shared/tools/mms-oracle.sh}) and reads its tab-separated
 * field output. When tshark is missing the tests are skipped, unless MMSGW_REQUIRE_ORACLE=1 (set by CI),
 * which makes a missing tshark a failure.
 */
final class Oracle {
    /** Exit status and the MMSE fields of each frame (field name to value; multiple values joined by '|'). */
    record Result(int exitStatus, List<Map<String, String>> frames, String stderr) {
    }

    private static final Path SCRIPT = Path.of(System.getProperty("mmsgw.vectors", "../../shared/vectors"))
            .resolve("../tools/mms-oracle.sh").normalize();

    private Oracle() {
    }

    static void requireTshark() {
        boolean present = Files.isExecutable(SCRIPT) && onPath("tshark");
        if (!present && "1".equals(System.getenv("MMSGW_REQUIRE_ORACLE"))) {
            throw new AssertionError("tshark or " + SCRIPT + " missing, and MMSGW_REQUIRE_ORACLE=1");
        }
        Assumptions.assumeTrue(present, "tshark not installed (apt-get install -y tshark)");
    }

    static Result run(String mode, Path... inputs) throws IOException, InterruptedException {
        return parsed(execute("fields", mode, inputs));
    }

    /** Wireshark's text view (tshark -V) of the relevant layers, for fields the fields view lacks. */
    static String text(String mode, Path... inputs) throws IOException, InterruptedException {
        return execute("text", mode, inputs).stdout();
    }

    private record Raw(int exitStatus, String stdout, String stderr) {
    }

    private static Result parsed(Raw raw) {
        return new Result(raw.exitStatus(), parse(raw.stdout()), raw.stderr());
    }

    private static Raw execute(String format, String mode, Path... inputs) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", SCRIPT.toString(), "-f", format, mode));
        for (Path p : inputs) {
            cmd.add(p.toString());
        }
        Path err = Files.createTempFile("oracle", ".err");
        Process process = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("oracle did not finish within 120 s");
        }
        String stderr = Files.readString(err);
        Files.delete(err);
        return new Raw(process.exitValue(), out, stderr);
    }

    private static List<Map<String, String>> parse(String out) {
        List<Map<String, String>> frames = new ArrayList<>();
        String[] lines = out.split("\n");
        if (lines.length < 2) {
            return frames;
        }
        String[] names = lines[0].split("\t", -1);
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] values = lines[i].split("\t", -1);
            Map<String, String> frame = new LinkedHashMap<>();
            for (int j = 0; j < names.length && j < values.length; j++) {
                frame.put(names[j], values[j]);
            }
            frames.add(frame);
        }
        return frames;
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
