package org.mmsgw.processors.store;

import static org.mmsgw.processors.store.StoreNames.isName;
import static org.mmsgw.processors.store.StoreNames.requireName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * A {@link MessageStore} in a local directory, for one gateway node.
 *
 * <h2>Layout</h2>
 * <pre>
 * messages/&lt;message id&gt;/content.mms       the content as saved
 * messages/&lt;message id&gt;/state.properties  the {@link StoredMessage}; its presence makes the message visible
 * messages/&lt;message id&gt;/segments.list     SMSC message ids recorded for the message, one a line
 * tokens/&lt;token&gt;                          the message id the retrieval token belongs to (ASCII)
 * segments/&lt;SMSC message id&gt;              the message id, a line feed, the recipient's address (UTF-8),
 *                                          and once a receipt came, a line feed and its status; a
 *                                          stray segment's third line is "~" and its status, if any
 * </pre>
 *
 * <h2>{@code state.properties}</h2>
 * {@link java.util.Properties} syntax, pure ASCII, keys in this order; times are ISO-8601 instants:
 * <pre>
 * format=1
 * messageId=&lt;id&gt;
 * sender=&lt;address&gt;
 * submitted=2030-01-01T10:00:00Z
 * expiry=2030-01-08T10:00:00Z
 * deliveryReport=true|false
 * readReport=true|false
 * hideSender=true|false
 * size=&lt;octets&gt;
 * recipients=&lt;n&gt;
 * recipient.&lt;i&gt;.address=&lt;address&gt;          for i = 0 .. n-1, in submission order
 * recipient.&lt;i&gt;.token=&lt;token, empty for e-mail&gt;
 * recipient.&lt;i&gt;.state=&lt;RecipientState name&gt;
 * </pre>
 *
 * <h2>Durability</h2>
 * Every file is written to a temporary file in its directory, forced, renamed over its name and the
 * directory forced, so each file is whole or absent. {@link #save} writes the content, then the token
 * files, then the state last: the state is the commit record. A crash before it leaves a message that
 * {@link #find}, {@link #content} and {@link #messageIdForToken} do not see and that the next save of
 * the same id completes. {@link #delete} removes token and segment files first and the state before the
 * rest, so an interrupted delete is either visible and repeatable or already invisible.
 *
 * <h2>Names</h2>
 * Message ids, tokens and SMSC message ids become file names, so only {@code [A-Za-z0-9_-]{1,128}} is
 * accepted: writes refuse anything else with {@link IllegalArgumentException}; lookups ({@code find},
 * {@code content}, {@code messageIdForToken}, {@code findSegment}), whose keys come from URLs and SMSCs,
 * answer empty.
 *
 * <p>I/O failures and unreadable state files throw {@link UncheckedIOException}. Per-message locks and
 * the expiry index live in memory: use one instance per directory.
 */
public final class FileMessageStore implements MessageStore {

    private static final String CONTENT = "content.mms";
    private static final String STATE = "state.properties";
    private static final String SEGMENT_LIST = "segments.list";
    private static final int LOCK_STRIPES = 64;

    private final Path messages;
    private final Path tokens;
    private final Path segments;
    private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];
    /** Expiry of every visible message, so that {@link #expiredBefore} reads no file. */
    private final ConcurrentMap<String, Instant> expiries = new ConcurrentHashMap<>();

    /** Opens the store in {@code directory}, creating the directory tree if needed. */
    public FileMessageStore(Path directory) {
        Objects.requireNonNull(directory, "directory");
        this.messages = directory.resolve("messages");
        this.tokens = directory.resolve("tokens");
        this.segments = directory.resolve("segments");
        Arrays.setAll(locks, i -> new ReentrantLock());
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory);
                Path parent = directory.toAbsolutePath().getParent();
                if (parent != null) {
                    AtomicFiles.forceDirectory(parent);
                }
            }
            AtomicFiles.createDirectory(messages);
            AtomicFiles.createDirectory(tokens);
            AtomicFiles.createDirectory(segments);
            loadExpiries();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the message store in " + directory, e);
        }
    }

    @Override
    public boolean save(StoredMessage message, byte[] content) {
        Objects.requireNonNull(content, "content");
        String id = requireName(message.messageId(), "message id");
        Set<String> messageTokens = new LinkedHashSet<>();
        for (Recipient recipient : message.recipients()) {
            if (!recipient.token().isEmpty()) {
                messageTokens.add(requireName(recipient.token(), "token"));
            }
        }
        ReentrantLock lock = lockFor(id);
        lock.lock();
        try {
            Path dir = messages.resolve(id);
            if (Files.exists(dir.resolve(STATE))) {
                return false;
            }
            for (String token : messageTokens) {
                requireTokenFree(token, id);
            }
            AtomicFiles.createDirectory(dir);
            AtomicFiles.write(dir.resolve(CONTENT), content);
            byte[] idBytes = id.getBytes(StandardCharsets.US_ASCII);
            for (String token : messageTokens) {
                AtomicFiles.write(tokens.resolve(token), idBytes);
            }
            AtomicFiles.write(dir.resolve(STATE), StoredMessageProperties.encode(message));
            expiries.put(id, message.expiry());
            return true;
        } catch (IOException e) {
            throw failure("save", id, e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<StoredMessage> find(String messageId) {
        if (!isName(messageId)) {
            return Optional.empty();
        }
        try {
            return readState(messageId);
        } catch (IOException e) {
            throw failure("read", messageId, e);
        }
    }

    @Override
    public Optional<byte[]> content(String messageId) {
        if (!isName(messageId)) {
            return Optional.empty();
        }
        Path dir = messages.resolve(messageId);
        try {
            if (!Files.exists(dir.resolve(STATE))) {
                return Optional.empty();
            }
            return AtomicFiles.read(dir.resolve(CONTENT));
        } catch (IOException e) {
            throw failure("read the content of", messageId, e);
        }
    }

    @Override
    public Optional<String> messageIdForToken(String token) {
        if (!isName(token)) {
            return Optional.empty();
        }
        try {
            Optional<byte[]> data = AtomicFiles.read(tokens.resolve(token));
            if (data.isEmpty()) {
                return Optional.empty();
            }
            String id = new String(data.get(), StandardCharsets.US_ASCII);
            // A token of a message whose save did not finish leads nowhere.
            if (!isName(id) || !Files.exists(messages.resolve(id).resolve(STATE))) {
                return Optional.empty();
            }
            return Optional.of(id);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read token " + token, e);
        }
    }

    @Override
    public Optional<StoredMessage> updateRecipient(String messageId, String address, RecipientState state) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(state, "state");
        String id = requireName(messageId, "message id");
        ReentrantLock lock = lockFor(id);
        lock.lock();
        try {
            Optional<StoredMessage> found = readState(id);
            if (found.isEmpty()) {
                return found;
            }
            Optional<StoredMessage> updated = found.get().moved(address, state);
            if (updated.isEmpty()) {
                return found;
            }
            AtomicFiles.write(messages.resolve(id).resolve(STATE), StoredMessageProperties.encode(updated.get()));
            return updated;
        } catch (IOException e) {
            throw failure("update", id, e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Does nothing when the message is gone (it expired while the segment was sent) or has no such
     * recipient: a receipt for the segment then finds nothing, as it would after {@link #delete}. An SMSC
     * message id recorded again for another message now belongs to that message.
     */
    @Override
    public void recordSegment(String messageId, String address, String smscMessageId) {
        recordSegment(messageId, address, smscMessageId, false);
    }

    @Override
    public void recordStraySegment(String messageId, String address, String smscMessageId) {
        recordSegment(messageId, address, smscMessageId, true);
    }

    private void recordSegment(String messageId, String address, String smscMessageId, boolean stray) {
        Objects.requireNonNull(address, "address");
        StoreNames.requireSegmentAddress(address);
        String id = requireName(messageId, "message id");
        String smscId = requireName(smscMessageId, "SMSC message id");
        ReentrantLock lock = lockFor(id);
        lock.lock();
        try {
            Optional<StoredMessage> found = readState(id);
            if (found.isEmpty() || found.get().recipient(address).isEmpty()) {
                return;
            }
            Optional<SegmentRef> existing = readSegment(smscId);
            if (existing.isPresent() && existing.get().messageId().equals(id)
                    && existing.get().address().equals(address)) {
                return; // recorded already: stays as it is, stray or not, with its receipt
            }
            Path file = segments.resolve(smscId);
            byte[] record = segmentFile(new SegmentRef(id, address, "", stray));
            // The list first, so that delete knows every segment file that may exist.
            AtomicFiles.append(messages.resolve(id).resolve(SEGMENT_LIST),
                    (smscId + "\n").getBytes(StandardCharsets.US_ASCII));
            AtomicFiles.write(file, record);
        } catch (IOException e) {
            throw failure("record segment " + smscId + " of", id, e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<SegmentRef> findSegment(String smscMessageId) {
        if (!isName(smscMessageId)) {
            return Optional.empty();
        }
        try {
            return readSegment(smscMessageId);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read segment " + smscMessageId, e);
        }
    }

    @Override
    public Optional<SegmentRef> recordReceipt(String smscMessageId, String status) {
        if (!isName(smscMessageId)) {
            return Optional.empty();
        }
        StoreNames.requireReceipt(status);
        try {
            Optional<SegmentRef> found = readSegment(smscMessageId);
            if (found.isEmpty()) {
                return found;
            }
            ReentrantLock lock = lockFor(found.get().messageId());
            lock.lock();
            try {
                // read again under the message's lock: a delete or a new record may have come between
                Optional<SegmentRef> now = readSegment(smscMessageId);
                if (now.isEmpty() || now.get().receipt().equals(status)) {
                    return now;
                }
                SegmentRef updated = now.get().withReceipt(status);
                AtomicFiles.write(segments.resolve(smscMessageId), segmentFile(updated));
                return Optional.of(updated);
            } finally {
                lock.unlock();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the receipt of segment " + smscMessageId, e);
        }
    }

    @Override
    public List<SegmentRef> segments(String messageId, String address) {
        if (!isName(messageId)) {
            return List.of();
        }
        try {
            List<SegmentRef> out = new java.util.ArrayList<>();
            for (String smscId : segmentList(messages.resolve(messageId))) {
                readSegment(smscId).filter(r -> r.messageId().equals(messageId) && r.address().equals(address))
                        .ifPresent(out::add);
            }
            return out;
        } catch (IOException e) {
            throw failure("read the segments of", messageId, e);
        }
    }

    /** A segment file's octets: message id, address, and the receipt (with a stray mark) when there is one. */
    private static byte[] segmentFile(SegmentRef segment) {
        String receipt = segment.receiptField();
        return (segment.messageId() + "\n" + segment.address() + (receipt.isEmpty() ? "" : "\n" + receipt))
                .getBytes(StandardCharsets.UTF_8);
    }

    private Optional<SegmentRef> readSegment(String smscId) throws IOException {
        Path file = segments.resolve(smscId);
        Optional<byte[]> data = AtomicFiles.read(file);
        if (data.isEmpty()) {
            return Optional.empty();
        }
        String[] lines = new String(data.get(), StandardCharsets.UTF_8).split("\n", -1);
        if (lines.length < 2 || lines.length > 3) {
            throw new IOException(file + ": expected message id, line feed, address and maybe a receipt; found "
                    + lines.length + " lines");
        }
        return Optional.of(SegmentRef.read(lines[0], lines[1], lines.length == 3 ? lines[2] : ""));
    }

    /** {@inheritDoc} Earliest expiry first. */
    @Override
    public List<String> expiredBefore(Instant now) {
        Objects.requireNonNull(now, "now");
        return expiries.entrySet().stream()
                .filter(e -> e.getValue().isBefore(now))
                .sorted(Map.Entry.<String, Instant>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey)
                .toList();
    }

    /** {@inheritDoc} Also removes what an interrupted save or delete left; a message that is not there is fine. */
    @Override
    public void removeContent(String messageId) {
        String id = requireName(messageId, "message id");
        ReentrantLock lock = lockFor(id);
        lock.lock();
        try {
            Path content = messages.resolve(id).resolve(CONTENT);
            if (Files.exists(content)) {
                AtomicFiles.delete(content);
            }
        } catch (IOException e) {
            throw failure("remove the content of", id, e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void delete(String messageId) {
        String id = requireName(messageId, "message id");
        ReentrantLock lock = lockFor(id);
        lock.lock();
        try {
            Path dir = messages.resolve(id);
            if (!Files.isDirectory(dir)) {
                expiries.remove(id);
                return;
            }
            Optional<StoredMessage> message = readState(id);
            if (message.isPresent()) {
                for (Recipient recipient : message.get().recipients()) {
                    if (isName(recipient.token())) {
                        deleteIfOwned(tokens.resolve(recipient.token()), id::equals);
                    }
                }
                AtomicFiles.forceDirectory(tokens);
            }
            for (String smscId : segmentList(dir)) {
                deleteIfOwned(segments.resolve(smscId), text -> text.startsWith(id + "\n"));
            }
            AtomicFiles.forceDirectory(segments);
            // From here on the message is invisible; what follows only frees space.
            AtomicFiles.delete(dir.resolve(STATE));
            expiries.remove(id);
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path file : files) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
            AtomicFiles.forceDirectory(messages);
        } catch (IOException e) {
            throw failure("delete", id, e);
        } finally {
            lock.unlock();
        }
    }

    private void loadExpiries() throws IOException {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(messages)) {
            for (Path dir : dirs) {
                String id = dir.getFileName().toString();
                if (isName(id)) {
                    readState(id).ifPresent(message -> expiries.put(id, message.expiry()));
                }
            }
        }
    }

    private Optional<StoredMessage> readState(String id) throws IOException {
        Path file = messages.resolve(id).resolve(STATE);
        Optional<byte[]> data = AtomicFiles.read(file);
        if (data.isEmpty()) {
            return Optional.empty();
        }
        StoredMessage message = StoredMessageProperties.decode(data.get(), file.toString());
        if (!message.messageId().equals(id)) {
            throw new IOException(file + ": messageId must be " + id + ", found '" + message.messageId() + "'");
        }
        return Optional.of(message);
    }

    /** Refuses a token that already leads to another saved message. */
    private void requireTokenFree(String token, String id) throws IOException {
        Optional<byte[]> owner = AtomicFiles.read(tokens.resolve(token));
        if (owner.isPresent()) {
            String ownerId = new String(owner.get(), StandardCharsets.US_ASCII);
            if (!ownerId.equals(id) && isName(ownerId) && Files.exists(messages.resolve(ownerId).resolve(STATE))) {
                throw new IllegalStateException("token " + token + " of message " + id
                        + " already belongs to message " + ownerId);
            }
        }
    }

    /** The SMSC message ids in the message's list; a line torn by a crash is skipped by the caller's check. */
    private static Set<String> segmentList(Path dir) throws IOException {
        Set<String> ids = new LinkedHashSet<>();
        Optional<byte[]> data = AtomicFiles.read(dir.resolve(SEGMENT_LIST));
        if (data.isPresent()) {
            for (String line : new String(data.get(), StandardCharsets.US_ASCII).split("\n")) {
                if (isName(line)) {
                    ids.add(line);
                }
            }
        }
        return ids;
    }

    /** Deletes a token or segment file only while it still names this message (ids can be reused). */
    private static void deleteIfOwned(Path file, Predicate<String> owned) throws IOException {
        Optional<byte[]> data = AtomicFiles.read(file);
        if (data.isPresent() && owned.test(new String(data.get(), StandardCharsets.UTF_8))) {
            Files.deleteIfExists(file);
        }
    }

    private ReentrantLock lockFor(String id) {
        return locks[Math.floorMod(id.hashCode(), LOCK_STRIPES)];
    }



    private static UncheckedIOException failure(String action, String id, IOException e) {
        return new UncheckedIOException("cannot " + action + " message " + id + ": " + e.getMessage(), e);
    }
}
