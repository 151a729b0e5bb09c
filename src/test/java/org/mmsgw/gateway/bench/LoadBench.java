package org.mmsgw.gateway.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.HdrHistogram.Histogram;
import org.mmsgw.codec.mms.MmsEncoder;
import org.mmsgw.codec.mms.MmsPdus;
import org.mmsgw.codec.multipart.Body;
import org.mmsgw.codec.multipart.Part;
import org.mmsgw.codec.wsp.ContentType;
import org.mmsgw.codec.wsp.Parameter;
import org.mmsgw.gateway.fixtures.TestSmtpServer;

/**
 * The end-to-end load benchmark: the gateway as a separate process on its embedded defaults, a fast
 * SMSC and SMTP sink on loopback, and phones posting MM1 submissions over many connections. One
 * summary line per scenario, {@code key=value} pairs a script can read:
 * <ul>
 * <li>a: 1 KB text MMS to one phone;</li>
 * <li>b: 300 KB image MMS to one phone;</li>
 * <li>c: 1 KB MMS to five recipients, two of them mail;</li>
 * <li>d: retrievals, GET of stored messages by their recipients;</li>
 * <li>s: the scaling scenario, {@code --size-kb=N} of content (a 1 KB text, or a short text and an image
 * of the rest) to {@code --phones=N} phones and {@code --mails=N} mail addresses.</li>
 * </ul>
 * Scenario a is followed by the rate at which a bare Artemis client makes the same number of durable
 * sends on the same disk, and the ratio. Run with {@code ./mmsgw bench} (see docs/benchmarks.md).
 */
public final class LoadBench {
    private static final List<String> OPTIONS = List.of("scenarios", "duration-a", "duration", "warmup", "connections",
            "rate", "size-kb", "phones", "mails", "stored", "store-messages", "heap", "jvm", "set", "jfr", "profile",
            "profile-event", "dir", "keep");

    private final Map<String, String> options;
    private final Path dir;
    private final int connections;
    private final String heap;
    private final Duration warmUp;
    /** Submissions a second, paced (warm-up included); 0 for as many as the answers allow. */
    private final long rate;
    /** Scenario s: octets of content, phone and mail recipients per message. */
    private final int sizeKb;
    private final int phones;
    private final int mails;

