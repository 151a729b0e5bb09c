package org.mmsgw.processors.mail;

import java.util.ArrayList;
import java.util.List;

/**
 * A SMIL presentation for an MMS that has none (OMA-MMS-CONF §8, the MMS SMIL subset): an image
 * region above a text region, one slide per image, audio or video, the texts on the first slides.
 * Phones without a SMIL show parts in arbitrary ways; with this one they show what the mail showed.
 */
public final class SmilLayout {
    private static final int SLIDE_MS = 5000;

    private SmilLayout() {
    }

    /** A part the presentation refers to by its Content-Location. */
    public record Item(String mediaType, String location) {
    }

    public static String of(List<Item> items) {
        List<Item> texts = new ArrayList<>();
        List<Item> media = new ArrayList<>();
        for (Item i : items) {
            (i.mediaType().startsWith("text/") ? texts : media).add(i);
        }
        StringBuilder s = new StringBuilder(256 + 80 * items.size());
        s.append("<smil><head><layout><root-layout width=\"100%\" height=\"100%\"/>")
                .append("<region id=\"Image\" left=\"0\" top=\"0\" width=\"100%\" height=\"70%\" fit=\"meet\"/>")
                .append("<region id=\"Text\" left=\"0\" top=\"70%\" width=\"100%\" height=\"30%\" fit=\"scroll\"/>")
                .append("</layout></head><body>");
        int slides = Math.max(1, Math.max(texts.size(), media.size()));
        for (int i = 0; i < slides; i++) {
            s.append("<par dur=\"").append(SLIDE_MS).append("ms\">");
            if (i < media.size()) {
                Item m = media.get(i);
                String element = m.mediaType().startsWith("audio/") ? "audio"
                        : m.mediaType().startsWith("video/") ? "video" : m.mediaType().startsWith("image/") ? "img" : "ref";
                s.append('<').append(element).append(" src=\"").append(xml(m.location())).append('"');
                if (!element.equals("audio")) {
                    s.append(" region=\"Image\"");
                }
                s.append("/>");
            }
            if (i < texts.size()) {
                s.append("<text src=\"").append(xml(texts.get(i).location())).append("\" region=\"Text\"/>");
            }
            s.append("</par>");
        }
        return s.append("</body></smil>").toString();
    }

    private static String xml(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
