package org.mmsgw.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.codec.mms.MmsPdus;
import org.mmsgw.codec.multipart.Body;
import org.mmsgw.codec.multipart.Part;
import org.mmsgw.codec.wsp.ContentType;
import org.mmsgw.codec.wsp.Header;
import org.mmsgw.codec.wsp.HeaderValue;
import org.mmsgw.gateway.fixtures.TestPhone;
import org.mmsgw.gateway.fixtures.TestSmsc;
import org.mmsgw.gateway.fixtures.WapPushDelivery;
import org.mmsgw.processors.store.MessageStore;
import org.mmsgw.processors.store.RecipientState;

/**
 * What the end-to-end tests share: waiting for WAP Pushes at the test SMSC, building m-send-req, and
 * bounded waits. Pushes are counted from the submit_sm the SMSC accepted only: a refused or throttled
 * segment never reaches a phone.
 */
final class Pushes {
    /** The bound of every wait in the end-to-end tests. */
    static final Duration WAIT = Duration.ofSeconds(30);
    /** How long to watch for duplicates once the expected pushes arrived. */
    static final Duration SETTLE = Duration.ofSeconds(3);

    private Pushes() {
    }

    /** Waits until {@code count} complete pushes were accepted for the number; fails if fewer or more. */
    static List<WapPushDelivery> awaitPushes(TestSmsc smsc, String msisdn, int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<WapPushDelivery> pushes = accepted(smsc, msisdn);
        while (pushes.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
            pushes = accepted(smsc, msisdn);
        }
        assertEquals(count, pushes.size(), "complete pushes to " + msisdn);
        return pushes;
    }

    /**
     * The complete WAP Pushes to the number, reassembled from the submit_sm the SMSC accepted, in the
     * order they completed. Every such submit_sm must have UDHI and 8-bit data coding; each push must be
     * for port 2948 and the MMS user agent.
     */
    static List<WapPushDelivery> accepted(TestSmsc smsc, String msisdn) {
        return TestPhone.acceptedPushesFor(smsc, msisdn);
    }

    /** Every submit_sm to the number, accepted or not. */
    static List<TestSmsc.Submit> submitsTo(TestSmsc smsc, String msisdn) {
        return smsc.submits().stream().filter(s -> s.isTo(msisdn)).toList();
    }

    /** Waits (bounded by {@link #WAIT}) until the condition holds; fails naming {@code what}. */
    static void awaitUntil(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + WAIT + ": " + what);
            }
            Thread.sleep(50);
        }
    }

    /**
     * Stops the SMSC and waits until its port refuses connections. Right after {@link TestSmsc#stop()}
     * the port can still take one connection, then reset it (Java NIO closes a server channel that is
     * registered with a selector only at the selector's next wake-up); a gateway connecting in that
     * moment would see an SMSC that accepts and drops, which is another scenario
     * ({@link SmscOutageTest#smscDroppingTheConnectionDuringBindDoesNotStallDelivery}).
     */
    static void stopSmsc(TestSmsc smsc) throws InterruptedException {
        smsc.stop();
        awaitUntil("SMSC port " + smsc.port() + " refuses connections", () -> refuses(smsc.port()));
    }

    private static boolean refuses(int port) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            // accepted and reset by the closing listener: probe again
            return false;
        }
    }

    /** Lets anything still in flight happen, before counting what must not have happened twice. */
    static void settle() throws InterruptedException {
        Thread.sleep(SETTLE.toMillis());
    }

    /** Waits until a recipient of a stored message is in the state. */
    static void awaitState(MessageStore store, String messageId, String address, RecipientState state)
            throws InterruptedException {
        awaitUntil(address + " of " + messageId + " is " + state, () -> state(store, messageId, address) == state);
    }

    static RecipientState state(MessageStore store, String messageId, String address) {
        return store.find(messageId).flatMap(m -> m.recipient(address)).map(r -> r.state()).orElse(null);
    }

    /** The MMS address of a number: {@code +49.../TYPE=PLMN}. */
    static String plmn(String msisdn) {
        return msisdn + "/TYPE=PLMN";
    }

    /** An m-send-req to numbers (or e-mail addresses) with the parts as a multipart/mixed body. */
    static MmsPdu sendReq(String transactionId, List<String> to, String subject, Part... parts) {
        List<String> addresses = to.stream().map(a -> a.contains("@") || a.contains("/TYPE=") ? a : plmn(a)).toList();
        return MmsPdus.sendReq(transactionId, addresses, subject)
                .body(ContentType.of(ContentType.MULTIPART_MIXED), new Body.Multipart(List.of(parts)))
                .build();
    }

    /** The same m-send-req asking for delivery reports (X-Mms-Delivery-Report: Yes). */
    static MmsPdu withDeliveryReport(MmsPdu pdu) {
        List<Header> headers = new ArrayList<>(pdu.headers());
        headers.add(new Header(MmsField.DELIVERY_REPORT.code(), MmsField.DELIVERY_REPORT.specName(),
                new HeaderValue.Token(0)));
        return pdu.withHeaders(headers);
    }

    /** The m-send-conf was Ok; returns its Message-ID. */
    static String assertOk(MmsPdu sendConf) {
        assertEquals(0, sendConf.token(MmsField.RESPONSE_STATUS).orElseThrow(),
                "X-Mms-Response-Status Ok; " + sendConf.text(MmsField.RESPONSE_TEXT).orElse(""));
        return sendConf.text(MmsField.MESSAGE_ID).orElseThrow();
    }
}
