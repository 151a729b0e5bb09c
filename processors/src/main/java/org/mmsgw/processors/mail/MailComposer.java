package org.mmsgw.processors.mail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.ParameterList;
import jakarta.mail.util.ByteArrayDataSource;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.codec.multipart.Body;
import org.mmsgw.codec.multipart.Part;
import org.mmsgw.codec.wsp.Charsets;
import org.mmsgw.codec.wsp.EncodedString;
import org.mmsgw.codec.wsp.HeaderValue;
import org.mmsgw.processors.mm1.Msisdn;
import org.mmsgw.processors.store.StoredMessage;

/**
 * Turns a stored MMS into the e-mail for one recipient (OMA-MMS-CTR MM3, towards external mail
 * servers; RFC 5322 header, RFC 2045/2046 multipart/mixed body).
 *
 * <p>Nothing the phone wrote reaches a header unchecked (bad-inputs E-7): the sender and reply
 * addresses are built from our own number, token and domain; the subject is stripped of control
 * characters and written as RFC 2047 encoded-words; attachment names lose paths and control
 * characters. Every part travels in base64, so the receiver gets the phone's octets unchanged (text
 * with its charset, media as sent). Media are never decoded (P-12).
 */
public final class MailComposer {
    /** The local part of the From address of a sender who asked to stay hidden. */
    public static final String ANONYMOUS = "anonymous";
    public static final String SMIL_TYPE = "application/smil";
    public static final String SMIL_NAME = "presentation.smil";
    /** The gateway's own message id, for operators following a message through logs. */
    public static final String MESSAGE_ID_HEADER = "X-Mms-Message-Id";

    private static final Pattern DOMAIN =
            Pattern.compile("(?=.{1,253}\\z)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    /** Our ids and tokens ({@code Ids.random()}: URL-safe base64); anything else is not ours. */
    private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final Pattern MEDIA_TYPE =
            Pattern.compile("[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}");
    private static final String OCTET_STREAM = "application/octet-stream";

    private final String mmsDomain;
    private final boolean keepSmil;

    /**
     * @param mmsDomain the gateway's mail domain, used in From, Reply-To and Message-ID
     * @param keepSmil  attach the SMIL presentation as {@value #SMIL_NAME}; else drop it
     */
    public MailComposer(String mmsDomain, boolean keepSmil) {
        Objects.requireNonNull(mmsDomain, "mmsDomain");
        String domain = mmsDomain.toLowerCase(Locale.ROOT);
        if (!DOMAIN.matcher(domain).matches()) {
            throw new IllegalArgumentException("mmsDomain is not a domain name: " + HeaderText.visible(mmsDomain));
        }
        this.mmsDomain = domain;
        this.keepSmil = keepSmil;
    }

    /**
     * The mail for {@code recipient}, headers and body complete, after {@code saveChanges()}.
     *
     * @param message    what the store keeps about the MMS (id, sender, submission time, sender visibility)
     * @param content    the stored m-send-req
     * @param recipient  one e-mail address: a plain ASCII mailbox; a display name is dropped
     * @param replyToken the recipient's unguessable token, carried in Reply-To
     * @throws IllegalArgumentException when the recipient is not a safe e-mail address, the sender not a
     *                                  phone number, the id or token not ours, or the MMS has no body
     */
    public MimeMessage compose(StoredMessage message, MmsPdu content, String recipient, String replyToken,
            Session session) throws MessagingException {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(session, "session");
        InternetAddress to = MailAddresses.recipient(recipient);
        if (!MESSAGE_ID.matcher(message.messageId()).matches()) {
            throw new IllegalArgumentException("message id has characters not allowed in a Message-ID: "
                    + HeaderText.visible(message.messageId()));
        }
        if (replyToken == null || !TOKEN.matcher(replyToken).matches()) {
            throw new IllegalArgumentException("reply token must be 1..128 of [A-Za-z0-9_-]");
        }
        if (!content.hasBody()) {
            throw new IllegalArgumentException("MMS " + message.messageId() + " has no body");
        }

        MimeMessage mail = new OwnIdMessage(session,
                "<" + message.messageId() + "." + digest(to.getAddress().toLowerCase(Locale.ROOT)) + "@" + mmsDomain + ">");
        mail.setFrom(address(senderLocalPart(message)));
        mail.setReplyTo(new InternetAddress[] {address("reply+" + replyToken)});
        mail.setRecipient(jakarta.mail.Message.RecipientType.TO, to);
        Optional<String> subject = subject(content);
        if (subject.isPresent()) {
            mail.setHeader("Subject", subject.get());
        }
        mail.setSentDate(Date.from(message.submitted()));
        mail.setHeader(MESSAGE_ID_HEADER, message.messageId());
        mail.setContent(body(content));
        mail.saveChanges();
        return mail;
    }

    private static String senderLocalPart(StoredMessage message) {
        if (message.hideSender()) {
            return ANONYMOUS;
        }
        return Msisdn.normalise(message.sender()).orElseThrow(() -> new IllegalArgumentException(
                "sender is not a phone number: " + HeaderText.visible(message.sender())));
    }

    private InternetAddress address(String localPart) throws AddressException {
        return new InternetAddress(localPart + "@" + mmsDomain, true);
    }

    /** The encoded Subject value, empty when the MMS has none or its charset is unknown to Java. */
    private static Optional<String> subject(MmsPdu content) {
        Optional<HeaderValue> value = content.first(MmsField.SUBJECT);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        EncodedString text;
        if (value.get() instanceof HeaderValue.Encoded e) {
            text = e.string();
        } else if (value.get() instanceof HeaderValue.Text t) {
            text = EncodedString.of(t.text());
        } else {
            return Optional.empty();
        }
        // a charset we cannot read gives no subject rather than a wrong one
        return text.decoded().map(s -> HeaderText.subject(s, text.hasCharset()
                ? Charsets.forMib(text.charset()).orElse(StandardCharsets.UTF_8)
                : StandardCharsets.UTF_8)).filter(s -> !s.isEmpty());
    }

    private MimeMultipart body(MmsPdu content) throws MessagingException {
        List<Part> parts = new ArrayList<>();
        flatten(new Part(content.contentType(), List.of(), content.body()), parts);
        List<MimeBodyPart> texts = new ArrayList<>();
        List<MimeBodyPart> attachments = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            Part p = parts.get(i);
            byte[] data = p.data().orElseThrow().toByteArray();
            String type = mediaType(p.contentType().mediaType());
            Optional<String> charset = charsetLabel(p, data);
            if (type.equals("text/plain") && charset.isPresent()) {
                texts.add(part(data, type, charset.get(), "inline", null));
            } else if (type.equals(SMIL_TYPE)) {
                if (keepSmil) {
                    attachments.add(part(data, type, charset.orElse(null), "attachment", SMIL_NAME));
                }
            } else {
                String name = AttachmentNames.sanitise(p.contentType().parameterText("name")
                        .or(p::contentLocation).orElse("")).orElse(AttachmentNames.fallback(i + 1, type));
                // a text of unknown charset must not be labelled with a wrong one: plain octets then
                String attachmentType = type.startsWith("text/") && charset.isEmpty() ? OCTET_STREAM : type;
                attachments.add(part(data, attachmentType, charset.orElse(null), "attachment", name));
            }
        }
        MimeMultipart mixed = new MimeMultipart("mixed");
        for (MimeBodyPart b : texts) {
            mixed.addBodyPart(b);
        }
        for (MimeBodyPart b : attachments) {
            mixed.addBodyPart(b);
        }
        if (mixed.getCount() == 0) {
            // only a dropped SMIL: a multipart needs a part (RFC 2046 §5.1.1)
            mixed.addBodyPart(part(new byte[0], "text/plain", "us-ascii", "inline", null));
        }
        return mixed;
    }

