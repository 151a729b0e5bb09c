package org.mmsgw.gateway.bench;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mmsgw.gateway.Gateway;

/**
 * The gateway as its own process, as an operator runs it: the shipped configuration and routes, the
 * embedded persistent broker and the file store under a fresh data directory, the SMSC and SMTP server
 * of the benchmark, nothing of the sandbox. Reads what the process cost from /proc and /metrics.
 */
final class GatewayProcess implements AutoCloseable {
    private static final Pattern HEAP_PEAK = Pattern.compile("(?m)^mmsgw_jvm_heap_peak_bytes (\\d+)");
    private static final long CLOCK_TICKS = 100;

    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    /** @param jvmOptions more options for the gateway's JVM (e.g. a flight recording) */
    GatewayProcess(Path dataDir, int smscPort, int smtpPort, String heap, List<String> jvmOptions,
            Map<String, String> extra) throws Exception {
        this.port = freePort();
        Files.createDirectories(dataDir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the JVM options of ./mmsgw run (the parallel collector, unless --jvm names another), the heap of a
        // small machine
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap, "-Xms" + heap,
                "-Dlog4j2.configurationFile=" + Path.of("../config/log4j2.properties").toAbsolutePath(), "-cp",
                System.getProperty("java.class.path"), Gateway.class.getName(), "--config",
                Path.of("../config/application.properties").toString()));
        command.addAll(1, jvmOptions);
        if (jvmOptions.stream().noneMatch(o -> o.matches("-XX:\\+Use\\w+GC"))) {
            command.add(1, "-XX:+UseParallelGC");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("gateway.log").toFile()).directory(new File("."));
        Map<String, String> env = builder.environment();
        env.put("GATEWAY_HTTP_HOST", "127.0.0.1");
        env.put("GATEWAY_HTTP_PORT", String.valueOf(port));
        env.put("GATEWAY_PUBLIC_URL", "http://127.0.0.1:" + port);
        env.put("GATEWAY_DATA_DIR", dataDir.resolve("data").toString());
        env.put("GATEWAY_SANDBOX", "false");
        env.put("GATEWAY_SMPP_PORT", String.valueOf(smscPort));
        env.put("GATEWAY_SMTP_PORT", String.valueOf(smtpPort));
        env.put("GATEWAY_MAIL_INBOUND_ENABLED", "false");
        env.put("CAMEL_MAIN_ROUTESINCLUDEPATTERN", "file:../routes/*.camel.yaml");
        env.putAll(extra);
        process = builder.start();
        awaitUp();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    /** CPU seconds the process used so far (user + system). */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid() + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) CLOCK_TICKS;
    }

    /** The largest resident set the process had (VmHWM), in MiB. */
    long peakRssMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    /**
     * The heap still in use after a full collection (what the gateway holds on to: the store's index of
     * the messages nobody fetched, the queues' backlog), in MiB; -1 when jcmd prints no heap.
     */
    long liveHeapMiB() throws IOException, InterruptedException {
        Jcmd.run(pid(), "GC.run");
        // a line per pool of the parallel collector ("PSYoungGen total ..."), one for G1 ("garbage-first heap ...")
        Matcher m = Pattern.compile("(?m)^ *\\S+(?: heap)? +total \\d+K, used (\\d+)K")
                .matcher(Jcmd.run(pid(), "GC.heap_info"));
        long used = 0;
        boolean any = false;
        while (m.find()) {
            used += Long.parseLong(m.group(1));
            any = true;
        }
        return any ? used / 1024 : -1;
    }

    /** The sum of the peaks of the heap's memory pools, as the gateway reports it, in MiB. */
    long peakHeapMiB() throws Exception {
        Matcher m = HEAP_PEAK.matcher(metrics());
        return m.find() ? Long.parseLong(m.group(1)) / (1024 * 1024) : -1;
    }

    String metrics() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/metrics")).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private void awaitUp() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the gateway process ended at start, exit " + process.exitValue());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the gateway did not become healthy within 90 s");
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
