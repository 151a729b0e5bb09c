package org.mmsgw.processors.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FileSmsStoreTest {
    private static final String PHONE = "+491701234567";

    @TempDir
    Path tmp;

    private Path root;
    private FileSmsStore store;

    @BeforeEach
    void open() {
        root = tmp.resolve("sms");
        store = new FileSmsStore(root);
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    private static List<Path> list(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    @Test
    void recordsAndFindsCorrespondent() throws Exception {
        store.record(PHONE, "alice@example.com");

        assertEquals(Optional.of("alice@example.com"), store.of(PHONE));
        assertEquals(Optional.empty(), store.of("+491707654321"));
        assertFalse(Files.exists(root.resolve("correspondents")), "no file per phone");
        assertEquals(1, list(root.resolve("correspondents-log")).size());
    }

    @Test
    void laterRecordReplacesTheAddress() {
        store.record(PHONE, "alice@example.com");
        store.record(PHONE, "bob@example.com");

        assertEquals(Optional.of("bob@example.com"), store.of(PHONE));
    }

    @Test
    void sameRecordAgainWritesNothing() throws Exception {
        store.record(PHONE, "alice@example.com");
        long size = logSize();

        store.record(PHONE, "alice@example.com");

        assertEquals(size, logSize());
        store.record(PHONE, "bob@example.com");
        assertTrue(logSize() > size, "a new address is written");
    }

    private long logSize() throws Exception {
        long size = 0;
        for (Path f : list(root.resolve("correspondents-log"))) {
            size += Files.size(f);
        }
        return size;
    }

    @Test
    void addressIsKeptAsUtf8() {
        store.record(PHONE, "j\u00F6rg@\u4F8B\u3048.jp");

        assertEquals(Optional.of("j\u00F6rg@\u4F8B\u3048.jp"), store.of(PHONE));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"+123456", "+123456789012345"})
    void phoneLengthLimitsAccepted(String phone) {
        store.record(phone, "a@example.com");

        assertEquals(Optional.of("a@example.com"), store.of(phone));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"491701234567", "+12345", "+1234567890123456", "+49 1701234567", "+49170123456a", "",
        "+", "++491701234567", "+491701234567/TYPE=PLMN", "+../../x", "+4917012345\n"})
    void recordRefusesWhatIsNoInternationalNumber(String phone) throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.record(phone, "a@example.com"));

        assertEquals("phone must be + and 6 to 15 digits, found '" + phone + "'", e.getMessage());
        assertEquals(0, logSize());
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"491701234567", "+12345", "+../../x", "", "+491701234567/TYPE=PLMN"})
    void ofAnythingElseIsEmpty(String phone) {
        store.record(PHONE, "alice@example.com");

        assertEquals(Optional.empty(), store.of(phone));
    }

    @Test
    void ofNullIsEmpty() {
        assertEquals(Optional.empty(), store.of(null));
    }

    @Test
    void correspondentsSurviveReopening() throws Exception {
        store.record(PHONE, "alice@example.com");
        store.close();

        store = new FileSmsStore(root);
        assertEquals(Optional.of("alice@example.com"), store.of(PHONE));
    }

    @Test
    void partsInAnyOrderComeBackInSequenceOrderWhenAllAreThere() {
        assertEquals(Optional.empty(), store.add("k", 3, 3, "C"));
        assertEquals(Optional.empty(), store.add("k", 1, 3, "A"));
        assertEquals(Optional.of(List.of("A", "B", "C")), store.add("k", 2, 3, "B"));
    }

    @Test
    void singlePartIsWholeAtOnce() {
        assertEquals(Optional.of(List.of("only")), store.add("k", 1, 1, "only"));
    }

    @Test
    void repeatedPartIsHarmless() {
        assertEquals(Optional.empty(), store.add("k", 1, 2, "A"));
        assertEquals(Optional.empty(), store.add("k", 1, 2, "A"));
        assertEquals(Optional.of(List.of("A", "B")), store.add("k", 2, 2, "B"));
        // once whole, a repeat of either part gives the whole again (until removed)
        assertEquals(Optional.of(List.of("A", "B")), store.add("k", 2, 2, "B"));
    }

    @Test
    void emptyAndUnicodeTextsSurvive() {
        store.add("k", 1, 3, "");
        store.add("k", 2, 3, "\uD83D\uDE00 \u00FC");

        assertEquals(Optional.of(List.of("", "\uD83D\uDE00 \u00FC", "\n\r")), store.add("k", 3, 3, "\n\r"));
    }

    @Test
    void keysAreSeparate() {
        store.add("+491701234567/8/42/2", 1, 2, "A");
        store.add("+491701234567/16/42/2", 2, 2, "x");

        assertEquals(Optional.empty(), store.add("+491707654321/8/42/2", 2, 2, "y"));
        assertEquals(Optional.of(List.of("A", "B")), store.add("+491701234567/8/42/2", 2, 2, "B"));
    }

    @Test
    void keyThatLooksLikeAPathStaysInsideTheStore() throws Exception {
        store.add("../../escape", 1, 2, "A");

        assertEquals(List.of(root.resolve("correspondents-log"), root.resolve("parts")), list(root));
        assertEquals(List.of(root), list(tmp));
        // named by the hex of the key
        assertEquals(List.of(root.resolve("parts/2e2e2f2e2e2f657363617065")), list(root.resolve("parts")));
        assertEquals(Optional.of(List.of("A", "B")), store.add("../../escape", 2, 2, "B"));
    }

    @Test
    void keyLengthLimitIsOneHundredOctets() {
        assertEquals(Optional.of(List.of("A")), store.add("k".repeat(100), 1, 1, "A"));
        assertEquals(Optional.of(List.of("A")), store.add("\u00FC".repeat(50), 1, 1, "A"));

        IllegalArgumentException ascii = assertThrows(IllegalArgumentException.class,
                () -> store.add("k".repeat(101), 1, 1, "A"));
        assertEquals("key too long: 101 characters", ascii.getMessage());
        // 51 characters, 102 octets
        assertThrows(IllegalArgumentException.class, () -> store.add("\u00FC".repeat(51), 1, 1, "A"));
    }

    @ParameterizedTest(name = "sequence {0} of {1}")
    @CsvSource({"0, 2", "3, 2", "-1, 2", "1, 0", "0, 0", "256, 255"})
    void addRefusesSequenceOutsideOneToTotal(int sequence, int total) throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.add("k", sequence, total, "A"));

        assertEquals("sequence must be 1.." + total + ", was " + sequence, e.getMessage());
        assertEquals(List.of(), list(root.resolve("parts")));
    }

    @Test
    void removeForgetsOnlyThatKey() throws Exception {
        store.add("k", 1, 2, "A");
        store.add("other", 1, 2, "X");

        store.remove("k");

        assertEquals(Optional.empty(), store.add("k", 2, 2, "B"));
        assertEquals(Optional.of(List.of("X", "Y")), store.add("other", 2, 2, "Y"));
    }

    @Test
    void removeDeletesTheKeysDirectory() throws Exception {
        store.add("k", 1, 2, "A");
        store.add("k", 2, 2, "B");

        store.remove("k");

        assertEquals(List.of(), list(root.resolve("parts")));
    }

    @Test
    void removeOfUnknownKeyDoesNothing() throws Exception {
        store.add("k", 1, 2, "A");

        store.remove("unknown");
        store.remove("unknown");

        assertEquals(1, list(root.resolve("parts")).size());
    }

    @Test
    void partsSurviveReopening() throws Exception {
        store.add("k", 1, 2, "A");
        store.close();

        store = new FileSmsStore(root);

        assertEquals(Optional.of(List.of("A", "B")), store.add("k", 2, 2, "B"));
    }

    @Test
    void opensInAMissingDirectoryTree() throws Exception {
        Path deep = tmp.resolve("a/b/c");

        try (FileSmsStore s = new FileSmsStore(deep)) {
            s.record(PHONE, "x@example.com");

            assertTrue(Files.isDirectory(deep.resolve("parts")));
            assertEquals(Optional.of("x@example.com"), s.of(PHONE));
            assertFalse(Files.exists(tmp.resolve("correspondents")));
        }
    }

    @Test
    void messagesWhoseLastSegmentIsOlderThanTheLimitAreForgotten() throws Exception {
        store.add("old", 1, 2, "one");
        store.add("new", 1, 2, "uno");
        java.time.Instant now = java.time.Instant.now();
        try (Stream<Path> dirs = Files.list(root.resolve("parts"))) {
            for (Path dir : dirs.toList()) {
                boolean old = Files.exists(dir.resolve("1")) && Files.readString(dir.resolve("1")).equals("one");
                Files.setLastModifiedTime(dir, FileTime.from(old ? now.minusSeconds(7200) : now));
            }
        }

        assertEquals(1, store.removeOlderThan(now.minusSeconds(3600)));

        assertEquals(Optional.empty(), store.add("old", 2, 2, "two"), "the first half is gone");
        assertEquals(Optional.of(List.of("uno", "dos")), store.add("new", 2, 2, "dos"), "the recent one stays");
        assertEquals(0, store.removeOlderThan(java.time.Instant.EPOCH), "nothing is older than the epoch");
    }
}
