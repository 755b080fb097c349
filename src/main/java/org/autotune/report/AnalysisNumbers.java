package org.autotune.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The numbers of an analysis, read back from its JSON (the form of analysis.json): per parameter
 * the estimate ± 1σ and the profile interval, and the correlation matrix. Each part is absent when
 * the analysis could not give it (no quadratic fit, no profile).
 */
record AnalysisNumbers(Map<String, Estimate> estimates, Map<String, Interval> intervals,
                       Optional<double[][]> correlation, String region, List<String> problems) {

    record Estimate(double value, double sigma, boolean poor, boolean rangeLimited) {
    }

    record Interval(double low, double high, boolean lowAtBound, boolean highAtBound) {
    }

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    static AnalysisNumbers parse(String json) {
        JsonNode root = MAPPER.readTree(json);
        var estimates = new LinkedHashMap<String, Estimate>();
        var est = root.get("estimates");
        if (est != null) {
            for (var e : est.properties()) {
                var v = e.getValue();
                estimates.put(e.getKey(), new Estimate(ReportSource.number(v.get("value")),
                    ReportSource.number(v.get("sigma")), v.path("poorly_constrained").asBoolean(false),
                    v.path("range_limited").asBoolean(false)));
            }
        }
        var intervals = new LinkedHashMap<String, Interval>();
        var iv = root.get("profile_intervals");
        if (iv != null) {
            for (var e : iv.properties()) {
                var v = e.getValue();
                intervals.put(e.getKey(), new Interval(ReportSource.number(v.get("low")),
                    ReportSource.number(v.get("high")), v.path("low_at_bound").asBoolean(false),
                    v.path("high_at_bound").asBoolean(false)));
            }
        }
        Optional<double[][]> correlation = Optional.empty();
        var r = root.get("correlation");
        if (r != null && r.isArray()) {
            var m = new double[r.size()][];
            for (int i = 0; i < m.length; i++) {
                m[i] = ReportSource.numbers(r.get(i));
            }
            correlation = Optional.of(m);
        }
        var problems = new ArrayList<String>();
        root.path("problems").forEach(p -> problems.add(p.asString()));
        return new AnalysisNumbers(estimates, intervals, correlation, root.path("region").asString(""),
            List.copyOf(problems));
    }
}
