package org.autotune.campaign;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.autotune.score.Observable;
import org.autotune.score.Score;

/**
 * The score of a point run as several replicates (independent seeds): what the optimizer is told.
 * Failed replicates are left out; the point fails only when all of them did.
 *
 * <ul>
 *   <li>value: the mean of the replicates' scores;</li>
 *   <li>standard error: √(Σ σᵢ²)/m when every replicate has one, else the replicates' standard
 *       deviation over √m (m ≥ 2), else none;</li>
 *   <li>components: the mean of each component all replicates have;</li>
 *   <li>observables: per name, the mean simulated value with error √(Σ σᵢ²)/m (the statistics of
 *       all replicates' events together); the reference as the first replicate has it.</li>
 * </ul>
 */
final class Replicates {
    private Replicates() {
    }

    static Optional<Score> combine(List<Optional<Score>> replicates) {
        var ok = replicates.stream().flatMap(Optional::stream).toList();
        if (ok.isEmpty()) {
            return Optional.empty();
        }
        if (ok.size() == 1) {
            return Optional.of(ok.get(0));
        }
        int m = ok.size();
        double mean = ok.stream().mapToDouble(Score::value).average().orElseThrow();
        OptionalDouble se;
        if (ok.stream().allMatch(x -> x.standardError().isPresent())) {
            se = OptionalDouble.of(Math.sqrt(ok.stream().mapToDouble(x -> Math.pow(x.standardError().getAsDouble(), 2))
                .sum()) / m);
        } else {
            double ss = ok.stream().mapToDouble(x -> Math.pow(x.value() - mean, 2)).sum();
            se = OptionalDouble.of(Math.sqrt(ss / (m - 1) / m));
        }
        var components = new LinkedHashMap<String, Double>();
        for (var key : ok.get(0).components().keySet()) {
            if (ok.stream().allMatch(x -> x.components().containsKey(key))) {
                components.put(key, ok.stream().mapToDouble(x -> x.components().get(key)).average().orElseThrow());
            }
        }
        var observables = new ArrayList<Observable>();
        for (var first : ok.get(0).observables()) {
            var same = new ArrayList<Observable>();
            for (var x : ok) {
                x.observables().stream().filter(o -> o.name().equals(first.name())).findFirst().ifPresent(same::add);
            }
            if (same.size() != m) {
                continue;
            }
            double sim = same.stream().mapToDouble(Observable::simulated).average().orElseThrow();
            double err = Math.sqrt(same.stream().mapToDouble(o -> o.simulatedError() * o.simulatedError()).sum()) / m;
            observables.add(new Observable(first.name(), sim, err, first.reference(), first.referenceError()));
        }
        return Optional.of(new Score(mean, se, Map.copyOf(components), observables));
    }
}