    /** Depth first, in wire order; the codec has already bounded the depth and the number of parts. */
    private static void flatten(Part part, List<Part> out) {
        if (part.body() instanceof Body.Multipart m) {
            for (Part child : m.parts()) {
                flatten(child, out);
            }
        } else {
            out.add(part);
        }
    }

    /** The media type in lower case when it is a valid RFC 6838 name, else application/octet-stream. */
    private static String mediaType(String wire) {
        return MEDIA_TYPE.matcher(wire).matches() ? wire.toLowerCase(Locale.ROOT) : OCTET_STREAM;
    }

    /**
     * The charset label for a text part: its IANA name; for none or us-ascii (which the codec reads
     * as UTF-8, as phones mean it) us-ascii when every octet is ASCII, else utf-8. Empty for a charset
     * without an IANA name (an unknown MIBenum) and for non-text parts.
     */
    private static Optional<String> charsetLabel(Part p, byte[] data) {
        if (!p.contentType().isText() && !p.contentType().is(SMIL_TYPE)) {
            return Optional.empty();
        }
        long mib = p.contentType().charset().orElse((long) Charsets.US_ASCII);
        if (mib == Charsets.US_ASCII) {
            for (byte b : data) {
                if (b < 0) {
                    return Optional.of("utf-8");
                }
            }
            return Optional.of("us-ascii");
        }
        String name = Charsets.name(mib);
        return name.startsWith("mib-") || name.equals("*") ? Optional.empty() : Optional.of(name);
    }

    /** One base64 body part: octets unchanged, whatever their line ends or charset. */
    private static MimeBodyPart part(byte[] data, String type, String charset, String disposition,
            String fileName) throws MessagingException {
        ParameterList typeParams = new ParameterList();
        ParameterList dispositionParams = new ParameterList();
        if (charset != null) {
            typeParams.set("charset", charset);
        }
        if (fileName != null) {
            // RFC 2231 in UTF-8 for a non-ASCII name, whatever the platform charset
            typeParams.set("name", fileName, "utf-8");
            dispositionParams.set("filename", fileName, "utf-8");
        }
        int slash = type.indexOf('/');
        String contentType = new jakarta.mail.internet.ContentType(type.substring(0, slash),
                type.substring(slash + 1), typeParams).toString();
        MimeBodyPart part = new MimeBodyPart();
        // setDataHandler clears Content-Type and Content-Transfer-Encoding: set them afterwards
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(data, contentType)));
        part.setHeader("Content-Type", contentType);
        part.setHeader("Content-Disposition", new ContentDisposition(disposition, dispositionParams).toString());
        part.setHeader("Content-Transfer-Encoding", "base64");
        return part;
    }

    /**
     * 64 bits of SHA-256 of the recipient: Message-IDs differ per recipient and repeat on a retry, and a
     * reply's References name the recipient it came from.
     */
    static String digest(String recipient) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(recipient.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** A message whose Message-ID survives every later {@code saveChanges()} (Transport.send calls it). */
    private static final class OwnIdMessage extends MimeMessage {
        private final String messageId;

        OwnIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
