package org.autotune.metric;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.OptionalDouble;
import org.autotune.score.Observable;
import org.autotune.score.Score;
import org.autotune.score.ScoreType;

/**
 * A weighted sum of metrics: value = Σ w_i · value_i. Each part's value is kept as the component
 * {@code <name>}, its own components as {@code <name>.<component>} and its observables as
 * {@code <name>:<observable>}, so the journal shows what each part contributed. The standard error
 * is sqrt(Σ w_i² · se_i²) when every part gives one.
 */
final class SumMetric implements Metric {
    /** One summand: its name, weight and metric. */
    record Part(String name, double weight, Metric metric) {
    }

    private final List<Part> parts;

    SumMetric(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    @Override
    public boolean observables() {
        return parts.stream().anyMatch(p -> p.metric().observables());
    }

    @Override
    public Score score(SampleOutputs outputs) {
        double value = 0;
        double variance = 0;
        boolean errors = true;
        var components = new LinkedHashMap<String, Double>();
        var observables = new ArrayList<Observable>();
        for (var part : parts) {
            var s = part.metric().score(outputs);
            value += part.weight() * s.value();
            components.put(part.name(), s.value());
            s.components().forEach((k, v) -> components.put(part.name() + "." + k, v));
            for (var o : s.observables()) {
                observables.add(new Observable(part.name() + ":" + o.name(), o.simulated(), o.simulatedError(),
                    o.reference(), o.referenceError()));
            }
            if (s.standardError().isPresent()) {
                variance += Math.pow(part.weight() * s.standardError().getAsDouble(), 2);
            } else {
                errors = false;
            }
        }
        return new Score(value, errors ? OptionalDouble.of(Math.sqrt(variance)) : OptionalDouble.empty(), components,
            observables);
    }

    /** The parts' common type, or OTHER when they differ. */
    @Override
    public ScoreType type() {
        var first = parts.get(0).metric().type();
        return parts.stream().allMatch(p -> p.metric().type() == first) ? first : ScoreType.OTHER;
    }
}
