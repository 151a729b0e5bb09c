package org.mmsgw.processors.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.SharedByteArrayInputStream;

/**
 * Reads one received mail into an {@link InboundMail} within the {@link InboundLimits} (bad-inputs
 * E-2, E-3): the size is checked before the content is fetched and again while it is read, then
 * nesting depth, part count and header count while the structure is walked. A mail past a limit, or
 * one that cannot be parsed, is refused with {@link MailRefusedException}; a failure of the mail
 * server connection propagates as the {@link MessagingException} it is. Media are never decoded (P-12):
 * only their transfer encoding is undone.
 */
public final class MailReader {
    private static final Pattern MESSAGE_ID = Pattern.compile("<([^<>\\s\\p{Cntrl}]{1,250})>");
    private static final int MAX_REFERENCES = 50;
    private static final Pattern KEYWORD = Pattern.compile("^[a-z0-9-]*");
    /** Lines starting with "--" allowed per permitted part before the structure is parsed at all. */
    private static final int BOUNDARY_LINES_PER_PART = 20;
    private static final String[] RECIPIENT_HEADERS = {"To", "Cc", "Delivered-To", "X-Original-To"};

    private final InboundLimits limits;
    private final Predicate<String> mediaAllowed;
    private final Session session;

    /** @param mediaAllowed which media types (lower case) become MMS parts; the others are dropped */
    public MailReader(InboundLimits limits, Predicate<String> mediaAllowed) {
        this.limits = limits;
        this.mediaAllowed = mediaAllowed;
        Properties props = new Properties();
        // read what arrives as it is: a missing end boundary ends the last part (E-2)
        props.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
        props.setProperty("mail.mime.base64.ignoreerrors", "false");
        this.session = Session.getInstance(props);
    }

    /**
     * Fetches and reads a mail from the mailbox. Only the raw octets are fetched: what the server makes
     * of the mail (its IMAP envelope) is not trusted, and a mail the server cannot hand over while the
     * connection stands is refused rather than tried for ever.
     *
     * @throws MailRefusedException for a mail past a limit or unreadable, with the address a bounce may go to
     * @throws MessagingException   when the connection to the mail server fails
     */
    public InboundMail read(Message message) throws MessagingException {
        int declared;
        try {
            declared = message.getSize();
        } catch (MessagingException e) {
            rethrowIfConnection(e);
            declared = -1;
        }
        if (declared > limits.maxSize()) {
            throw new MailRefusedException("the mail is " + declared + " octets, more than the " + limits.maxSize()
                    + " this gateway takes", bounceAddress(message));
        }
        BoundedBuffer raw = new BoundedBuffer(limits.maxSize());
        try {
            message.writeTo(raw);
        } catch (TooLarge e) {
            throw new MailRefusedException("the mail is more than the " + limits.maxSize()
                    + " octets this gateway takes", bounceAddress(message));
        } catch (IOException e) {
            throw new MessagingException("could not fetch the mail: " + e.getMessage(), e);
        } catch (MessagingException e) {
            rethrowIfConnection(e);
            throw new MailRefusedException("the mail server cannot hand this mail over: " + e.getMessage(), null, e);
        }
        return read(raw.toByteArray());
    }

