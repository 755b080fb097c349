package org.autotune.journal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.autotune.score.Observable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** JSON columns of the journal: points, components and observables. */
final class Json {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

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
        return MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, Double>>() { });
    }

    static List<Observable> readObservables(String json) {
        if (json == null || json.isEmpty()) {
            return List.of();
        }
        var out = new ArrayList<Observable>();
        for (var n : MAPPER.readTree(json)) {
            out.add(new Observable(n.get("name").asString(), n.get("simulated").asDouble(),
                n.get("simulated_error").asDouble(), n.get("reference").asDouble(),
                n.get("reference_error").asDouble()));
        }
        return out;
    }
}
