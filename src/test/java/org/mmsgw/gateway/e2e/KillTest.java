package org.mmsgw.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmsgw.gateway.e2e.Pushes.awaitPushes;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.gateway.Gateway;
import org.mmsgw.gateway.fixtures.TestPhone;
import org.mmsgw.gateway.fixtures.TestSmsc;
import org.mmsgw.gateway.fixtures.TestSmtpServer;
import org.mmsgw.gateway.fixtures.WapPushDelivery;

/**
 * The gateway as its own process, killed with SIGKILL: right after it answered m-send-conf Ok, and in
 * the middle of a load. After a restart on the same data directory every message it answered Ok still
 * reaches its recipients, and the phone fetches it.
 */
class KillTest {
    private static final String ALICE = "+491701111111";
    private static final String BOB = "+491702222222";
    private static final String CAROL = "+491703333333";
    /** Phones sending at once in the test under load. */
    private static final int PHONES = 8;
    /** Messages the gateway answers Ok before the kill under load (well beyond a batch of the routing step). */
    private static final int ACCEPTED_BEFORE_KILL = 400;

    @TempDir
    Path data;

    @Test
    void killedAfterSendConfTheMessageIsStillDeliveredOncePerRecipient() throws Exception {
        try (TestSmsc smsc = TestSmsc.open()) {
            smsc.stop(); // nothing can go out before the kill
            int port = RunningGateway.freePort();
            Process first = start(port, smsc.port());
            try {
                awaitHttp(port);
                TestPhone alice = new TestPhone("http://127.0.0.1:" + port, ALICE);
                MmsPdu conf = alice.send(Pushes.sendReq("K-1", List.of(BOB, CAROL), "Survives kill -9",
                        org.mmsgw.codec.multipart.Part.text("<t>", "t.txt", "still here")));
                assertEquals(0, conf.token(MmsField.RESPONSE_STATUS).orElseThrow(), "Ok");
            } finally {
                first.destroyForcibly(); // SIGKILL: no shutdown hook, no journal close
                first.waitFor(30, TimeUnit.SECONDS);
            }
            smsc.start();
            Process second = start(port, smsc.port());
            try {
                awaitPushes(smsc, BOB, 1);
                awaitPushes(smsc, CAROL, 1);
                Pushes.settle();
                assertEquals(1, Pushes.accepted(smsc, BOB).size(), "notifications to Bob");
                assertEquals(1, Pushes.accepted(smsc, CAROL).size(), "notifications to Carol");
            } finally {
                second.destroy();
                if (!second.waitFor(30, TimeUnit.SECONDS)) {
                    second.destroyForcibly();
                }
            }
        }
    }

