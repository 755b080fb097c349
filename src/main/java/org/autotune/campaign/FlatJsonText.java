package org.autotune.campaign;

import java.util.Arrays;
import java.util.List;

/**
 * Reads a flat JSON object of numbers, {@code {"name":number,...}} as the journal writes points and
 * score components, into the numbers' text, without parsing them: an export copies them as they are.
 */
final class FlatJsonText {
    private FlatJsonText() {
    }

    /**
     * Puts the text of each named number into {@code out} at the name's index ("" for a name the
     * object lacks; names not asked for are skipped). False, with {@code out} undefined, for
     * anything but plain names and plain numbers (escapes, NaN written as a string, nesting): the
     * caller then parses the JSON properly.
     */
    static boolean read(String json, List<String> names, String[] out) {
        Arrays.fill(out, "");
        int n = json.length();
        if (n < 2 || json.charAt(0) != '{' || json.charAt(n - 1) != '}') {
            return false;
        }
        int i = 1;
        while (i < n - 1) {
            if (json.charAt(i) != '"') {
                return false;
            }
            int close = json.indexOf('"', i + 1);
            if (close < 0 || close + 1 >= n || json.charAt(close + 1) != ':' || escaped(json, i + 1, close)) {
                return false;
            }
            int end = close + 2;
            while (end < n - 1 && json.charAt(end) != ',') {
                if (!plain(json.charAt(end))) {
                    return false;
                }
                end++;
            }
            if (end == close + 2 || !(Character.isDigit(json.charAt(close + 2)) || json.charAt(close + 2) == '-')) {
                return false;
            }
            int index = indexOf(names, json, i + 1, close);
            if (index >= 0) {
                out[index] = json.substring(close + 2, end);
            }
            i = end + 1;
        }
        return i == n || n == 2;   // the last number ends at the closing brace
    }

    private static boolean escaped(String json, int from, int to) {
        for (int k = from; k < to; k++) {
            if (json.charAt(k) == '\\') {
                return true;
            }
        }
        return false;
    }

    private static boolean plain(char c) {
        return c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
    }

    private static int indexOf(List<String> names, String json, int from, int to) {
        for (int k = 0; k < names.size(); k++) {
            String name = names.get(k);
            if (name.length() == to - from && json.startsWith(name, from)) {
                return k;
            }
        }
        return -1;
    }
}
