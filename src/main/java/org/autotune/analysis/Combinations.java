package org.autotune.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.autotune.journal.SampleRecord;
import org.autotune.journal.SampleStatus;
import org.autotune.space.Space;

/**
 * The table of discrete design choices (optimizer {@code enumerate}): the samples grouped by the
 * values of the integer and choice parameters, each combination with its best score, its best point
 * and the samples it used, best combination first. Read from the journal alone.
 */
public final class Combinations {
    /**
     * One combination.
     *
     * @param choice    the discrete parameters' values as written in templates (choices as text)
     * @param samples   samples of this combination, failed ones included
     * @param best      the lowest score (empty: none finished)
     * @param bestSample the best sample's name ({@code origin/ordinal}; empty: none finished)
     * @param bestPoint the best sample's point (every parameter)
     */
    public record Row(Map<String, String> choice, int samples, OptionalDouble best, String bestSample,
                      Optional<Map<String, Double>> bestPoint) {
    }

    private Combinations() {
    }

    /** The rows, best first (combinations without a finished sample last); empty for a continuous space. */
    public static List<Row> of(Space space, List<SampleRecord> samples) {
        if (space.continuous()) {
            return List.of();
        }
        var groups = new LinkedHashMap<Map<String, String>, List<SampleRecord>>();
        for (var s : samples) {
            var choice = new LinkedHashMap<String, String>();
            for (var p : space.parameters()) {
                Double v = s.point().get(p.name());
                if (!p.kind().continuous() && v != null) {
                    choice.put(p.name(), p.format(v));
                }
            }
            groups.computeIfAbsent(choice, k -> new ArrayList<>()).add(s);
        }
        var rows = new ArrayList<Row>();
        groups.forEach((choice, list) -> {
            var best = list.stream().filter(s -> s.status() == SampleStatus.FINISHED && s.score().isPresent())
                .min(Comparator.comparingDouble(s -> s.score().getAsDouble()));
            rows.add(new Row(Map.copyOf(choice), list.size(),
                best.map(b -> OptionalDouble.of(b.score().getAsDouble())).orElse(OptionalDouble.empty()),
                best.map(SampleRecord::name).orElse(""), best.map(SampleRecord::point)));
        });
        rows.sort(Comparator.comparingDouble(r -> r.best().orElse(Double.POSITIVE_INFINITY)));
        return List.copyOf(rows);
    }
}
