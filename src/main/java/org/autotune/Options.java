package org.autotune;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * A typed, read-only view of one mapping in a campaign file that turns every mistake into an
 * {@link InputError} naming the file, the line, the key and the fix. Each section of the file
 * (simulator, metric, optimizer, executor) is handed to its factory as an {@code Options}.
 */
public final class Options {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h|d)?");

    /** The longest duration a campaign file may give (longer ones are typos, and overflow clocks). */
    private static final Duration MAX_DURATION = Duration.ofDays(1000);

    private final Path file;
    private final String path;
    private final JsonNode node;
    private final Map<String, Integer> lines;

    /**
     * @param lines line number of each key, by dotted path ({@code metric.columns}); see
     *              {@link YamlFile}
     */
    public Options(Path file, String path, JsonNode node, Map<String, Integer> lines) {
        this.file = file;
        this.path = path;
        this.node = node;
        this.lines = Map.copyOf(lines);
    }

    /** The campaign file this section came from. */
    public Path file() { return file; }

    /** Dotted path of this section ({@code ""} for the whole file). */
    public String path() { return path; }

    /** Dotted path of a key in this section. */
    public String keyPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Line of a key in this section, or of the section itself, or 0 when not known. */
    public int line(String key) {
        return lines.getOrDefault(keyPath(key), line());
    }

    public int line() {
        return lines.getOrDefault(path, 0);
    }

    public boolean has(String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    /** The keys of this mapping, in file order. */
    public List<String> keys() {
        return new ArrayList<>(node.propertyNames());
    }

    /** An error about a key of this section. */
    public InputError error(String key, String problem, String fix) {
        return new InputError(file, line(key), keyPath(key), problem, fix);
    }

    /** Rejects keys not in {@code allowed}, suggesting the closest allowed key. */
    public Options allowOnly(Collection<String> allowed) {
        for (String key : keys()) {
            if (!allowed.contains(key)) {
                var near = closest(key, allowed);
                throw error(key, "unknown key '" + key + "'",
                    near.map(n -> "did you mean '" + n + "'?")
                        .orElse("use one of " + String.join(", ", allowed)));
            }
        }
        return this;
    }

    public Options allowOnly(String... allowed) {
        return allowOnly(List.of(allowed));
    }

    public String string(String key) {
        require(key, "a text value");
        return text(key);
    }

    public String string(String key, String fallback) {
        return has(key) ? text(key) : fallback;
    }

    public Optional<String> optionalString(String key) {
        return has(key) ? Optional.of(text(key)) : Optional.empty();
    }

    public double number(String key) {
        require(key, "a number");
        return toNumber(key);
    }

    public double number(String key, double fallback) {
        return has(key) ? toNumber(key) : fallback;
    }

    public long integer(String key, long fallback) {
        return integer(key, fallback, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** A whole number within [min, max]; the range is checked before the number becomes a {@code long}. */
    public long integer(String key, long fallback, long min, long max) {
        if (!has(key)) {
            return fallback;
        }
        var v = node.get(key);
        boolean whole = v.isIntegralNumber()
            || (v.isNumber() && Double.isFinite(v.doubleValue()) && v.doubleValue() == Math.rint(v.doubleValue()));
        if (v.isNumber() && !Double.isFinite(v.doubleValue())) {
            throw error(key, "the number is too large to hold (beyond ±1.8e308)",
                "give a whole number from %d to %d".formatted(min, max));
        }
        if (!whole) {
            throw error(key, "expected a whole number, got " + describe(v), "write a whole number such as 10");
        }
        var value = v.isIntegralNumber() ? v.bigIntegerValue() : v.decimalValue().toBigInteger();
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            String shown = value.abs().compareTo(BigInteger.TEN.pow(15)) < 0 ? value.toString()
                : String.format(Locale.ROOT, "%.3g", v.doubleValue());
            throw error(key, "%s is outside the allowed range [%d, %d]".formatted(shown, min, max),
                "give a whole number from %d to %d".formatted(min, max));
        }
        return value.longValueExact();
    }

    public boolean bool(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        var v = node.get(key);
        if (!v.isBoolean()) {
            throw error(key, "expected true or false, got " + describe(v), "write true or false");
        }
        return v.booleanValue();
    }

    /** One of the allowed words (case-sensitive), or the fallback. */
    public String oneOf(String key, List<String> allowed, String fallback) {
        var v = string(key, fallback);
        if (!allowed.contains(v)) {
            var near = closest(v, allowed);
            throw error(key, "'" + v + "' is not one of " + String.join(", ", allowed),
                near.map(n -> "did you mean '" + n + "'?").orElse("use one of " + String.join(", ", allowed)));
        }
        return v;
    }

    /** A list of texts; a single text counts as a list of one. Empty when the key is absent. */
    public List<String> strings(String key) {
        if (!has(key)) {
            return List.of();
        }
        var v = node.get(key);
        if (v.isValueNode()) {
            return List.of(text(key));
        }
        if (!v.isArray()) {
            throw error(key, "expected a list, got " + describe(v), "write a list such as [a, b]");
        }
        var out = new ArrayList<String>();
        for (int i = 0; i < v.size(); i++) {
            var e = v.get(i);
            if (!e.isValueNode() || e.isNull()) {
                throw error(key, "entry " + (i + 1) + " is " + describe(e) + ", not a plain value",
                    "write each entry as a plain value");
            }
            out.add(e.asString());
        }
        return out;
    }

    /** A duration: {@code 90s}, {@code 5m}, {@code 2h}, {@code 500ms}, or a number of seconds. */
    public Duration duration(String key, Duration fallback) {
        if (!has(key)) {
            return fallback;
        }
        var m = DURATION.matcher(text(key).trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw error(key, "'" + text(key) + "' is not a duration",
                "write a number with a unit, such as 90s, 5m or 2h");
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = amount * switch (unit) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m", "min" -> 60_000;
            case "h" -> 3_600_000;
            default -> 86_400_000;
        };
        if (!(millis >= 1)) {
            throw error(key, "duration must be positive", "write a positive duration such as 30s");
        }
        if (millis > MAX_DURATION.toMillis()) {
            throw error(key, "'" + text(key) + "' is longer than " + MAX_DURATION.toDays() + " days",
                "write a duration of at most " + MAX_DURATION.toDays() + "d");
        }
        return Duration.ofMillis(Math.round(millis));
    }

    /** A nested mapping that must be present. */
    public Options section(String key) {
        require(key, "a mapping");
        return optionalSection(key).orElseThrow();
    }

    /** A nested mapping, or empty when the key is absent; a scalar or list there is an error. */
    public Optional<Options> optionalSection(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        var v = node.get(key);
        if (!v.isObject()) {
            throw error(key, "expected a mapping (key: value lines), got " + describe(v),
                "indent the settings of '" + key + "' under it");
        }
        return Optional.of(new Options(file, keyPath(key), v, lines));
    }

    /** A list of mappings (e.g. the parts of a summed metric); empty when the key is absent. */
    public List<Options> sections(String key) {
        if (!has(key)) {
            return List.of();
        }
        var v = node.get(key);
        if (!v.isArray()) {
            throw error(key, "expected a list of mappings, got " + describe(v), "write one '- ...' entry per item");
        }
        var out = new ArrayList<Options>();
        for (int i = 0; i < v.size(); i++) {
            String path = keyPath(key) + "." + i;
            if (!v.get(i).isObject()) {
                throw new InputError(file, lines.getOrDefault(path, line(key)), path,
                    "entry " + (i + 1) + " is " + describe(v.get(i)) + ", not a mapping",
                    "write the entry as key: value lines");
            }
            out.add(new Options(file, path, v.get(i), lines));
        }
        return out;
    }

    /** An empty section at a path, for defaults when a section is absent. */
    public Options empty(String key) {
        return new Options(file, keyPath(key), MissingNode.getInstance(), lines);
    }

    /** The raw node, for sections that are more than key/value (e.g. lists of mappings). */
    public JsonNode raw(String key) {
        return node.path(key);
    }

    /** A text or number rendered as text, or an error for mappings and lists. */
    private String text(String key) {
        var v = node.get(key);
        if (!v.isValueNode() || v.isNull()) {
            throw error(key, "expected a plain value, got " + describe(v), "write a single value");
        }
        return v.asString();
    }

    /** A finite number: .inf, .nan and numbers beyond ±1.8e308 (which a double cannot hold) are refused. */
    private double toNumber(String key) {
        var v = node.get(key);
        double x = Double.NaN;
        if (v.isNumber()) {
            x = v.doubleValue();
        } else if (v.isString()) {
            try {
                x = Double.parseDouble(v.stringValue().trim());
            } catch (NumberFormatException e) {
                // NaN: the error below
            }
        }
        if (Double.isFinite(x)) {
            return x;
        }
        if (v.isNumber() || (v.isString() && !Double.isNaN(x)) || isSpecial(v)) {
            throw error(key, "expected a finite number, got " + describe(v),
                "write a plain number between -1e308 and 1e308, such as 0.5 or 1e-3");
        }
        throw error(key, "expected a number, got " + describe(v), "write a plain number such as 0.5 or 1e-3");
    }

    private static boolean isSpecial(JsonNode v) {
        return v.isString() && v.stringValue().trim().toLowerCase(Locale.ROOT).matches("[-+]?(nan|infinity|\\.?inf)");
    }

    private void require(String key, String what) {
        if (!has(key)) {
            throw new InputError(file, path.isEmpty() ? 0 : line(), keyPath(key),
                "missing (" + what + " is required here)",
                "add '" + key + ":' under " + (path.isEmpty() ? "the top level" : "'" + path + "'"));
        }
    }

    /** Describes a node for error messages: its kind and, for scalars, its value. */
    public static String describe(JsonNode v) {
        if (v == null || v.isMissingNode() || v.isNull()) {
            return "nothing";
        }
        if (v.isObject()) {
            return "a mapping";
        }
        if (v.isArray()) {
            return "a list";
        }
        if (v.isString()) {
            return "the text '" + v.stringValue() + "'";
        }
        return v.isBoolean() ? "the value " + v.asString() : "the number " + v.asString();
    }

    /** The allowed word closest to {@code word} (edit distance ≤ 2, or a shared prefix), if any. */
    public static Optional<String> closest(String word, Collection<String> allowed) {
        String w = word.toLowerCase(Locale.ROOT);
        return allowed.stream()
            .filter(a -> distance(w, a.toLowerCase(Locale.ROOT)) <= Math.max(2, a.length() / 4)
                || (w.length() >= 3 && a.toLowerCase(Locale.ROOT).startsWith(w)))
            .min(Comparator.comparingInt(a -> distance(w, a.toLowerCase(Locale.ROOT))));
    }

    /** Levenshtein edit distance. */
    static int distance(String a, String b) {
        var prev = new int[b.length() + 1];
        var cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            var t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
