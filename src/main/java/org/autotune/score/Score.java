package org.autotune.score;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What a metric says about one sample: a value (lower is better), an optional standard error of
 * that value, optional named components (e.g. one per column) and, for chi²-type metrics, the
 * observables behind the value so surrogate methods can model each one.
 */
public record Score(double value, OptionalDouble standardError, Map<String, Double> components,
                    List<Observable> observables) {

    public Score {
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException("a score value cannot be NaN");
        }
        if (standardError.isPresent() && !(standardError.getAsDouble() >= 0)) {
            throw new IllegalArgumentException("standard error must be >= 0, got " + standardError);
        }
        components = Map.copyOf(components);
        observables = List.copyOf(observables);
    }

    public static Score of(double value) {
        return new Score(value, OptionalDouble.empty(), Map.of(), List.of());
    }

    public static Score of(double value, double standardError) {
        return new Score(value, OptionalDouble.of(standardError), Map.of(), List.of());
    }
}
