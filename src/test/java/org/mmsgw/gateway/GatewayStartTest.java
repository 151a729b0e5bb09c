package org.mmsgw.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

/** Boots the real main class with the shipped configuration and route files, on a free loopback port. */
class GatewayStartTest {

    @Test
    void startsWithTheShippedConfigurationAndServesHealth() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Main main = Gateway.create(Path.of("../config/application.properties"), Map.of(
                "gateway.http.host", "127.0.0.1",
                "gateway.http.port", String.valueOf(port),
                "camel.main.routes-include-pattern", "file:../routes/*.camel.yaml"));
        main.start();
        try {
            assertTrue(main.getCamelContext().getRoute("health") != null, "route health loaded from routes/");
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> ok = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ok.statusCode());
            assertEquals("{\"status\":\"UP\",\"flows\":[]}", ok.body());
            HttpResponse<String> post = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(405, post.statusCode(), "only GET");
        } finally {
            main.stop();
        }
    }
}