    /**
     * Phones keep sending (every fourth message to a mail address too) while the routing step takes
     * several submissions into one transaction, saves them without waiting for the disk one by one, and
     * pushes them or hands them on; the kill lands somewhere in that, or (second case) after the SMSC
     * went away halfway, with pushes failing and a backlog queued. Every message answered Ok is pushed
     * after the restart (a push in flight at the kill may go twice), its recipient fetches it with the
     * URL of the last push it got, and every mail recipient gets a mail.
     */
    @ParameterizedTest(name = "SMSC lost halfway: {0}")
    @ValueSource(booleans = {false, true})
    void killedUnderLoadEveryMessageAnsweredOkIsStillDeliveredAndFetched(boolean smscLostHalfway) throws Exception {
        try (TestSmsc smsc = TestSmsc.open(); TestSmtpServer smtp = new TestSmtpServer(true)) {
            int port = RunningGateway.freePort();
            String base = "http://127.0.0.1:" + port;
            Map<String, String> answeredOk = new ConcurrentHashMap<>(); // phone recipient -> subject
            Set<String> mailsAnsweredOk = ConcurrentHashMap.newKeySet();
            Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
            AtomicBoolean killed = new AtomicBoolean();
            Process first = start(port, smsc.port(), smtp.port());
            ExecutorService phones = Executors.newFixedThreadPool(PHONES);
            try {
                awaitHttp(port);
                for (int p = 0; p < PHONES; p++) {
                    int phone = p;
                    phones.execute(() -> sendUntilKilled(base, phone, killed, answeredOk, mailsAnsweredOk, failures));
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (answeredOk.size() < ACCEPTED_BEFORE_KILL / 2 && failures.isEmpty()
                        && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                if (smscLostHalfway) {
                    Pushes.stopSmsc(smsc);
                }
                while (answeredOk.size() < ACCEPTED_BEFORE_KILL && failures.isEmpty()
                        && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
            } finally {
                killed.set(true);
                first.destroyForcibly(); // SIGKILL while the phones are still sending
                first.waitFor(30, TimeUnit.SECONDS);
                phones.shutdown();
                phones.awaitTermination(60, TimeUnit.SECONDS);
            }
            assertTrue(failures.isEmpty(), "failures before the kill: " + failures);
            assertTrue(answeredOk.size() >= ACCEPTED_BEFORE_KILL, "answered Ok before the kill: " + answeredOk.size());
            // a phone does not join the first segment of a push cut off by the kill to the segments of
            // the next one: the pushes before and after the restart are put together apart
            List<TestSmsc.Submit> beforeRestart = smsc.submits();
            Set<String> pushedBeforeRestart = pushedTo(beforeRestart);
            long waiting = answeredOk.keySet().stream().filter(r -> !pushedBeforeRestart.contains(r)).count();
            System.out.printf("kill under load (SMSC lost halfway: %b): %d answered Ok, %d of them not pushed yet at the kill%n",
                    smscLostHalfway, answeredOk.size(), waiting);

            if (smscLostHalfway) {
                smsc.start();
            }
            Process second = start(port, smsc.port(), smtp.port());
            try {
                awaitHttp(port);
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (!Set.copyOf(smtp.recipients()).containsAll(mailsAnsweredOk) && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                Set<String> mailsMissing = new TreeSet<>(mailsAnsweredOk);
                mailsMissing.removeAll(smtp.recipients());
                assertTrue(mailsMissing.isEmpty(), mailsMissing.size() + " mail recipients answered Ok got no mail, e.g. "
                        + mailsMissing.stream().limit(5).toList());
                while (!pushedTo(smsc.submits()).containsAll(answeredOk.keySet()) && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                Map<String, List<WapPushDelivery>> pushes = pushesByRecipient(smsc, beforeRestart);
                while (!pushes.keySet().containsAll(answeredOk.keySet()) && System.nanoTime() < deadline) {
                    Thread.sleep(500);
                    pushes = pushesByRecipient(smsc, beforeRestart);
                }
                Set<String> missing = new TreeSet<>(answeredOk.keySet());
                missing.removeAll(pushes.keySet());
                assertTrue(missing.isEmpty(), missing.size() + " messages answered Ok never pushed whole, e.g. "
                        + missing.stream().limit(5).toList());
                int twice = 0;
                for (Map.Entry<String, String> message : answeredOk.entrySet()) {
                    List<WapPushDelivery> toRecipient = pushes.getOrDefault(message.getKey(), List.of());
                    assertTrue(!toRecipient.isEmpty(), "a complete push to " + message.getKey());
                    twice += toRecipient.size() > 1 ? 1 : 0;
                    WapPushDelivery last = toRecipient.get(toRecipient.size() - 1);
                    MmsPdu retrieved = new TestPhone(base, message.getKey())
                            .retrieve(last.pdu().text(MmsField.CONTENT_LOCATION).orElseThrow());
                    assertEquals(message.getValue(), retrieved.text(MmsField.SUBJECT).orElseThrow(),
                            "subject fetched by " + message.getKey());
                }
                System.out.printf("kill under load: all %d delivered and fetched, %d of them pushed more than once;"
                        + " all %d mails sent (%d mails in all)%n", answeredOk.size(), twice, mailsAnsweredOk.size(),
                        smtp.mails());
            } finally {
                second.destroy();
                if (!second.waitFor(30, TimeUnit.SECONDS)) {
                    second.destroyForcibly();
                }
            }
        }
    }

    /**
     * One phone sending messages, each to a number of its own (every fourth one to an e-mail address of
     * its own too), until the gateway is killed.
     */
    private static void sendUntilKilled(String base, int phone, AtomicBoolean killed, Map<String, String> answeredOk,
            Set<String> mailsAnsweredOk, Queue<Throwable> failures) {
        TestPhone sender = new TestPhone(base, String.format("+4915%09d", phone));
        for (int i = 0; !killed.get(); i++) {
            String recipient = String.format("+4917%02d%07d", phone, i);
            String subject = "Load " + phone + "-" + i;
            String mail = i % 4 == 0 ? "load-" + phone + "-" + i + "@mail.test" : null;
            try {
                MmsPdu conf = sender.send(Pushes.sendReq("L" + phone + "-" + i,
                        mail == null ? List.of(recipient) : List.of(recipient, mail), subject,
                        org.mmsgw.codec.multipart.Part.text("<t>", "t.txt", "message " + i + " of phone " + phone)));
                if (conf.token(MmsField.RESPONSE_STATUS).orElse(-1) == 0) {
                    answeredOk.put(recipient, subject);
                    if (mail != null) {
                        mailsAnsweredOk.add(mail);
                    }
                } else if (!killed.get()) {
                    failures.add(new AssertionError("m-send-conf for " + subject + ": " + conf));
                }
            } catch (RuntimeException | AssertionError e) {
                if (!killed.get()) {
                    failures.add(e);
                }
                return; // the gateway is gone
            }
        }
    }

    /** The numbers with at least one segment the SMSC accepted (cheap, for polling). */
    private static Set<String> pushedTo(List<TestSmsc.Submit> submits) {
        return submits.stream().filter(TestSmsc.Submit::accepted)
                .map(s -> s.destination().startsWith("+") ? s.destination() : "+" + s.destination())
                .collect(Collectors.toSet());
    }

    /**
     * The complete pushes the SMSC accepted, by number (those with one at least): those put together
     * from the submits before the restart, then those from the submits after it.
     */
    private static Map<String, List<WapPushDelivery>> pushesByRecipient(TestSmsc smsc,
            List<TestSmsc.Submit> beforeRestart) {
        List<TestSmsc.Submit> all = smsc.submits();
        List<TestSmsc.Submit> afterRestart = all.subList(beforeRestart.size(), all.size());
        Map<String, List<WapPushDelivery>> byRecipient = new HashMap<>();
        for (String recipient : pushedTo(all)) {
            List<WapPushDelivery> complete = new ArrayList<>(TestPhone.acceptedPushesFor(beforeRestart, recipient));
            complete.addAll(TestPhone.acceptedPushesFor(afterRestart, recipient));
            if (!complete.isEmpty()) {
                byRecipient.put(recipient, complete);
            }
        }
        return byRecipient;
    }

    private Process start(int port, int smscPort) throws Exception {
        return start(port, smscPort, -1);
    }

    /** @param smtpPort the mail server's port, -1 for the configured one */
    private Process start(int port, int smscPort, int smtpPort) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Gateway.class.getName(), "--config", Path.of("../config/application.properties").toString())
                .redirectErrorStream(true)
                .redirectOutput(data.resolve("gateway-" + System.nanoTime() + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.put("GATEWAY_HTTP_HOST", "127.0.0.1");
        env.put("GATEWAY_HTTP_PORT", String.valueOf(port));
        env.put("GATEWAY_PUBLIC_URL", "http://127.0.0.1:" + port);
        env.put("GATEWAY_DATA_DIR", data.resolve("gw").toString());
        env.put("GATEWAY_SANDBOX", "false");
        env.put("GATEWAY_SMPP_PORT", String.valueOf(smscPort));
        if (smtpPort > 0) {
            env.put("GATEWAY_SMTP_PORT", String.valueOf(smtpPort));
        }
        env.put("CAMEL_MAIN_ROUTESINCLUDEPATTERN", "file:../routes/*.camel.yaml");
        builder.directory(new File("."));
        return builder.start();
    }

    private static void awaitHttp(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not up yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("gateway process did not answer on port " + port + " within 60 s");
    }
}
