package org.mmsgw.processors.mail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import org.mmsgw.codec.mms.MessageType;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.codec.mms.MmsPdus;
import org.mmsgw.codec.mms.MmsValidator;
import org.mmsgw.codec.mms.Violation;
import org.mmsgw.codec.multipart.Body;
import org.mmsgw.codec.multipart.Part;
import org.mmsgw.codec.wsp.ContentType;
import org.mmsgw.codec.wsp.Parameter;

/**
 * The m-send-req (OMA-MMS-ENC §6.1.1) a received mail becomes: From the mail's sender, To the phones,
 * the subject, and a multipart/related body of a SMIL presentation (the mail's own, else one made here
 * by {@link SmilLayout}), the texts as UTF-8 text parts and the media as they came. Parts the gateway
 * left out are named in a last text, so the phone's user knows something is missing.
 */
public final class MmsFromMail {
    private static final String SMIL_ID = "smil";

    /**
     * @param transactionId the transaction id to write (the gateway's message id does)
     * @param phones        the recipients in MMS form ({@code +49.../TYPE=PLMN}), at least one
     * @param date          epoch seconds of acceptance
     */
    public MmsPdu build(InboundMail mail, String transactionId, List<String> phones, long date) {
        Objects.requireNonNull(mail, "mail");
        if (phones.isEmpty()) {
            throw new IllegalArgumentException("an MMS needs a recipient");
        }
        List<String> texts = new ArrayList<>(mail.texts().stream().filter(t -> !t.isBlank()).toList());
        if (!mail.dropped().isEmpty()) {
            texts.add("[Not included: " + String.join(", ", mail.dropped()) + "]");
        }
        // Content-IDs and Content-Locations must each name one part: the mail's own ids and names first
        // (its SMIL may refer to them), then made-up ones that clash with none
        Set<String> ids = new HashSet<>(Set.of(SMIL_ID));
        Set<String> names = new HashSet<>();
        mail.media().forEach(m -> names.add(m.name().toLowerCase(Locale.ROOT)));
        String smilName = names.add("presentation.smil") ? "presentation.smil" : unique("presentation", ".smil", names);
        List<Part> parts = new ArrayList<>();
        List<SmilLayout.Item> items = new ArrayList<>();
        for (String text : texts) {
            String name = unique("text", ".txt", names);
            ids.add(name);
            parts.add(Part.text("<" + name + ">", name, text));
            items.add(new SmilLayout.Item("text/plain", name));
        }
        int n = 0;
        for (InboundMail.Media m : mail.media()) {
            n++;
            String id = m.contentId().isEmpty() || !ids.add(m.contentId()) ? numbered("media" + n, ids) : m.contentId();
            parts.add(Part.of(ContentType.of(m.mediaType(), Parameter.of("name", m.name())), "<" + id + ">",
                    m.name(), m.data()));
            items.add(new SmilLayout.Item(m.mediaType(), m.name()));
        }
        byte[] smil = mail.smil().orElseGet(() -> SmilLayout.of(items).getBytes(StandardCharsets.UTF_8));
        parts.add(0, Part.of(ContentType.of(MailComposer.SMIL_TYPE, Parameter.charset(106)), "<" + SMIL_ID + ">",
                smilName, smil));

        MmsPdu.Builder b = MmsPdu.builder(MessageType.SEND_REQ).transactionId(transactionId)
                .version(MmsPdus.MAJOR, MmsPdus.MINOR).date(MmsField.DATE, date).from(mail.from());
        phones.forEach(b::to);
        if (!mail.subject().isEmpty()) {
            b.encoded(MmsField.SUBJECT, mail.subject());
        }
        MmsPdu pdu = b.body(MmsPdus.relatedType("<" + SMIL_ID + ">"), new Body.Multipart(parts)).build();
        List<Violation> violations = MmsValidator.validate(pdu);
        if (!violations.isEmpty()) {
            throw new IllegalStateException("the m-send-req built from a mail breaks " + violations);
        }
        return pdu;
    }

    /** {@code name}, or {@code name-2}, {@code name-3} ... the first not yet in {@code taken}; adds it. */
    private static String numbered(String name, Set<String> taken) {
        String candidate = name;
        for (int k = 2; !taken.add(candidate); k++) {
            candidate = name + "-" + k;
        }
        return candidate;
    }

    /** {@code <base><n><suffix>} for the first n from 1 not yet in {@code taken} (case-insensitive); adds it. */
    private static String unique(String base, String suffix, Set<String> taken) {
        for (int n = 1; ; n++) {
            String candidate = base + n + suffix;
            if (taken.add(candidate.toLowerCase(Locale.ROOT))) {
                return candidate;
            }
        }
    }
}
