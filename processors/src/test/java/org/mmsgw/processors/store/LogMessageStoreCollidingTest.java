package org.mmsgw.processors.store;

import java.nio.file.Path;

/**
 * The log store's tests again with an index in which every name has the same fingerprint and one decoded
 * state is cached: every lookup must tell the rows of a fingerprint apart by their records.
 */
class LogMessageStoreCollidingTest extends LogMessageStoreTest {
    @Override
    MessageStore open(Path root) {
        return new LogMessageStore(root, FILE_SIZE, 0, name -> 42L, 1);
    }
}
