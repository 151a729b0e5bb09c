package org.mmsgw.gateway.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mmsgw.processors.Ids;
import org.mmsgw.processors.store.LogMessageStore;
import org.mmsgw.processors.store.Recipient;
import org.mmsgw.processors.store.RecipientState;
import org.mmsgw.processors.store.StoredMessage;

/**
 * Scenario {@code store}: the heap the log store keeps per message nobody has fetched yet (its index),
 * measured in this JVM: messages of scenario a (1 KB, one phone, one segment, notified) written into a
 * fresh store, the heap in use after a full collection before and after.
 */
final class StoreFootprint {
    private StoreFootprint() {
    }

    static Map<String, Object> measure(Path dir, int count) throws Exception {
        byte[] content = new byte[1024];
        try (LogMessageStore store = new LogMessageStore(dir, 64L * 1024 * 1024, 0)) {
            long before = usedAfterGc();
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                String id = Ids.random();
                String phone = "+49170" + (1_000_000 + i) + "/TYPE=PLMN";
                int n = i;
                store.withoutWaiting(() -> {
                    store.save(new StoredMessage(id, "+49171" + (1_000_000 + n % 64) + "/TYPE=PLMN", Instant.now(),
                            Instant.now().plusSeconds(7 * 86_400), false, false, false, content.length,
                            List.of(new Recipient(phone, Ids.random(), RecipientState.PENDING))), content);
                    store.recordSegment(id, phone, Long.toHexString(0x5EED0000L + n));
                    store.updateRecipient(id, phone, RecipientState.NOTIFIED);
                });
            }
            store.sync();
            double seconds = (System.nanoTime() - start) / 1e9;
            long after = usedAfterGc();
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("scenario", "store-index");
            line.put("messages", count);
            line.put("heap_bytes_per_message", (after - before) / (double) count);
            line.put("writes_per_s", 3 * count / seconds);
            return line;
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        Runtime r = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return r.totalMemory() - r.freeMemory();
    }
}
