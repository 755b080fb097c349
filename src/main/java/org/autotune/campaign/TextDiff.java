package org.autotune.campaign;

import java.util.ArrayList;

/** Says briefly which lines of a text changed, for "the campaign file changed" messages. */
final class TextDiff {
    private TextDiff() {
    }

    /** E.g. {@code line 12: "max: 2.0" is now "max: 3.0"}; at most three changes, then a count. */
    static String describe(String before, String after) {
        var a = before.lines().toList();
        var b = after.lines().toList();
        int head = 0;
        while (head < a.size() && head < b.size() && a.get(head).equals(b.get(head))) {
            head++;
        }
        int tail = 0;
        while (tail < a.size() - head && tail < b.size() - head
            && a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail))) {
            tail++;
        }
        var removed = a.subList(head, a.size() - tail);
        var added = b.subList(head, b.size() - tail);
        var parts = new ArrayList<String>();
        int n = Math.max(removed.size(), added.size());
        for (int i = 0; i < n && parts.size() < 3; i++) {
            parts.add(change(head + i + 1, i < removed.size() ? removed.get(i) : null,
                i < added.size() ? added.get(i) : null));
        }
        if (n > 3) {
            parts.add((n - 3) + " more changed lines");
        }
        return parts.isEmpty() ? "whitespace or line endings" : String.join("; ", parts);
    }

    private static String change(int line, String was, String now) {
        if (was == null) {
            return "line " + line + " added: \"" + now.strip() + "\"";
        }
        if (now == null) {
            return "line " + line + " removed: \"" + was.strip() + "\"";
        }
        return "line " + line + ": \"" + was.strip() + "\" is now \"" + now.strip() + "\"";
    }

}
