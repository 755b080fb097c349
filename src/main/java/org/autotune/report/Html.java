package org.autotune.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An HTML page built so that text is safe by default. {@link #text} and every attribute value are
 * escaped, tag and attribute names must be plain names, and there is no method that writes a
 * string as markup: text from a campaign (its name, units, choices, observables, errors, folders,
 * its file) can only ever become text. The page's inline style sheets and scripts are named when
 * it is created; its Content-Security-Policy allows exactly those (by SHA-256 hash) and embedded
 * PNG images, so a script that escaping had missed would still not run.
 */
final class Html {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    private final List<String> styles;
    private final List<String> scripts;
    private final StringBuilder out = new StringBuilder(1 << 16);

    /**
     * A page that will carry these inline style sheets and scripts (our own code, never text from
     * a campaign).
     */
    Html(List<String> styles, List<String> scripts) {
        this.styles = List.copyOf(styles);
        this.scripts = List.copyOf(scripts);
        for (var code : this.scripts) {
            // a script element ends at the first "</script"; "<!--" would change how it is parsed
            if (code.toLowerCase(Locale.ROOT).contains("</script") || code.contains("<!--")) {
                throw new IllegalArgumentException("an inline script may not contain </script or <!--");
            }
        }
        for (var css : this.styles) {
            if (css.toLowerCase(Locale.ROOT).contains("</style")) {
                throw new IllegalArgumentException("an inline style sheet may not contain </style");
            }
        }
    }

    /**
     * Starts the page: doctype, character set, the policy, the title (escaped) and the style
     * sheets, up to and including {@code <body>}.
     */
    Html head(String title) {
        out.append("<!DOCTYPE html>\n");
        open("html", "lang", "en").out.append('\n');
        open("head").out.append('\n');
        open("meta", "charset", "utf-8").out.append('\n');
        open("meta", "http-equiv", "Content-Security-Policy", "content", policy()).out.append('\n');
        element("title", title).out.append('\n');
        for (var css : styles) {
            out.append("<style>").append(css).append("</style>\n");
        }
        close("head").out.append('\n');
        return open("body").line();
    }

    /**
     * The Content-Security-Policy: nothing may load (no network, no frames, no forms), images only
     * as data URIs, and only our inline style sheets and scripts, named by hash.
     */
    String policy() {
        var policy = new StringBuilder("default-src 'none'; img-src data:; style-src");
        styles.forEach(css -> policy.append(" '").append(hash(css)).append('\''));
        policy.append("; script-src");
        scripts.forEach(code -> policy.append(" '").append(hash(code)).append('\''));
        if (scripts.isEmpty()) {
            policy.append(" 'none'");
        }
        return policy.append("; base-uri 'none'; form-action 'none'").toString();
    }

    /** A start tag; {@code attributes} are name, value pairs, the values escaped. */
    Html open(String tag, String... attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come as name, value pairs: " + List.of(attributes));
        }
        var start = new StringBuilder("<").append(name(tag));
        for (int i = 0; i < attributes.length; i += 2) {
            start.append(' ').append(name(attributes[i])).append("=\"").append(escape(attributes[i + 1])).append('"');
        }
        out.append(start).append('>');
        return this;
    }

    /** An end tag. */
    Html close(String tag) {
        out.append("</").append(name(tag)).append('>');
        return this;
    }

    /** An element holding only text: start tag, the text escaped, end tag. */
    Html element(String tag, String text, String... attributes) {
        return open(tag, attributes).text(text).close(tag);
    }

    /** Text, escaped. */
    Html text(String text) {
        out.append(escape(text));
        return this;
    }

    /** A whole number as text. */
    Html text(long number) {
        out.append(number);
        return this;
    }

    /** A line break in the source (not on the page), to keep the file readable. */
    Html line() {
        out.append('\n');
        return this;
    }

    /** One of the scripts this page was created with, as an inline script element. */
    Html script(String code) {
        if (!scripts.contains(code)) {
            throw new IllegalArgumentException("the page's policy allows only the scripts it was created with");
        }
        out.append("<script>").append(code).append("</script>\n");
        return this;
    }

    /** The page as written so far. */
    @Override
    public String toString() {
        return out.toString();
    }

    /**
     * Text for HTML, in an element or a quoted attribute: {@code & < > " '} as character
     * references, and the h of a URL scheme too (it displays the same), so that the file never
     * spells a link, not even inside the text it shows.
     */
    static String escape(String text) {
        var escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                case 'h', 'H' -> escaped.append(text.regionMatches(true, i + 1, "ttp", 0, 3) ? "&#" + (int) c + ";"
                    : String.valueOf(c));
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** The CSP source for an inline element's exact text: {@code sha256-BASE64}. */
    static String hash(String code) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String name(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a tag or attribute name: " + name);
        }
        return name;
    }
}
