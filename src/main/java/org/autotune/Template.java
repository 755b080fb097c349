package org.autotune;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text with {@code {{name}}} placeholders (spaces inside the braces are allowed). Rendering
 * replaces each placeholder with its value; a placeholder without a value is an error, never
 * silently left in or blanked.
 */
public final class Template {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_.-]*)\\s*}}");

    private Template() {
    }

    /** The placeholder names used in the text, in order of first use. */
    public static Set<String> placeholders(String text) {
        var names = new LinkedHashSet<String>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * Replaces every placeholder.
     *
     * @throws IllegalArgumentException naming the first placeholder that has no value
     */
    public static String render(String text, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        var out = new StringBuilder(text.length() + 64);
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("unknown placeholder {{" + m.group(1) + "}}; known: "
                    + String.join(", ", values.keySet()));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
