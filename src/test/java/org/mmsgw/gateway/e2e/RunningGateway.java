package org.mmsgw.gateway.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.mmsgw.gateway.EmbeddedBroker;
import org.mmsgw.gateway.Gateway;
import org.mmsgw.gateway.fixtures.TestPhone;
import org.mmsgw.processors.store.MessageStore;

/**
 * The real gateway (shipped configuration, real YAML routes, embedded Artemis) on a free loopback port,
 * with its data under a test directory and its SMPP client pointed at a test SMSC.
 */
public final class RunningGateway implements AutoCloseable {
    private static int brokers;

    private final Main main;
    private final int port;
    private final Path dataDir;
    private final int smscPort;
    private final Map<String, String> extra;

    private RunningGateway(Path dataDir, int smscPort, Map<String, String> extra) throws Exception {
        this.dataDir = dataDir;
        this.smscPort = smscPort;
        this.extra = extra;
        this.port = freePort();
        Map<String, String> overrides = new HashMap<>();
        overrides.put("gateway.http.host", "127.0.0.1");
        overrides.put("gateway.http.port", String.valueOf(port));
        overrides.put("gateway.public-url", "http://127.0.0.1:" + port);
        overrides.put("gateway.data-dir", dataDir.toString());
        overrides.put("gateway.sandbox", "false");
        overrides.put("gateway.smpp.host", "127.0.0.1");
        overrides.put("gateway.smpp.port", String.valueOf(smscPort));
        // each start gets its own in-VM broker id: a crashed broker's id is not reused in this JVM
        overrides.put("gateway.broker.embedded-id", String.valueOf(++brokers));
        overrides.put("camel.main.routes-include-pattern", "file:../routes/*.camel.yaml");
        // no fixed ports: the sandbox mail server (when on) and the SMTP client meet on a free one
        overrides.put("gateway.smtp.port", String.valueOf(freePort()));
        overrides.put("gateway.mail.inbound.port", String.valueOf(freePort()));
        // the mail-to-MMS flow only where a test has a mailbox for it
        overrides.put("gateway.mail.inbound.enabled", "false");
        overrides.put("camel.main.shutdown-timeout", "5");
        overrides.putAll(extra);
        main = Gateway.create(Path.of("../config/application.properties"), overrides);
        main.start();
    }

    public static RunningGateway start(Path dataDir, int smscPort) throws Exception {
        return new RunningGateway(dataDir, smscPort, Map.of());
    }

    public static RunningGateway start(Path dataDir, int smscPort, Map<String, String> extra) throws Exception {
        return new RunningGateway(dataDir, smscPort, extra);
    }

    /** A new gateway on the same data directory and SMSC (after {@link #close()} or {@link #crash()}). */
    public RunningGateway restart() throws Exception {
        return new RunningGateway(dataDir, smscPort, extra);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** GET of a path (such as {@code /health} or {@code /metrics}) on this gateway, with a 10 s timeout. */
    public HttpResponse<String> get(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: GET " + path, e);
        }
    }

    public TestPhone phone(String msisdn) {
        return new TestPhone(baseUrl(), msisdn);
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public MessageStore store() {
        return context().getRegistry().lookupByNameAndType("messageStore", MessageStore.class);
    }

    public EmbeddedBroker broker() {
        return context().getRegistry().lookupByNameAndType("broker", EmbeddedBroker.class);
    }

    /**
     * Stops as a crash would for the broker (no graceful journal shutdown), then tears Camel down so the
     * port and the store can be reused in this JVM.
     */
    public void crash() throws Exception {
        broker().crash();
        try {
            main.stop();
        } catch (RuntimeException ignored) {
            // routes fail against the dead broker while stopping; what matters is what is on disk
        }
    }

    @Override
    public void close() {
        main.stop();
    }

    public static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
