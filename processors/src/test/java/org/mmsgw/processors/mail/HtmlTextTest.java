package org.mmsgw.processors.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HtmlTextTest {
    private static final int MEGABYTE = 1 << 20;
    /** Far more than a linear pass over 1 MB takes (milliseconds); a quadratic one takes about ten seconds. */
    private static final Duration GENEROUS = Duration.ofSeconds(2);

    static Stream<Arguments> entities() {
        return Stream.of(
                Arguments.of("a &amp; b", "a & b"),
                Arguments.of("&lt;p&gt;not a tag&lt;/p&gt;", "<p>not a tag</p>"),
                Arguments.of("&quot;&apos;", "\"'"),
                Arguments.of("&euro;&copy;&reg;&hellip;&ndash;&mdash;", "\u20AC\u00A9\u00AE\u2026\u2013\u2014"),
                Arguments.of("&auml;&ouml;&uuml;&Auml;&Ouml;&Uuml;&szlig;&eacute;&egrave;", "äöüÄÖÜßéè"),
                // decoded once only
                Arguments.of("&amp;lt;", "&lt;"),
                Arguments.of("&#65;&#x42;&#X43;&#x1F44B;", "ABC👋"),
                Arguments.of("&#00065;", "A"),
                // NUL, C0, DEL, C1 and line separators by reference become blank space
                Arguments.of("a&#0;b", "a b"),
                Arguments.of("a&#x0;b", "a b"),
                Arguments.of("a&#13;&#10;b", "a b"),
                Arguments.of("a&#7;b", "a b"),
                Arguments.of("a&#127;b", "a b"),
                Arguments.of("a&#x85;b", "a b"),
                Arguments.of("a&#x9F;b", "a b"),
                Arguments.of("a&#x2028;b&#x2029;c", "a b c"),
                // beyond Unicode
                Arguments.of("a&#x110000;b", "a b"),
                Arguments.of("a&#-1;b", "a b"),
                // not references: kept as written
                Arguments.of("&foo;", "&foo;"),
                Arguments.of("&AMP;", "&AMP;"),
                Arguments.of("&amp", "&amp"),
                Arguments.of("AT&T", "AT&T"),
                Arguments.of("a && b", "a && b"),
                Arguments.of("&;", "&;"),
                Arguments.of("&#;", "&#;"),
                Arguments.of("&#x;", "&#x;"),
                Arguments.of("&#xZZ;", "&#xZZ;"),
                Arguments.of("&#65", "&#65"),
                Arguments.of("&#99999999999;", "&#99999999999;"),
                // a name longer than any entity: the & is text, the rest stays
                Arguments.of("&abcdefghijkl;", "&abcdefghijkl;"),
                Arguments.of("&nbsp;&nbsp;x&nbsp;&nbsp;&nbsp;y&nbsp;", "x y"));
    }

    @ParameterizedTest
    @MethodSource("entities")
    void decodesCharacterReferences(String html, String text) {
        assertEquals(text, HtmlText.toText(html));
    }

    static Stream<Arguments> markup() {
        return Stream.of(
                Arguments.of("", ""),
                Arguments.of("plain", "plain"),
                Arguments.of("<b>bold</b> and <i>it</i>", "bold and it"),
                // hidden elements, any case, with markup inside
                Arguments.of("a<script>alert('<b>x</b>')</script>b", "ab"),
                Arguments.of("a<SCRIPT type=x>alert(1)</SCRIPT >b", "ab"),
                Arguments.of("<style>p { color: red }</style>text", "text"),
                Arguments.of("<head><title>Title</title><meta x></head><body>body</body>", "body"),
                Arguments.of("<title>only</title>shown", "shown"),
                Arguments.of("<script src=x.js/>visible", "visible"),
                Arguments.of("<script>never closed <p> at all", ""),
                Arguments.of("<script>a</style>b</script>c", "c"),
                // line breaks from markup only
                Arguments.of("a<br>b<br/>c<BR />d", "a\nb\nc\nd"),
                Arguments.of("<p>one</p><p>two</p>", "one\n\ntwo"),
                Arguments.of("a<br><br><br><br>b", "a\n\nb"),
                Arguments.of("<li>a<li>b<tr>c<hr>d", "a\nb\nc\nd"),
                Arguments.of("<div>x</div><div>y</div>", "x\n\ny"),
                Arguments.of("<span>in</span><span>line</span>", "inline"),
                Arguments.of("<brx>a<pre>b", "a\nb"),
                // blank space
                Arguments.of("  a \t\r\n  b  ", "a b"),
                Arguments.of("line one\nline two", "line one line two"),
                Arguments.of("a   <br>   b", "a\nb"),
                Arguments.of("a\u00A0\u3000\u2003b", "a b"),
                Arguments.of("<p>  </p><p>\t</p><p>x</p>", "x"),
                // unterminated tags end the text
                Arguments.of("before<b", "before"),
                // comments
                Arguments.of("a<!-- <p>hidden</p> -->b", "ab"),
                Arguments.of("a<!---->b", "ab"),
                Arguments.of("a<!-- never closed <p>x", "a"),
                Arguments.of("<!-- x --><script><!-- --></script>y", "y"),
                Arguments.of("<!DOCTYPE html><html>x</html>", "x"));
    }

    @ParameterizedTest
    @MethodSource("markup")
    void stripsMarkup(String html, String text) {
        assertEquals(text, HtmlText.toText(html));
    }

    @Test
    void loneSurrogateReferenceIsNotACharacter() {
        // &#xD800; names half of a UTF-16 pair, no character: like the other non-characters it is blank space
        assertEquals("a b", HtmlText.toText("a&#xD800;b"));
    }

    static Stream<Arguments> pathological() {
        return Stream.of(
                Arguments.of("<".repeat(MEGABYTE), ""),
                Arguments.of("<a".repeat(MEGABYTE / 2), ""),
                Arguments.of("<>".repeat(MEGABYTE / 2), ""),
                Arguments.of("<!--".repeat(MEGABYTE / 4), ""),
                Arguments.of("<script>" + "<".repeat(MEGABYTE), ""),
                Arguments.of("<br>".repeat(MEGABYTE / 4), ""),
                Arguments.of("x ".repeat(MEGABYTE / 2), "x ".repeat(MEGABYTE / 2 - 1) + "x"),
                Arguments.of("&lt;".repeat(MEGABYTE / 4), "<".repeat(MEGABYTE / 4)));
    }

    @ParameterizedTest
    @MethodSource("pathological")
    void megabyteOfPathologicalMarkupReturns(String html, String text) {
        assertEquals(text, assertTimeoutPreemptively(GENEROUS, () -> HtmlText.toText(html)));
    }

    @Test
    void megabyteOfAmpersandsReturns() {
        // every & looks for its ; through the rest of the input: quadratic, though a reference is at most 10 long
        String html = "&".repeat(MEGABYTE);

        assertEquals(html, assertTimeoutPreemptively(GENEROUS, () -> HtmlText.toText(html)));
    }

    @Test
    void lessThanInsideScriptDoesNotHideTheRestOfTheMail() {
        // script content is raw text (HTML5 §13.1.2.1): "a < b" opens no tag, so "</script>" ends it
        assertEquals("ab", HtmlText.toText("a<script>if (a < b) { go(); }</script>b"));
    }
}
