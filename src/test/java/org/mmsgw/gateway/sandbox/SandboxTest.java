package org.mmsgw.gateway.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.codec.mms.MmsPdus;
import org.mmsgw.codec.multipart.Body;
import org.mmsgw.codec.wsp.Header;
import org.mmsgw.codec.wsp.HeaderValue;
import org.mmsgw.gateway.e2e.RunningGateway;
import org.mmsgw.gateway.fixtures.TestPhone;
import org.mmsgw.processors.store.Recipient;
import org.mmsgw.processors.store.RecipientState;

/**
 * The real gateway with {@code gateway.sandbox=true}: its SMPP client binds to the built-in SMSC
 * simulator, and the sandbox phone of the recipient retrieves and acknowledges what a test phone sends.
 */
class SandboxTest {
    private static final String ALICE = "+491701111111";
    private static final String BOB = "+491702222222";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path data;
    RunningGateway gateway;
    Sandbox sandbox;

    /** The real gateway, sandbox on, with the simulator on a free port. */
    private void startGateway() throws Exception {
        gateway = RunningGateway.start(data, freePort(), Map.of("gateway.sandbox", "true"));
        sandbox = gateway.context().getRegistry().lookupByNameAndType("sandbox", Sandbox.class);
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void sandboxPhoneRetrievesAndAnswersWhatAPhoneSends() throws Exception {
        startGateway();
        String messageId = send(TestPhone.typicalSendReq("S-1", BOB, "hello", "text"));

        await(() -> state(messageId, BOB).equals(Optional.of(RecipientState.RETRIEVED)),
                "recipient state RETRIEVED, was " + state(messageId, BOB));
        // the phone counts its retrieval once the gateway has answered its m-notifyresp-ind
        await(() -> sandbox.phones().retrieved() == 1, "messages the sandbox phones retrieved: "
                + sandbox.phones().retrieved());
        assertEquals(0, sandbox.phones().failed(), "messages the sandbox phones gave up on");
        assertEquals(0, sandbox.simulator().dropped(), "segments the sandbox phones could not read");
        assertTrue(sandbox.simulator().submits() >= 1, "submit_sm the simulator answered");
        assertTrue(sandbox.simulator().boundSessions() >= 1, "the gateway's SMPP client is bound to the simulator");
    }

    @Test
    void senderPhoneGetsTheDeliveryReport() throws Exception {
        startGateway();
        String messageId = send(withDeliveryReport(TestPhone.typicalSendReq("S-2", BOB, "report me", "text")));

        await(() -> sandbox.phones().reports() == 1, "m-delivery-ind at the sender's sandbox phone");
        assertEquals(Optional.of(RecipientState.RETRIEVED), state(messageId, BOB));
        assertEquals(1, sandbox.phones().retrieved());
        assertEquals(0, sandbox.phones().failed());
    }

    @Test
    void simulatorListensOnLoopbackOnly() throws Exception {
        startGateway();
        InetSocketAddress at = sandbox.simulator().address();
        assertEquals(InetAddress.getByName("127.0.0.1"), at.getAddress());
        List<InetAddress> others = nonLoopbackIpv4();
        for (InetAddress other : others) {
            try (Socket socket = new Socket()) {
                assertThrows(IOException.class, () -> socket.connect(new InetSocketAddress(other, at.getPort()), 2000),
                        "connecting to the simulator's port on " + other.getHostAddress());
            }
        }
        try (Socket socket = new Socket()) {
            socket.connect(at, 2000);
            assertTrue(socket.isConnected());
        }
    }

    @Test
    void refusesToStartWhenTheSmppClientWouldDialElsewhere() {
        Sandbox elsewhere = new Sandbox("192.0.2.1", 0, "http://127.0.0.1:8080", "X-MSISDN");
        IllegalStateException e = assertThrows(IllegalStateException.class, elsewhere::start);
        assertTrue(e.getMessage().contains("gateway.smpp.host=192.0.2.1"), e.getMessage());
    }

    @Test
    void retrievedMessageIsDescribedPartByPart() {
        MmsPdu sent = TestPhone.typicalSendReq("x", BOB, "s", "line 1\nline \"2\"");
        MmsPdu conf = MmsPdus.retrieveConf("T-1", "M-1", 0, ALICE + "/TYPE=PLMN", sent.contentType(), sent.body())
                .encoded(MmsField.SUBJECT, "hi").build();
        int smil = ((Body.Multipart) sent.body()).parts().get(0).data().orElseThrow().length();
        String text = SandboxPhones.describe(conf);
        assertEquals("M-1 from +491701111111/TYPE=PLMN, subject \"hi\", 3 parts:\n"
                + "  application/smil \"smil.xml\", " + smil + " octets\n"
                + "  text/plain \"text.txt\", 15 octets: \"line 1\\u000aline \\\"2\\\"\"\n"
                + "  image/gif \"image.gif\", 43 octets", text);
    }

    private String send(MmsPdu sendReq) {
        MmsPdu conf = new TestPhone(gateway.baseUrl(), ALICE).send(sendReq);
        assertEquals(Optional.of(0), conf.token(MmsField.RESPONSE_STATUS), "m-send-conf Ok");
        return conf.text(MmsField.MESSAGE_ID).orElseThrow();
    }

    private Optional<RecipientState> state(String messageId, String msisdn) {
        return gateway.store().find(messageId).flatMap(m -> m.recipient(msisdn + "/TYPE=PLMN")).map(Recipient::state);
    }

    private static MmsPdu withDeliveryReport(MmsPdu pdu) {
        List<Header> headers = new ArrayList<>(pdu.headers());
        headers.add(new Header(MmsField.DELIVERY_REPORT.code(), MmsField.DELIVERY_REPORT.specName(),
                new HeaderValue.Token(0)));
        return pdu.withHeaders(headers);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            Thread.sleep(50);
        }
    }

    private static List<InetAddress> nonLoopbackIpv4() throws Exception {
        List<InetAddress> addresses = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                Collections.list(nic.getInetAddresses()).stream().filter(a -> a instanceof Inet4Address)
                        .forEach(addresses::add);
            }
        }
        return addresses;
    }

    /** As {@code RunningGateway.freePort()}, which is not visible from here. */
    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
