package org.autotune.metric;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.autotune.score.Score;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an external metric prints, as a score. The last non-empty line of its standard output is
 * one of: a number ({@code 12.5}); a number and its standard error ({@code 12.5 0.8}); or a JSON
 * object {@code {"value": 12.5, "error": 0.8, "components": {"mean": 1.2}}} (error and components
 * optional).
 */
final class MetricOutput {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private MetricOutput() {
    }

    static Score parse(String stdout, String program) {
        var lines = stdout.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.isEmpty()) {
            throw new MetricException(program + " printed nothing; it must print the score as its last line");
        }
        String last = lines.get(lines.size() - 1);
        Score score = last.startsWith("{") ? json(last, program) : numbers(last, program);
        return score;
    }

    private static Score numbers(String line, String program) {
        var parts = line.split("\\s+");
        if (parts.length > 2) {
            throw unparsable(line, program);
        }
        try {
            double value = finite(number(parts[0]), line, program);
            if (parts.length == 1) {
                return Score.of(value);
            }
            return Score.of(value, Math.abs(finite(number(parts[1]), line, program)));
        } catch (NumberFormatException e) {
            throw unparsable(line, program);
        }
    }

    /** A number as C, Python or Java print it (nan, inf, -inf, Infinity, 1e-3, ...). */
    private static double number(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "nan", "-nan", "+nan" -> Double.NaN;
            case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    private static Score json(String line, String program) {
        try {
            var node = MAPPER.readTree(line);
            if (!node.has("value") || !node.get("value").isNumber()) {
                throw new MetricException(program + " printed JSON without a numeric \"value\": " + line);
            }
            double value = finite(node.get("value").doubleValue(), line, program);
            var error = node.has("error") && node.get("error").isNumber()
                ? OptionalDouble.of(Math.abs(node.get("error").doubleValue())) : OptionalDouble.empty();
            var components = new LinkedHashMap<String, Double>();
            var c = node.get("components");
            if (c != null && c.isObject()) {
                for (var name : c.propertyNames()) {
                    components.put(name, c.get(name).asDouble());
                }
            }
            return new Score(value, error, components, List.of());
        } catch (JacksonException e) {
            throw unparsable(line, program);
        }
    }

    private static double finite(double v, String line, String program) {
        if (Double.isNaN(v)) {
            throw new MetricException(
                program + " returned NaN (" + line + "); check the metric on this sample's outputs");
        }
        if (Double.isInfinite(v)) {   // an infinite score would stay the best (or the worst) forever
            throw new MetricException(program + " returned " + (v > 0 ? "inf" : "-inf") + " (" + line + "); a score "
                + "must be a finite number: check the metric on this sample's outputs");
        }
        return v;
    }

    private static MetricException unparsable(String line, String program) {
        return new MetricException(program + " printed '" + line + "' as its last line; expected a number, "
            + "'value error', or a JSON object with \"value\"");
    }
}
