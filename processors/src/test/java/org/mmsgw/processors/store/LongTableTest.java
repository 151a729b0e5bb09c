package org.mmsgw.processors.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The table against a map doing the same: growth, rows removed and added again, keys that repeat. */
class LongTableTest {

    @Test
    void agreesWithAMapThroughGrowthRemovalAndSweeps() {
        LongTable table = new LongTable(2);
        Map<Long, List<Long>> expected = new HashMap<>();
        Random random = new Random(1);
        for (int step = 0; step < 200_000; step++) {
            // few distinct keys, so that they repeat and their rows share probe chains
            long key = LongTable.key(random.nextInt(5_000));
            if (random.nextInt(3) > 0) {
                long v = random.nextLong();
                int row = table.add(key);
                table.set(row, 1, v);
                expected.computeIfAbsent(key, k -> new ArrayList<>()).add(v);
            } else {
                int row = table.first(key);
                if (row >= 0) {
                    long v = table.get(row, 1);
                    table.remove(row);
                    assertEquals(true, expected.get(key).remove(v), "the row removed was one of the key's");
                }
            }
        }
        int rows = 0;
        for (Map.Entry<Long, List<Long>> e : expected.entrySet()) {
            List<Long> found = new ArrayList<>();
            for (int row = table.first(e.getKey()); row >= 0; row = table.next(e.getKey(), row)) {
                assertEquals(0L, table.get(row, 0), "values never set stay 0");
                found.add(table.get(row, 1));
            }
            assertEquals(e.getValue().stream().sorted().toList(), found.stream().sorted().toList());
            rows += found.size();
        }
        assertEquals(rows, table.size());
        int scanned = 0;
        for (int row = 0; row < table.capacity(); row++) {
            scanned += table.isRow(row) ? 1 : 0;
        }
        assertEquals(rows, scanned);
    }

    @Test
    void markersAreNotKeys() {
        LongTable table = new LongTable(1);
        assertEquals(2L, LongTable.key(0));
        assertEquals(3L, LongTable.key(1));
        assertThrows(IllegalArgumentException.class, () -> table.add(0));
        assertEquals(-1, table.first(LongTable.key(0)));
    }
}
