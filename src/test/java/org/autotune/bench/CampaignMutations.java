package org.autotune.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * Seeded mutations of a valid campaign file, for the fuzz family: keys deleted, values replaced
 * with hostile ones (huge, negative, NaN, infinite, text, lists, nested maps, tags, aliases),
 * deep nesting, control characters, strings up to 1 MB, duplicate and unknown keys, a second YAML
 * document, an alias bomb, a truncated file and bytes that are not UTF-8.
 */
final class CampaignMutations {
    private static final Pattern VALUE = Pattern.compile("(\\w+): ([^,{}\\[\\]\\n]*[^,{}\\[\\]\\s])");
    private static final Pattern KEY_LINE = Pattern.compile("^\\s*\\w+:.*");
    private static final List<String> HOSTILE = List.of("1e308", "-1e308", "1e400", "-1", "-0.0", "0", ".nan",
        ".inf", "-.inf", "NaN", "'text'", "[1, 2, 3]", "[]", "{}", "{a: {b: {c: [1, {d: 2}]}}}", "null", "~", "''",
        "99999999999999999999999", "true", "0x7fffffff", "2147483648", "4.9e-324", "\"\\0\\x01\\u2028\"",
        "!!binary AAAA", "!!python/object/apply:os.system [ls]", "&anchor 3", "*nosuchalias", "\"{{gain}}\"",
        "\"{{undefined}}\"", "../../../etc/passwd", "/dev/zero", "1h", "-5s", "1e9s", "P1D", "0.5",
        "[sh, -c, 'exit 1']");
    private static final int KINDS = 12;

    private CampaignMutations() {
    }

    /** One (60%), two or three mutations of {@code base}; {@code what} receives a short description of each. */
    static byte[] mutate(String base, SplittableRandom rng, List<String> what) {
        var lines = FuzzFamily.lines(base);
        int n = rng.nextInt(10) < 6 ? 1 : 2 + rng.nextInt(2);   // mostly one, so that some files are accepted
        byte[] tail = new byte[0];
        boolean nonUtf8 = false;
        int truncateAt = -1;
        for (int k = 0; k < n; k++) {
            switch (rng.nextInt(KINDS)) {
                case 0 -> deleteKey(lines, rng, what);
                case 1 -> replaceValue(lines, rng, HOSTILE.get(rng.nextInt(HOSTILE.size())), what);
                case 2 -> replaceValue(lines, rng, nested(rng), what);
                case 3 -> controlCharacter(lines, rng, what);
                case 4 -> replaceValue(lines, rng, "'" + "x".repeat(longLength(rng)) + "'", what);
                case 5 -> duplicateKey(lines, rng, what);
                case 6 -> {
                    tail = FuzzFamily.bytes(rng.nextBoolean() ? "---\n" + base : "---\nbudget: 5\n...\n");
                    what.add("a second YAML document");
                }
                case 7 -> unknownKey(lines, rng, what);
                case 8 -> {
                    nonUtf8 = true;
                    what.add("bytes that are not UTF-8");
                }
                case 9 -> {
                    lines.add(aliasBomb());
                    what.add("an alias bomb (9 levels of 9)");
                }
                case 10 -> {
                    truncateAt = rng.nextInt(base.length());
                    what.add("truncated at byte " + truncateAt);
                }
                default -> replaceBlock(lines, rng, what);
            }
        }
        byte[] body = FuzzFamily.bytes(String.join("\n", lines) + "\n");
        if (truncateAt >= 0 && truncateAt < body.length) {
            body = Arrays.copyOf(body, truncateAt);
        }
        if (nonUtf8) {
            int at = rng.nextInt(body.length + 1);
            body = FuzzFamily.concat(Arrays.copyOf(body, at), new byte[] {(byte) 0xff, (byte) 0xc3, 0x28,
                (byte) 0xfe}, Arrays.copyOfRange(body, at, body.length));
        }
        return FuzzFamily.concat(body, tail);
    }

    private static int pickLine(List<String> lines, SplittableRandom rng, Pattern p) {
        var candidates = new ArrayList<Integer>();
        for (int i = 0; i < lines.size(); i++) {
            if (p.matcher(lines.get(i)).find()) {
                candidates.add(i);
            }
        }
        return candidates.isEmpty() ? -1 : candidates.get(rng.nextInt(candidates.size()));
    }

