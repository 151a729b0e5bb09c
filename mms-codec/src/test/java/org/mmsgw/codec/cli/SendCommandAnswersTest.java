package org.mmsgw.codec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mmsgw.codec.mms.MessageType;
import org.mmsgw.codec.mms.MmsEncoder;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.codec.mms.MmsPdus;

/** {@code mmsgw send} against an HTTP server on loopback that answers with an error status. */
class SendCommandAnswersTest {
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A server that answers every POST with this status, Content-Type and body. */
    private String serve(int status, String contentType, byte[] body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/mms", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.getResponseHeaders().add("Retry-After", "30");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/mms";
    }

    private static SendCommand command(String url) throws IOException {
        return SendCommand.parse(List.of("--url", url, "--from", "+491701111111", "--to", "+491702222222",
                "--text", "hello"));
    }

    @Test
    void aBusyGatewaysTransientFailureIsReturnedAsItsSendConf() throws Exception {
        byte[] conf = new MmsEncoder().encode(MmsPdus.sendConf("T-1", 0x40, "try again later", null));
        SendCommand send = command(serve(503, "application/vnd.wap.mms-message", conf));

        MmsPdu answer = send.post(send.compose());

        assertEquals(MessageType.SEND_CONF, answer.messageType());
        assertEquals(Optional.of(0x40), answer.token(MmsField.RESPONSE_STATUS), "Error-transient-failure");
        assertEquals(Optional.of("try again later"), answer.text(MmsField.RESPONSE_TEXT));
    }

    @Test
    void anErrorThatIsNotAnMmsIsReportedWithItsStatusAndText() throws Exception {
        SendCommand send = command(serve(415, "text/plain", "expected Content-Type".getBytes(StandardCharsets.UTF_8)));

        IOException e = assertThrows(IOException.class, () -> send.post(send.compose()));

        assertTrue(e.getMessage().startsWith("HTTP 415 from "), e.getMessage());
        assertTrue(e.getMessage().endsWith("expected Content-Type"), e.getMessage());
    }
}
