package org.autotune.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The report's HTML builder: text and attribute values escaped, names checked, only our scripts allowed. */
class HtmlTest {
    static final String SCRIPT = "<script>document.title='XSS'</script>";

    @Test
    void text_is_escaped_and_shows_a_url_without_the_letters_of_its_scheme() {
        assertThat(Html.escape("<a href=\"x\">&</a> 'see' HTTPS://example.org"))
            .isEqualTo("&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt; &#39;see&#39; &#72;TTPS://example.org");
    }

    @Test
    void element_text_and_attribute_values_are_escaped() {
        var html = new Html(List.of(), List.of());
        html.element("td", SCRIPT, "class", "t\" onclick=\"document.title='XSS'");
        assertThat(html.toString()).isEqualTo("<td class=\"t&quot; onclick=&quot;document.title=&#39;XSS&#39;\">"
            + "&lt;script&gt;document.title=&#39;XSS&#39;&lt;/script&gt;</td>");
    }

    @Test
    void tag_and_attribute_names_must_be_plain_names() {
        var html = new Html(List.of(), List.of());
        assertThatThrownBy(() -> html.open("img src=x onerror=alert(1)"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a tag or attribute name");
        assertThatThrownBy(() -> html.open("a", "href=x onclick", "y"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a tag or attribute name");
        assertThatThrownBy(() -> html.open("a", "href"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("attributes come as name, value");
        assertThat(html.toString()).isEmpty();
    }

    @Test
    void the_policy_allows_only_the_page_s_own_style_and_script_by_hash() throws Exception {
        var html = new Html(List.of("p { color: red; }"), List.of("var x = 1;"));
        assertThat(html.policy()).isEqualTo("default-src 'none'; img-src data:; style-src '"
            + sha256("p { color: red; }") + "'; script-src '" + sha256("var x = 1;") + "'; base-uri 'none'; "
            + "form-action 'none'");
        html.head("a <title>").script("var x = 1;");
        assertThat(html.toString()).startsWith("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;; img-src data:;")
            .contains("<title>a &lt;title&gt;</title>\n<style>p { color: red; }</style>\n</head>\n<body>\n")
            .endsWith("<script>var x = 1;</script>\n");
        assertThatThrownBy(() -> html.script("document.title = 'XSS';"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only the scripts it was created with");
        assertThat(new Html(List.of(), List.of()).policy()).contains("script-src 'none';");
    }

    @Test
    void an_inline_script_that_would_end_its_element_early_is_refused() {
        assertThatThrownBy(() -> new Html(List.of(), List.of("var s = '</SCRIPT><b>';")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("an inline script may not contain </script or <!--");
        assertThatThrownBy(() -> new Html(List.of(), List.of("var s = '<!--';")))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Html(List.of("</style><script>"), List.of()))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @MethodSource("hostileStrings")
    void escaped_text_holds_no_markup_character_and_reads_back_unchanged(String text) {
        String escaped = Html.escape(text);
        assertThat(escaped).doesNotContain("<", ">", "\"", "'").doesNotContainIgnoringCase("http");
        assertThat(unescape(escaped)).isEqualTo(text);
    }

    /** 200 random strings (seed 16) over the characters that matter in HTML, and some letters. */
    static Stream<String> hostileStrings() {
        var random = new Random(16);
        String alphabet = "<>&\"'/=;# hHtTpPsSx:\n\té";
        return IntStream.range(0, 200).mapToObj(i -> {
            var text = new StringBuilder();
            int length = random.nextInt(40);
            for (int k = 0; k < length; k++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            return text.toString();
        });
    }

    /** What a browser reads back from the references escape writes. */
    private static String unescape(String html) {
        return html.replaceAll("&#(\\d+);", "\u0000$1\u0000").replace("&lt;", "<").replace("&gt;", ">")
            .replace("&quot;", "\"").replace("&amp;", "&").transform(HtmlTest::numeric);
    }

    private static String numeric(String text) {
        var parts = text.split("\u0000", -1);
        var out = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            out.append(i % 2 == 1 ? String.valueOf((char) Integer.parseInt(parts[i])) : parts[i]);
        }
        return out.toString();
    }

    private static String sha256(String text) throws Exception {
        return "sha256-" + Base64.getEncoder().encodeToString(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