    private static void deleteKey(List<String> lines, SplittableRandom rng, List<String> what) {
        int i = pickLine(lines, rng, KEY_LINE);
        if (i >= 0) {
            what.add("deleted line '" + lines.get(i).strip() + "'");
            lines.remove(i);
        }
    }

    private static void replaceValue(List<String> lines, SplittableRandom rng, String value, List<String> what) {
        int i = pickLine(lines, rng, VALUE);
        if (i < 0) {
            return;
        }
        var m = VALUE.matcher(lines.get(i));
        var matches = new ArrayList<int[]>();
        while (m.find()) {
            matches.add(new int[] {m.start(2), m.end(2)});
        }
        var at = matches.get(rng.nextInt(matches.size()));
        String line = lines.get(i);
        String old = line.substring(at[0], at[1]);
        lines.set(i, line.substring(0, at[0]) + value + line.substring(at[1]));
        what.add("value '" + clip(old) + "' on line " + (i + 1) + " -> '" + clip(value) + "' (" + value.length()
            + " chars)");
    }

    private static String nested(SplittableRandom rng) {
        int depth = List.of(20, 200, 2000, 20_000).get(rng.nextInt(4));
        return rng.nextBoolean() ? "[".repeat(depth) + "1" + "]".repeat(depth)
            : "{a: ".repeat(depth) + "1" + "}".repeat(depth);
    }

    private static int longLength(SplittableRandom rng) {
        return List.of(1_000, 70_000, 300_000, 1_000_000).get(rng.nextInt(4)) - 2;
    }

    private static void controlCharacter(List<String> lines, SplittableRandom rng, List<String> what) {
        int i = rng.nextInt(lines.size());
        String line = lines.get(i);
        int at = rng.nextInt(line.length() + 1);
        char c = (char) List.of(0, 1, 7, 8, 11, 12, 13, 27, 31, 127).get(rng.nextInt(10)).intValue();
        lines.set(i, line.substring(0, at) + c + line.substring(at));
        what.add(String.format("control character 0x%02x in line %d", (int) c, i + 1));
    }

    private static void duplicateKey(List<String> lines, SplittableRandom rng, List<String> what) {
        int i = pickLine(lines, rng, KEY_LINE);
        if (i >= 0) {
            lines.add(i + 1, lines.get(i));
            what.add("duplicated line '" + clip(lines.get(i).strip()) + "'");
        }
    }

    private static void unknownKey(List<String> lines, SplittableRandom rng, List<String> what) {
        int i = pickLine(lines, rng, Pattern.compile("\\{"));
        if (rng.nextBoolean() || i < 0) {
            lines.add("surprise_key: {x: 1}");
            what.add("unknown top-level key");
        } else {
            lines.set(i, lines.get(i).replaceFirst("\\{", "{surprise: 1, "));
            what.add("unknown key in line " + (i + 1));
        }
    }

    private static String aliasBomb() {
        var b = new StringBuilder("bomb:\n  a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (int k = 1; k < 9; k++) {
            b.append("  a").append(k).append(": &a").append(k).append(" [");
            for (int j = 0; j < 9; j++) {
                b.append(j > 0 ? ", " : "").append("*a").append(k - 1);
            }
            b.append("]\n");
        }
        return b.toString().stripTrailing();
    }

    private static void replaceBlock(List<String> lines, SplittableRandom rng, List<String> what) {
        int i = pickLine(lines, rng, Pattern.compile("^\\w+:\\s*$"));
        if (i < 0) {
            return;
        }
        String key = lines.get(i);
        int end = i + 1;
        while (end < lines.size() && lines.get(end).startsWith(" ")) {
            end++;
        }
        lines.subList(i, end).clear();
        String value = HOSTILE.get(rng.nextInt(HOSTILE.size()));
        lines.add(i, key + " " + value);
        what.add("block '" + key + "' -> '" + value + "'");
    }

    private static String clip(String s) {
        return s.length() > 30 ? s.substring(0, 30) + "..." : s;
    }
}
