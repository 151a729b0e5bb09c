package org.mmsgw.processors.mail;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the gateway takes from one received mail, already bounded and cleaned: addresses as plain
 * ASCII addr-specs, the subject without control characters, texts as text, media as octets.
 *
 * @param from          the sender's addr-spec (the From mailbox)
 * @param recipients    addr-specs from To, Cc, Delivered-To and X-Original-To, in that order, without repeats
 * @param messageId     the Message-ID without angle brackets; {@code sha256:<hex of the mail>} when it has none
 * @param references    message ids from In-Reply-To and References, without angle brackets
 * @param subject       the decoded subject, empty when there is none
 * @param automatic     the mail says it was sent by a machine (Auto-Submitted, Precedence, null return path):
 *                      it gets no bounce
 * @param texts         text bodies (text/plain as is, text/html as text), in mail order
 * @param media         images, audio, video and other allowed parts, in mail order
 * @param smil          a SMIL presentation the mail carried, if any
 * @param dropped       descriptions of parts that were left out (media type not allowed)
 */
public record InboundMail(String from, List<String> recipients, String messageId, List<String> references,
        String subject, boolean automatic, List<String> texts, List<Media> media, Optional<byte[]> smil,
        List<String> dropped) {

    public InboundMail {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(subject, "subject");
        recipients = List.copyOf(recipients);
        references = List.copyOf(references);
        texts = List.copyOf(texts);
        media = List.copyOf(media);
        dropped = List.copyOf(dropped);
    }

    /**
     * One media part.
     *
     * @param mediaType lower-case type/subtype
     * @param name      a safe file name (sanitised, or made up from the type)
     * @param data      the decoded octets
     * @param contentId the part's Content-ID without angle brackets (printable ASCII), empty when none
     */
    public record Media(String mediaType, String name, byte[] data, String contentId) {
        public Media {
            Objects.requireNonNull(mediaType, "mediaType");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(contentId, "contentId");
        }
    }
}
