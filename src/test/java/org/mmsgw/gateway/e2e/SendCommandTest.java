package org.mmsgw.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmsgw.gateway.e2e.Pushes.awaitPushes;
import static org.mmsgw.gateway.e2e.Pushes.awaitState;
import static org.mmsgw.gateway.e2e.Pushes.plmn;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmsgw.codec.cli.MmsTool;
import org.mmsgw.codec.json.Json;
import org.mmsgw.codec.mms.MessageType;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.codec.multipart.Body;
import org.mmsgw.codec.multipart.Part;
import org.mmsgw.gateway.fixtures.TestPhone;
import org.mmsgw.processors.store.RecipientState;

/**
 * {@code mmsgw send} against the running gateway: the command line's m-send-req is accepted, printed
 * as an m-send-conf with Response-Status Ok, notified to the recipient at the SMSC and retrieved with
 * its text and file unchanged; {@code --delivery-report} is honoured.
 */
class SendCommandTest extends GatewayTest {
    private static final String ALICE = "+491701111111";
    private static final String BOB = "+491702222222";

    @TempDir
    Path files;

    @Test
    void sendPostsAnMmsThatReachesThePhoneWithItsTextAndFile() throws Exception {
        byte[] gif = TestPhone.tinyGif();
        Path file = Files.write(files.resolve("tiny.gif"), gif);

        Result r = run("send", "--url", gateway.baseUrl() + "/mms", "--from", ALICE, "--to", BOB, "--subject", "S",
                "--text", "T", "--file", file.toString(), "--delivery-report");

        assertEquals(0, r.status(), "exit status; stderr: " + r.stderr());
        assertEquals("", r.stderr());
        Map<String, Object> conf = Json.asObject(Json.parse(r.stdout()), "stdout");
        assertEquals("m-send-conf", conf.get("messageType"), r.stdout());
        List<Object> headers = Json.asList(conf.get("headers"), "headers");
        assertTrue(headers.contains(List.of("X-Mms-Response-Status", "Ok")), r.stdout());
        String messageId = headers.stream().map(h -> Json.asList(h, "header"))
                .filter(h -> h.get(0).equals("Message-ID")).map(h -> (String) h.get(1)).findFirst()
                .orElseThrow(() -> new AssertionError("no Message-ID in " + r.stdout()));

        MmsPdu notification = awaitPushes(smsc, BOB, 1).get(0).pdu();
        assertEquals(MessageType.NOTIFICATION_IND, notification.messageType());
        assertEquals(plmn(ALICE), notification.from().orElseThrow());
        assertEquals("S", notification.text(MmsField.SUBJECT).orElseThrow());
        awaitState(gateway.store(), messageId, plmn(BOB), RecipientState.NOTIFIED);

        TestPhone bob = gateway.phone(BOB);
        MmsPdu retrieved = bob.retrieve(notification.text(MmsField.CONTENT_LOCATION).orElseThrow());
        assertEquals(messageId, retrieved.text(MmsField.MESSAGE_ID).orElseThrow());
        assertEquals(plmn(ALICE), retrieved.from().orElseThrow());
        assertEquals("S", retrieved.text(MmsField.SUBJECT).orElseThrow());
        assertEquals(List.of(plmn(BOB)), retrieved.texts(MmsField.TO));
        assertEquals(0, retrieved.token(MmsField.DELIVERY_REPORT).orElseThrow(), "X-Mms-Delivery-Report Yes");
        List<Part> parts = ((Body.Multipart) retrieved.body()).parts();
        assertEquals(List.of("application/smil", "image/gif", "text/plain"),
                parts.stream().map(p -> p.contentType().mediaType()).toList(), "parts: SMIL, the file, the text");
        assertArrayEquals(gif, parts.get(1).data().orElseThrow().toByteArray(), "the file, byte for byte");
        assertEquals("T", parts.get(2).text().orElseThrow());

        // --delivery-report: the sender hears that Bob fetched it
        bob.notifyResp(notification.transactionId().orElseThrow(), "Retrieved");
        MmsPdu report = awaitPushes(smsc, ALICE, 1).get(0).pdu();
        assertEquals(MessageType.DELIVERY_IND, report.messageType());
        assertEquals(messageId, report.text(MmsField.MESSAGE_ID).orElseThrow());
        assertEquals(1, report.token(MmsField.STATUS).orElseThrow(), "Retrieved");
    }

    private record Result(int status, String stdout, String stderr) {
    }

    /** Runs {@code new MmsTool(in, out, err).run(args)}; both are package-private, hence reflection. */
    private static Result run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Constructor<MmsTool> constructor = MmsTool.class.getDeclaredConstructor(InputStream.class, PrintStream.class,
                PrintStream.class);
        constructor.setAccessible(true);
        MmsTool tool;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            tool = constructor.newInstance(new ByteArrayInputStream(new byte[0]), o, e);
            Method run = MmsTool.class.getDeclaredMethod("run", String[].class);
            run.setAccessible(true);
            int status = (int) run.invoke(tool, (Object) args);
            return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }
}
