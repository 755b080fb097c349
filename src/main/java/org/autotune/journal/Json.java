package org.autotune.journal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.autotune.score.Observable;
import tools.jackson.core.JsonToken;
import tools.jackson.core.io.NumberInput;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** JSON columns of the journal: points, components and observables. */
final class Json {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    /** An observable's fields, as {@link #writeObservables} writes them. */
    private static final List<String> FIELDS = List.of("name", "simulated", "simulated_error", "reference",
        "reference_error");
    private static final List<String> NON_FINITE = List.of("NaN", "Infinity", "-Infinity");

    private Json() {
    }

    static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    static String writeObservables(List<Observable> observables) {
        var rows = new ArrayList<Map<String, Object>>();
        for (var o : observables) {
            var row = new LinkedHashMap<String, Object>();
            row.put("name", o.name());
            row.put("simulated", o.simulated());
            row.put("simulated_error", o.simulatedError());
            row.put("reference", o.reference());
            row.put("reference_error", o.referenceError());
            rows.add(row);
        }
        return write(rows);
    }

    static Map<String, Double> readNumbers(String json) {
        if (json == null || json.isEmpty()) {
            return Map.of();
        }
        var flat = flatNumbers(json);
        return flat != null ? flat : MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, Double>>() { });
    }

    /**
     * The common case read without a parser (every sample's point and components are read by status,
     * export and the dashboard): {@code {"name":number,...}} as this class writes it, names without
     * escapes, numbers as Java prints doubles (correctly rounded both ways, as Jackson reads them).
     * Null for anything else (escapes, NaN written as a string, nesting): the caller uses Jackson.
     */
    private static LinkedHashMap<String, Double> flatNumbers(String json) {
        int n = json.length();
        if (n < 2 || json.charAt(0) != '{' || json.charAt(n - 1) != '}') {
            return null;
        }
        var out = new LinkedHashMap<String, Double>();
        int i = 1;
        while (i < n - 1) {
            if (json.charAt(i) != '"') {
                return null;
            }
            int close = json.indexOf('"', i + 1);
            if (close < 0 || close + 1 >= n || json.charAt(close + 1) != ':' || json.lastIndexOf('\\', close) > i) {
                return null;
            }
            String name = json.substring(i + 1, close);
            int end = close + 2;
            while (end < n - 1 && json.charAt(end) != ',') {
                end++;
            }
            if (!number(json, close + 2, end)) {
                return null;
            }
            // Jackson's exact fast parser (the JDK's takes a slow path for 17 digits, as doubles print)
            out.put(name, NumberInput.parseDouble(json.substring(close + 2, end), true));
            i = end + 1;
        }
        return i == n || n == 2 ? out : null;   // the last number ends at the closing brace
    }

    /** Whether {@code json[from, to)} is a number as Java prints a finite double (digits, sign, point, exponent). */
    private static boolean number(String json, int from, int to) {
        if (from >= to || !(Character.isDigit(json.charAt(from)) || json.charAt(from) == '-')) {
            return false;
        }
        for (int k = from; k < to; k++) {
            char c = json.charAt(k);
            if (!(Character.isDigit(c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E')) {
                return false;
            }
        }
        return true;
    }

    static List<Observable> readObservables(String json) {
        if (json == null || json.isEmpty()) {
            return List.of();
        }
        var fast = streamedObservables(json);
        if (fast != null) {
            return fast;
        }
        var out = new ArrayList<Observable>();
        for (var n : MAPPER.readTree(json)) {
            out.add(new Observable(n.get("name").asString(), n.get("simulated").asDouble(),
                n.get("simulated_error").asDouble(), n.get("reference").asDouble(),
                n.get("reference_error").asDouble()));
        }
        return out;
    }

    /**
     * The observables as this class writes them, read with the streaming parser instead of a tree
     * (a replay reads a sample's observables per sample); NaN and infinities as Jackson writes them
     * (text), which the tree reader refuses. Null for anything else (a missing field): the caller
     * reads the tree.
     */
    private static List<Observable> streamedObservables(String json) {
        try (var p = MAPPER.createParser(json)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                return null;
            }
            var out = new ArrayList<Observable>();
            while (p.nextToken() == JsonToken.START_OBJECT) {
                String name = null;
                double[] v = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
                int seen = 0;
                while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                    String field = p.currentName();
                    var token = p.nextToken();
                    int k = FIELDS.indexOf(field);
                    if (k == 0 && token == JsonToken.VALUE_STRING) {
                        name = p.getString();
                    } else if (k > 0 && token.isNumeric()) {
                        v[k - 1] = p.getDoubleValue();
                    } else if (k > 0 && token == JsonToken.VALUE_STRING && NON_FINITE.contains(p.getString())) {
                        v[k - 1] = Double.parseDouble(p.getString());   // as Jackson writes NaN and infinities
                    } else {
                        return null;
                    }
                    seen |= 1 << k;
                }
                if (seen != (1 << FIELDS.size()) - 1) {
                    return null;
                }
                out.add(new Observable(name, v[0], v[1], v[2], v[3]));
            }
            return p.currentToken() == JsonToken.END_ARRAY ? out : null;
        }
    }
}
