package org.mmsgw.processors.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The contract, and what is particular to the file store: its layout on disk and its crash states. */
class FileMessageStoreTest extends MessageStoreContract {

    @Override
    MessageStore open(Path root) {
        return new FileMessageStore(root);
    }

    @Test
    void stateFileIsPropertiesInAscii() throws IOException {
        store.save(message("m1", EXPIRY, "tok1"), CONTENT);
        String state = Files.readString(root.resolve("messages/m1/state.properties"), StandardCharsets.US_ASCII);
        assertTrue(state.contains("\nexpiry=2030-01-08T10:00:00Z\n"), state);
        assertTrue(state.contains("\nrecipient.0.state=PENDING\n"), state);
    }

    @Test
    void deleteLeavesNoFileBehind() {
        store.save(message("m1", EXPIRY, "tok1"), CONTENT);
        store.recordSegment("m1", PHONE, "smsc-1");

        store.delete("m1");

        assertFalse(Files.exists(root.resolve("messages/m1")));
        assertFalse(Files.exists(root.resolve("tokens/tok1")));
        assertFalse(Files.exists(root.resolve("segments/smsc-1")));
    }

    @Test
    void partialSaveIsInvisibleAndCompletedByNextSave() throws IOException {
        // A crash after the content and a token, before the state.
        Path dir = Files.createDirectories(root.resolve("messages/m1"));
        Files.write(dir.resolve("content.mms"), new byte[] {9, 9});
        Files.writeString(root.resolve("tokens/tok1"), "m1");
        FileMessageStore afterCrash = new FileMessageStore(root);

        assertEquals(Optional.empty(), afterCrash.find("m1"));
        assertEquals(Optional.empty(), afterCrash.content("m1"));
        assertEquals(Optional.empty(), afterCrash.messageIdForToken("tok1"));
        assertEquals(List.of(), afterCrash.expiredBefore(Instant.MAX));

        assertTrue(afterCrash.save(message("m1", EXPIRY, "tok1"), CONTENT));

        assertEquals(Optional.of(message("m1", EXPIRY, "tok1")), afterCrash.find("m1"));
        assertArrayEquals(CONTENT, afterCrash.content("m1").orElseThrow());
        assertEquals(Optional.of("m1"), afterCrash.messageIdForToken("tok1"));
        assertEquals(List.of("m1"), afterCrash.expiredBefore(Instant.MAX));
    }

    @Test
    void deleteRemovesPartialSave() throws IOException {
        // A crash after the content, leaving a temporary file of the state behind.
        Path dir = Files.createDirectories(root.resolve("messages/m1"));
        Files.write(dir.resolve("content.mms"), CONTENT);
        Files.writeString(dir.resolve(".state.properties.123.tmp"), "format=");

        store.delete("m1");

        assertFalse(Files.exists(dir));
    }

    @Test
    void unreadableStateNamesFileAndKey() throws IOException {
        store.save(message("m1", EXPIRY, "tok1"), CONTENT);
        Path state = root.resolve("messages/m1/state.properties");
        Files.writeString(state, Files.readString(state).replace("expiry=2030-01-08T10:00:00Z", "expiry=next week"));

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> store.find("m1"));

        assertTrue(e.getMessage().contains("state.properties: expiry must be an ISO-8601 instant, found 'next week'"),
                e.getMessage());
        assertThrows(UncheckedIOException.class, () -> new FileMessageStore(root));
    }

}