    /** A lost connection is the server's fault, not the mail's: it propagates, and the mail stays. */
    private static void rethrowIfConnection(MessagingException e) throws MessagingException {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof jakarta.mail.FolderClosedException || t instanceof jakarta.mail.StoreClosedException
                    || t instanceof java.net.SocketException || t instanceof java.net.SocketTimeoutException
                    || t.getClass().getSimpleName().equals("MailConnectException")) {
                throw e;
            }
        }
    }

    /** Reads a mail from its octets (RFC 5322 as received). */
    public InboundMail read(byte[] raw) {
        if (raw.length > limits.maxSize()) {
            throw new MailRefusedException("the mail is " + raw.length + " octets, more than the "
                    + limits.maxSize() + " this gateway takes", null);
        }
        MimeMessage mime;
        if (boundaryLines(raw) > BOUNDARY_LINES_PER_PART * (long) limits.maxParts()) {
            // Jakarta Mail parses every part of a multipart at once: refuse a part bomb before that
            throw new MailRefusedException("the mail has more than " + limits.maxParts() + " parts", null);
        }
        try {
            mime = new MimeMessage(session, new SharedByteArrayInputStream(raw));
        } catch (MessagingException e) {
            throw new MailRefusedException("the mail cannot be read: " + e.getMessage(), null, e);
        }
        String bounceTo = bounceAddress(mime);
        Walk walk = new Walk(bounceTo);
        walk.countHeaders(mime);
        String from = sender(mime).orElseThrow(() -> new MailRefusedException(
                "the mail has no usable From address", null));
        try {
            walk.part(mime, 0);
            String messageId = firstId(header(mime, "Message-ID")).orElseGet(() -> "sha256:" + sha256(raw));
            List<String> references = new ArrayList<>();
            for (String name : new String[] {"In-Reply-To", "References"}) {
                Matcher m = MESSAGE_ID.matcher(header(mime, name));
                while (m.find() && references.size() < MAX_REFERENCES) {
                    references.add(m.group(1));
                }
            }
            String subject = Optional.ofNullable(mime.getSubject()).map(HeaderText::plain).orElse("");
            return new InboundMail(from, recipients(mime), messageId, references, subject, bounceTo == null,
                    walk.texts, walk.media, Optional.ofNullable(walk.smil), walk.dropped);
        } catch (MessagingException | IOException | RuntimeException e) {
            if (e instanceof MailRefusedException r) {
                throw r.bounceTo().isPresent() || bounceTo == null ? r
                        : new MailRefusedException(r.getMessage(), bounceTo, r);
            }
            throw new MailRefusedException("the mail cannot be read: " + e.getMessage(), bounceTo, e);
        }
    }

    /** The structure walk, with its counts. */
    private final class Walk {
        private final String bounceTo;
        private final List<String> texts = new ArrayList<>();
        private final List<InboundMail.Media> media = new ArrayList<>();
        private final List<String> dropped = new ArrayList<>();
        private final Set<String> names = new LinkedHashSet<>();
        private byte[] smil;
        private int parts;
        private int headers;

        Walk(String bounceTo) {
            this.bounceTo = bounceTo;
        }

        void countHeaders(Part p) throws MailRefusedException {
            try {
                headers += Collections.list(p.getAllHeaders()).size();
            } catch (MessagingException e) {
                throw new MailRefusedException("the mail's headers cannot be read", bounceTo, e);
            }
            if (headers > limits.maxHeaders()) {
                throw new MailRefusedException("the mail has more than " + limits.maxHeaders() + " header lines",
                        bounceTo);
            }
        }

        void part(Part p, int depth) throws MessagingException, IOException {
            if (depth > limits.maxDepth()) {
                throw new MailRefusedException("the mail nests parts more than " + limits.maxDepth() + " deep",
                        bounceTo);
            }
            if (++parts > limits.maxParts()) {
                throw new MailRefusedException("the mail has more than " + limits.maxParts() + " parts", bounceTo);
            }
            String type = mediaType(p);
            if (type.startsWith("multipart/")) {
                Multipart multipart = (Multipart) p.getContent();
                int count = multipart.getCount();
                if (type.equals("multipart/alternative")) {
                    Optional<BodyPart> best = preferred(multipart, count);
                    if (best.isPresent()) {
                        countHeaders(best.get());
                        part(best.get(), depth + 1);
                    }
                    return;
                }
                for (int i = 0; i < count && parts < limits.maxParts() + 1; i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    countHeaders(child);
                    part(child, depth + 1);
                }
            } else if (type.equals("message/rfc822") && p.getContent() instanceof MimeMessage inner) {
                countHeaders(inner);
                part(inner, depth + 1);
            } else {
                leaf(p, type);
            }
        }

        private void leaf(Part p, String type) throws MessagingException, IOException {
            boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(p.getDisposition());
            if (type.equals("text/plain") && !attachment) {
                texts.add(decode(p));
            } else if (type.equals("text/html") && !attachment) {
                texts.add(HtmlText.toText(decode(p)));
            } else if (type.equals(MailComposer.SMIL_TYPE) && smil == null) {
                smil = bytes(p);
            } else if (mediaAllowed.test(type)) {
                media.add(new InboundMail.Media(type, uniqueName(p, type), bytes(p), contentId(p)));
            } else {
                dropped.add(fileName(p).orElse("a part") + " (" + type + ")");
            }
        }

        private String uniqueName(Part p, String type) throws MessagingException {
            String name = fileName(p).orElse(AttachmentNames.fallback(media.size() + 1, type));
            String unique = name;
            for (int n = 2; !names.add(unique.toLowerCase(Locale.ROOT)); n++) {
                int dot = name.lastIndexOf('.');
                unique = dot > 0 ? name.substring(0, dot) + "-" + n + name.substring(dot) : name + "-" + n;
            }
            return unique;
        }
    }

    /** In a multipart/alternative: text/plain, else text/html, else the first part. */
    private static Optional<BodyPart> preferred(Multipart alternative, int count) throws MessagingException {
        BodyPart html = null;
        BodyPart first = null;
        for (int i = 0; i < count; i++) {
            BodyPart child = alternative.getBodyPart(i);
            String type = mediaType(child);
            if (type.equals("text/plain")) {
                return Optional.of(child);
            }
            if (type.equals("text/html") && html == null) {
                html = child;
            }
            if (first == null) {
                first = child;
            }
        }
        return Optional.ofNullable(html != null ? html : first);
    }

    private static String mediaType(Part p) throws MessagingException {
        String header = p.getContentType();
        if (header == null) {
            return "text/plain";
        }
        try {
            return new ContentType(header).getBaseType().toLowerCase(Locale.ROOT);
        } catch (jakarta.mail.internet.ParseException e) {
            return "application/octet-stream";
        }
    }

    /** The text of a text part in its declared charset; an unknown or missing charset reads as UTF-8. */
    private static String decode(Part p) throws MessagingException, IOException {
        Charset charset = StandardCharsets.UTF_8;
        try {
            String label = new ContentType(p.getContentType()).getParameter("charset");
            if (label != null) {
                charset = Charset.forName(MimeUtility.javaCharset(label.trim()));
            }
        } catch (RuntimeException | jakarta.mail.internet.ParseException e) {
            // unknown or malformed charset label: UTF-8, with replacement characters where it does not fit
        }
        String text = new String(bytes(p), charset);
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static byte[] bytes(Part p) throws MessagingException, IOException {
        try (InputStream in = p.getInputStream()) {
            return in.readAllBytes();
        }
    }

    private static Optional<String> fileName(Part p) {
        try {
            String raw = p.getFileName();
            if (raw == null) {
                return Optional.empty();
            }
            return AttachmentNames.sanitise(MimeUtility.decodeText(raw));
        } catch (MessagingException | java.io.UnsupportedEncodingException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String contentId(Part p) throws MessagingException {
        String[] ids = p.getHeader("Content-ID");
        if (ids == null) {
            return "";
        }
        Matcher m = MESSAGE_ID.matcher(ids[0]);
        return m.find() && m.group(1).chars().allMatch(c -> c > 0x20 && c < 0x7F) ? m.group(1) : "";
    }

    private static Optional<String> sender(Message mail) {
        try {
            jakarta.mail.Address[] from = mail.getFrom();
            if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress a) || a.getAddress() == null) {
                return Optional.empty();
            }
            return Optional.of(MailAddresses.recipient(a.getAddress()).getAddress().toLowerCase(Locale.ROOT));
        } catch (MessagingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Where a bounce may go: the From address, unless the mail says a machine sent it (Auto-Submitted
     * other than no, Precedence bulk/junk/list, an empty return path; RFC 3834 §2), so no bounce answers a
     * bounce. Null when no bounce may go.
     */
    private static String bounceAddress(Message mail) {
        try {
            String auto = header(mail, "Auto-Submitted").trim().toLowerCase(Locale.ROOT);
            String precedence = header(mail, "Precedence").trim().toLowerCase(Locale.ROOT);
            String returnPath = header(mail, "Return-Path").trim();
            // the keyword before any parameter or comment (RFC 3834 §5)
            Matcher keyword = KEYWORD.matcher(auto);
            String autoKeyword = keyword.find() ? keyword.group() : "";
            if ((!autoKeyword.isEmpty() && !autoKeyword.equals("no")) || Set.of("bulk", "junk", "list").contains(precedence)
                    || returnPath.equals("<>")) {
                return null;
            }
        } catch (MessagingException e) {
            return null;
        }
        return sender(mail).orElse(null);
    }

    private static List<String> recipients(MimeMessage mime) throws MessagingException {
        Set<String> out = new LinkedHashSet<>();
        for (String name : RECIPIENT_HEADERS) {
            String[] values = mime.getHeader(name);
            if (values == null) {
                continue;
            }
            for (String value : values) {
                InternetAddress[] parsed;
                try {
                    parsed = InternetAddress.parseHeader(value, false);
                } catch (jakarta.mail.internet.AddressException e) {
                    continue;
                }
                for (InternetAddress a : parsed) {
                    try {
                        out.add(MailAddresses.recipient(a.getAddress()).getAddress());
                    } catch (IllegalArgumentException e) {
                        // not a plain mailbox: it can name no phone of ours
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    private static String header(Message mail, String name) throws MessagingException {
        String[] values = mail.getHeader(name);
        return values == null || values.length == 0 ? "" : String.join(" ", values);
    }

    private static Optional<String> firstId(String header) {
        Matcher m = MESSAGE_ID.matcher(header);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Lines starting with {@code --}: every part costs one, text rarely has many. */
    private static long boundaryLines(byte[] raw) {
        long count = 0;
        for (int i = 0; i + 2 < raw.length; i++) {
            if (raw[i] == '\n' && raw[i + 1] == '-' && raw[i + 2] == '-') {
                count++;
            }
        }
        return count;
    }

    /** Collects at most {@code max} octets and stops the writer with {@link TooLarge} past them. */
    private static final class BoundedBuffer extends OutputStream {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final int max;

        BoundedBuffer(int max) {
            this.max = max;
        }

        @Override
        public void write(int b) throws IOException {
            check(1);
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            check(len);
            out.write(b, off, len);
        }

        private void check(int more) throws TooLarge {
            if ((long) out.size() + more > max) {
                throw new TooLarge();
            }
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }

    private static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;
    }
}