    private LoadBench(Map<String, String> options) {
        this.options = options;
        this.dir = Path.of(options.getOrDefault("dir", "target/load")).toAbsolutePath();
        this.connections = Integer.parseInt(options.getOrDefault("connections", "64"));
        this.heap = options.getOrDefault("heap", "512m");
        this.warmUp = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "60")));
        this.rate = Long.parseLong(options.getOrDefault("rate", "0"));
        this.sizeKb = Integer.parseInt(options.getOrDefault("size-kb", "1"));
        this.phones = Integer.parseInt(options.getOrDefault("phones", "1"));
        this.mails = Integer.parseInt(options.getOrDefault("mails", "0"));
        if (sizeKb < 1 || sizeKb > IMAGE.length / 1024) {
            throw new IllegalArgumentException("--size-kb is 1 to " + IMAGE.length / 1024 + ": " + sizeKb);
        }
        if (phones + mails < 1) {
            throw new IllegalArgumentException("scenario s needs --phones or --mails of at least 1");
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String a : args) {
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("options are --name=value, found " + a);
            }
            int eq = a.indexOf('=');
            String name = eq < 0 ? a.substring(2) : a.substring(2, eq);
            if (!OPTIONS.contains(name)) {
                // a mistyped option would otherwise start the whole run on the defaults
                System.err.println("unknown option --" + name + "; the options are --" + String.join(", --", OPTIONS));
                System.exit(2);
            }
            options.put(name, eq < 0 ? "true" : a.substring(eq + 1));
        }
        new LoadBench(options).run();
        System.exit(0);
    }

    private void run() throws Exception {
        Files.createDirectories(dir);
        System.out.printf(Locale.ROOT, "# machine: %d cores, %d MiB RAM, Java %s, %s; load generator, SMSC and SMTP sinks "
                + "share the machine with the gateway%n", Runtime.getRuntime().availableProcessors(),
                ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getTotalMemorySize() / (1024 * 1024), System.getProperty("java.version"), dir);
        List<String> scenarios = List.of(options.getOrDefault("scenarios", "a,b,c,d,store").split(","));
        try (SmscSink smsc = new SmscSink(freePort()); TestSmtpServer smtp = new TestSmtpServer(false)) {
            for (String s : scenarios) {
                switch (s.trim()) {
                    case "a" -> submissions(smsc, smtp, "a", "1k-text-1-phone", seconds("duration-a", 60), this::textToOne);
                    case "b" -> submissions(smsc, smtp, "b", "300k-image-1-phone", seconds("duration", 30),
                            this::imageToOne);
                    case "c" -> submissions(smsc, smtp, "c", "1k-5-recipients-2-mail", seconds("duration", 30),
                            this::textToFive);
                    case "d" -> retrievals(smsc, smtp, seconds("duration", 30));
                    case "s" -> submissions(smsc, smtp, "s", sizeKb + "k-" + phones + "-phones-" + mails + "-mail",
                            seconds("duration", 30), scaled());
                    case "store" -> print(StoreFootprint.measure(fresh("store"),
                            Integer.parseInt(options.getOrDefault("store-messages", "200000"))));
                    default -> throw new IllegalArgumentException("unknown scenario " + s);
                }
            }
        }
    }

    private Duration seconds(String option, long fallback) {
        return Duration.ofSeconds(Long.parseLong(options.getOrDefault(option, String.valueOf(fallback))));
    }

    private void submissions(SmscSink smsc, TestSmtpServer smtp, String id, String name, Duration duration,
            java.util.function.LongFunction<Phones.Request> requests) throws Exception {
        Path data = fresh(id);
        try (GatewayProcess gateway = new GatewayProcess(data, smsc.port(), smtp.port(), heap, jvmOptions(data), gatewayEnv())) {
            Phones phones = new Phones(gateway.baseUrl(), connections, rate);
            phones.submit(warmUp, Long.MAX_VALUE, n -> requests.apply(-1 - n), smsc::started);
            drain(smsc, smtp, Duration.ofSeconds(10));
            smsc.tripsSinceLastCall();
            long pushes0 = smsc.pushes();
            long segments0 = smsc.segments();
            long mails0 = smtp.mails();
            double gatewayCpu0 = gateway.cpuSeconds();
            long benchCpu0 = benchCpuNanos();
            Profiler profiler = options.containsKey("profile") ? new Profiler(options.get("profile"),
                    options.getOrDefault("profile-event", "cpu")) : null;
            if (profiler != null) {
                profiler.start(gateway.pid(), ProcessHandle.current().pid());
            }

            Phones.Result r = phones.submit(duration, Long.MAX_VALUE, requests::apply, smsc::started);
            if (profiler != null) {
                profiler.stop(dir, id, gateway.pid(), ProcessHandle.current().pid());
            }
            long expectedPushes = pushes0 + r.ok() * pushesPerMessage(id);
            long expectedMails = mails0 + r.ok() * mailsPerMessage(id);
            long waitUntil = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while ((smsc.pushes() < expectedPushes || smtp.mails() < expectedMails) && System.nanoTime() < waitUntil) {
                Thread.sleep(50);
            }
            long last = Math.max(smsc.lastPushNanos(), mailsPerMessage(id) > 0 ? smtp.lastMailNanos() : 0);
            double deliverySeconds = Math.max(r.seconds(), (last - r.startNanos()) / 1e9);
            long pushes = smsc.pushes() - pushes0;
            long mails = smtp.mails() - mails0;
            double gatewayCpu = gateway.cpuSeconds() - gatewayCpu0;
            double benchCpu = (benchCpuNanos() - benchCpu0) / 1e9;
            Histogram trips = smsc.tripsSinceLastCall();

            Map<String, Object> line = new LinkedHashMap<>();
            line.put("scenario", id + "-" + name);
            line.put("connections", connections);
            if (rate > 0) {
                line.put("offered_per_s", rate);
            }
            line.put("seconds", r.seconds());
            line.put("accepted", r.ok());
            line.put("failed", r.failed());
            line.put("accepted_per_s", r.ok() / r.seconds());
            line.put("delivered_per_s", (pushes + mails) / deliverySeconds);
            line.put("pushes", pushes);
            line.put("segments", smsc.segments() - segments0);
            line.put("mails", mails);
            line.put("undelivered", Math.max(0, expectedPushes - smsc.pushes()) + Math.max(0, expectedMails - smtp.mails()));
            percentiles(line, "submit_ms", r.latencyMicros());
            timeline(id, r);
            percentiles(line, "trip_ms", trips);
            line.put("heap_peak_mib", gateway.peakHeapMiB());
            line.put("rss_peak_mib", gateway.peakRssMiB());
            // after the figures above: the full collection it takes is not measured
            line.put("live_heap_mib", gateway.liveHeapMiB());
            line.put("gateway_cpu_ms_per_msg", 1000 * gatewayCpu / Math.max(1, r.ok()));
            line.put("bench_cpu_ms_per_msg", 1000 * benchCpu / Math.max(1, r.ok()));
            if (id.equals("a")) {
                gateway.close();
                double bare = BareArtemis.durableSendsPerSecond(fresh("bare-artemis"), Math.max(1000, r.ok()),
                        connections);
                line.put("bare_artemis_durable_sends_per_s", bare);
                line.put("accepted_to_bare_ratio", r.ok() / r.seconds() / bare);
            }
            print(line);
        } finally {
            clean(data);
        }
    }

    private void retrievals(SmscSink smsc, TestSmtpServer smtp, Duration duration) throws Exception {
        Path data = fresh("d");
        try (GatewayProcess gateway = new GatewayProcess(data, smsc.port(), smtp.port(), heap, jvmOptions(data), gatewayEnv())) {
            Phones phones = new Phones(gateway.baseUrl(), connections, 0);
            smsc.stored().clear();
            smsc.keepStored(true);
            long stored = Long.parseLong(options.getOrDefault("stored", "10000"));
            Phones.Result fill = phones.submit(Duration.ofMinutes(5), stored, this::textToOne, smsc::started);
            long waitUntil = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (smsc.stored().size() < fill.ok() && System.nanoTime() < waitUntil) {
                Thread.sleep(50);
            }
            smsc.keepStored(false);
            List<SmscSink.Stored> messages = new ArrayList<>(smsc.stored());
            phones.retrieve(warmUp, n -> request(messages, n));
            double gatewayCpu0 = gateway.cpuSeconds();
            Phones.Result r = phones.retrieve(duration, n -> request(messages, n));
            double gatewayCpu = gateway.cpuSeconds() - gatewayCpu0;

            Map<String, Object> line = new LinkedHashMap<>();
            line.put("scenario", "d-retrieve-1k");
            line.put("connections", connections);
            line.put("stored_messages", messages.size());
            line.put("seconds", r.seconds());
            line.put("retrieved", r.ok());
            line.put("failed", r.failed());
            line.put("retrieved_per_s", r.ok() / r.seconds());
            percentiles(line, "retrieve_ms", r.latencyMicros());
            timeline("d", r);
            line.put("heap_peak_mib", gateway.peakHeapMiB());
            line.put("rss_peak_mib", gateway.peakRssMiB());
            line.put("gateway_cpu_ms_per_retrieval", 1000 * gatewayCpu / Math.max(1, r.ok()));
            print(line);
        } finally {
            clean(data);
        }
    }

    /** --set=gateway.route.consumers=16,gateway.smpp.consumers=8: settings for the gateway under test. */
    private Map<String, String> gatewayEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        String set = options.getOrDefault("set", "");
        for (String kv : set.isEmpty() ? new String[0] : set.split(",")) {
            int eq = kv.indexOf('=');
            env.put(kv.substring(0, eq).toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), kv.substring(eq + 1));
        }
        return env;
    }

    /** --jfr: a flight recording of the gateway, written next to the scenario's data. */
    private List<String> jvmOptions(Path data) {
        List<String> jvm = new ArrayList<>();
        if (options.containsKey("jfr")) {
            jvm.add("-XX:StartFlightRecording=filename=" + dir.resolve(data.getFileName() + ".jfr") + ",settings=profile");
        }
        // --jvm=OPTION: one more option for the gateway's JVM (a profiler agent, GC flags)
        if (options.containsKey("jvm")) {
            jvm.add(options.get("jvm").replace("{scenario}", data.getFileName().toString()));
        }
        return jvm;
    }

    private static Phones.Request request(List<SmscSink.Stored> messages, long n) {
        SmscSink.Stored s = messages.get((int) (n % messages.size()));
        return new Phones.Request(s.recipient(), "", null, s.url());
    }

    // ------------------------------------------------------------------ the messages

    private static final byte[] IMAGE = new byte[300 * 1024];

    static {
        new Random(1).nextBytes(IMAGE);
    }

    private static final String TEXT_1K = "x".repeat(1000);

    private Phones.Request textToOne(long n) {
        return sendReq(number("a", n), n, List.of(phone(n)), Part.text("<t>", "t.txt", TEXT_1K));
    }

    private Phones.Request imageToOne(long n) {
        return sendReq(number("b", n), n, List.of(phone(n)), Part.text("<t>", "t.txt", "a picture"),
                image(IMAGE));
    }

    private Phones.Request textToFive(long n) {
        return sendReq(number("c", n), n, List.of(phone(5 * n), phone(5 * n + 1), phone(5 * n + 2),
                "m" + Math.abs(n) + "@one.bench.example", "m" + Math.abs(n) + "@two.bench.example"),
                Part.text("<t>", "t.txt", TEXT_1K));
    }

    /**
     * @param subject of one width (8 characters) in every message, so every notification has the same
     *                length; the SMSC sink matches a notification to its submission by the sender's number,
     *                which differs from one message to the next
     */
    private static Phones.Request sendReq(String subject, long n, List<String> to, Part... parts) {
        byte[] pdu = new MmsEncoder().encode(MmsPdus.sendReq("T" + subject, to, subject)
                .body(ContentType.of(ContentType.MULTIPART_MIXED), new Body.Multipart(List.of(parts))).build());
        String sender = number("+49160", n);
        return new Phones.Request(sender, sender, pdu, null);
    }

    private static String phone(long n) {
        return number("+49170", n) + "/TYPE=PLMN";
    }

    private static String number(String prefix, long n) {
        return prefix + String.format(Locale.ROOT, "%07d", Math.floorMod(n, 10_000_000L));
    }

    /** Scenario s: {@code --size-kb} of content to {@code --phones} phones and {@code --mails} mail addresses. */
    private java.util.function.LongFunction<Phones.Request> scaled() {
        List<Part> parts = sizeKb == 1 ? List.of(Part.text("<t>", "t.txt", TEXT_1K))
                : List.of(Part.text("<t>", "t.txt", "a picture"), image(java.util.Arrays.copyOf(IMAGE, sizeKb * 1024 - 9)));
        return n -> {
            List<String> to = new ArrayList<>();
            for (int i = 0; i < phones; i++) {
                to.add(phone(phones * n + i));
            }
            for (int i = 0; i < mails; i++) {
                to.add("m" + Math.abs(n) + "@" + i + ".bench.example");
            }
            return sendReq(number("s", n), n, to, parts.toArray(Part[]::new));
        };
    }

    private static Part image(byte[] data) {
        return Part.of(ContentType.of("image/jpeg", Parameter.of("name", "p.jpg")), "<i>", "p.jpg", data);
    }

    private int pushesPerMessage(String scenario) {
        return switch (scenario) {
            case "c" -> 3;
            case "s" -> phones;
            default -> 1;
        };
    }

    private int mailsPerMessage(String scenario) {
        return switch (scenario) {
            case "c" -> 2;
            case "s" -> mails;
            default -> 0;
        };
    }

    // ------------------------------------------------------------------ helpers

    /** {@code <scenario>-timeline.txt}: for each second of the run, the longest answer in it (ms). */
    private void timeline(String id, Phones.Result r) throws IOException {
        StringBuilder sb = new StringBuilder("# second worst_ms\n");
        for (int s = 0; s < r.worstMicros().length; s++) {
            sb.append(s).append(' ').append(String.format(Locale.ROOT, "%.1f", r.worstMicros()[s] / 1000.0)).append('\n');
        }
        Files.writeString(dir.resolve(id + "-timeline.txt"), sb);
    }

    private static void drain(SmscSink smsc, TestSmtpServer smtp, Duration quiet) throws InterruptedException {
        long deadline = System.nanoTime() + quiet.toNanos() * 3;
        long last = -1;
        while (System.nanoTime() < deadline) {
            long now = smsc.pushes() + smtp.mails();
            if (now == last) {
                return;
            }
            last = now;
            Thread.sleep(1000);
        }
    }

    private static void percentiles(Map<String, Object> line, String name, Histogram micros) {
        line.put(name + "_p50", micros.getValueAtPercentile(50) / 1000.0);
        line.put(name + "_p99", micros.getValueAtPercentile(99) / 1000.0);
        line.put(name + "_p999", micros.getValueAtPercentile(99.9) / 1000.0);
        line.put(name + "_max", micros.getMaxValue() / 1000.0);
    }

    private static void print(Map<String, Object> line) {
        StringBuilder sb = new StringBuilder();
        line.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=')
                .append(v instanceof Double d ? String.format(Locale.ROOT, "%.2f", d) : v));
        System.out.println(sb);
        System.out.flush();
    }

    private static long benchCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private Path fresh(String name) throws Exception {
        Path p = dir.resolve(name);
        clean(p);
        Files.createDirectories(p);
        return p;
    }

    private void clean(Path p) throws Exception {
        if (options.containsKey("keep") || !Files.exists(p)) {
            return;
        }
        try (Stream<Path> files = Files.walk(p)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
