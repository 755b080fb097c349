package org.autotune.analysis;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import org.autotune.YamlFile;
import org.autotune.journal.SampleRecord;
import org.autotune.journal.SampleStatus;
import org.autotune.score.Observable;
import org.autotune.score.Score;
import org.autotune.score.ScoreType;
import org.autotune.optimize.Optimizers;
import org.autotune.optimize.Result;
import org.autotune.space.Parameter;
import org.autotune.space.Point;
import org.autotune.space.Space;

/**
 * Coverage of the analysis' 1σ intervals on pseudo-experiments with a known truth, run in process
 * through the real optimizer, scan design and analysis (no simulator processes: the model is
 * analytic, so hundreds of pseudo-experiments take seconds).
 *
 * <p>Model: five observables of three parameters, partly non-linear: m = (a + b, a − b/2, a·b,
 * c + 0.3a, exp(c/2)). Each pseudo-experiment draws data d = m(θ_true) + σ_d·ε and one simulation
 * noise pattern z (a fixed seed: the campaign's common random numbers, so s(θ) = m(θ) + σ_s·z for
 * every sample), scores χ²(θ) = Σ (s − d)²/(σ_s² + σ_d²) with the observables exposed (as the
 * mean-std metric does), tunes with the default optimizer, runs the two-stage scan around its best
 * sample and analyses it. The interval covers the truth when |θ̂ − θ_true| ≤ σ̂ for the fitted
 * minimum θ̂. With common random numbers θ̂ − θ_true ≈ J⁻¹(σ_d·ε − σ_s·z), whose covariance is the
 * (Jᵀ V⁻¹ J)⁻¹ the analysis reports (V = σ_s² + σ_d²): the fraction should be 68.3 %.
 */
public final class CoverageStudy {
    static final double[] TRUTH = {1.5, 2.0, 1.0};
    static final double SIGMA_DATA = 0.04;
    static final double SIGMA_SIM = 0.06;
    static final int BUDGET = 80;

    public static final Space SPACE = new Space(List.of(
        new Parameter("a", org.autotune.space.ParameterKind.REAL, 0, 4, 2.0, 0.2, "", "", List.of()),
        new Parameter("b", org.autotune.space.ParameterKind.REAL, 0, 4, 1.6, 0.2, "", "", List.of()),
        new Parameter("c", org.autotune.space.ParameterKind.REAL, 0, 4, 1.4, 0.2, "", "", List.of())));

    /** One pseudo-experiment's outcome: per parameter, covered or not (empty when the analysis gave no interval). */
    public record Outcome(Optional<boolean[]> covered, List<String> problems) {
    }

    private CoverageStudy() {
    }

    static double[] model(double[] t) {
        return new double[] {t[0] + t[1], t[0] - 0.5 * t[1], t[0] * t[1], t[2] + 0.3 * t[0], Math.exp(0.5 * t[2])};
    }

    /** Runs pseudo-experiment {@code k} (its data and noise pattern come from seed k). */
    public static Outcome run(long k) {
        var rng = new Random(1000 + k);
        double[] truth = model(TRUTH);
        double[] data = new double[truth.length];
        double[] z = new double[truth.length];
        for (int i = 0; i < truth.length; i++) {
            data[i] = truth[i] + SIGMA_DATA * rng.nextGaussian();
            z[i] = rng.nextGaussian();
        }
        java.util.function.Function<Point, Score> score = p -> {
            double[] m = model(p.values());
            var obs = new ArrayList<Observable>();
            double chi2 = 0;
            double var = 0;
            for (int i = 0; i < m.length; i++) {
                var o = new Observable("m" + i, m[i] + SIGMA_SIM * z[i], SIGMA_SIM, data[i], SIGMA_DATA);
                obs.add(o);
                chi2 += o.pull() * o.pull();
                // standard error of pull² from the simulation's statistics: 2·|pull|·σ_s/√V
                var += Math.pow(2 * o.pull() * SIGMA_SIM / Math.hypot(SIGMA_SIM, SIGMA_DATA), 2);
            }
            return new Score(chi2, OptionalDouble.of(Math.sqrt(var + 1e-12)), Map.of(), obs);
        };
        var samples = new ArrayList<SampleRecord>();
        var opt = Optimizers.create(YamlFile.parse(Path.of("coverage.yaml"), "type: surrogate"), SPACE, k, 4, false);
        int told = 0;
        while (!opt.done() && told < BUDGET) {
            var points = opt.ask(4);
            if (points.isEmpty()) {
                break;
            }
            var results = new ArrayList<Result>();
            for (var p : points) {
                var s = score.apply(p);
                samples.add(record(samples.size() + 1, p, s));
                results.add(new Result(p, Optional.of(s)));
            }
            opt.tell(results);
            told += points.size();
        }
        var best = samples.stream().min(java.util.Comparator.comparingDouble(r -> r.score().getAsDouble()))
            .orElseThrow();
        double[] center = SPACE.toUnit(LocalAnalysis.pointOf(SPACE, best.point()));
        double[] widths = new double[3];
        for (int i = 0; i < 3; i++) {
            widths[i] = Math.min(0.2, SPACE.parameter(i).unitStep());
        }
        var lines = ScanDesign.lines(center, widths);
        double[] lineScores = new double[lines.points().size()];
        for (int i = 0; i < lineScores.length; i++) {
            var p = SPACE.fromUnit(lines.points().get(i));
            var s = score.apply(p);
            lineScores[i] = s.value();
            samples.add(record(samples.size() + 1, p, s));
        }
        var design = ScanDesign.around(center, lines.adaptedWidths(lineScores, 2));
        for (var u : design.points()) {
            var p = SPACE.fromUnit(u);
            samples.add(record(samples.size() + 1, p, score.apply(p)));
        }
        var analysis = LocalAnalysis.of(SPACE, ScoreType.CHI_SQUARE, design, samples);
        if (analysis.constraints().isEmpty() || analysis.minimum().isEmpty()) {
            return new Outcome(Optional.empty(), analysis.problems());
        }
        var est = analysis.constraints().get().estimates();
        boolean[] covered = new boolean[3];
        for (int i = 0; i < 3; i++) {
            covered[i] = Math.abs(analysis.minimum().get().get(i) - TRUTH[i]) <= est.get(i).sigma();
        }
        return new Outcome(Optional.of(covered), analysis.problems());
    }

    private static SampleRecord record(long id, Point p, Score s) {
        return new SampleRecord(id, "k" + id, p.asMap(), 1, 40, SampleStatus.FINISHED, 1, OptionalDouble.of(s.value()),
            s.standardError(), Map.of(), s.observables(), "", Optional.of(0), "", "", "coverage", (int) id, Instant.EPOCH,
            Optional.empty(), Optional.empty(), 0);
    }

    /**
     * Coverage fractions per parameter over pseudo-experiments first … first + count − 1, and how
     * many gave no interval.
     */
    public static double[] coverage(long first, int count, int[] failed) {
        double[] hits = new double[3];
        int used = 0;
        for (long k = first; k < first + count; k++) {
            var o = run(k);
            if (o.covered().isEmpty()) {
                failed[0]++;
                continue;
            }
            used++;
            for (int i = 0; i < 3; i++) {
                hits[i] += o.covered().get()[i] ? 1 : 0;
            }
        }
        for (int i = 0; i < 3; i++) {
            hits[i] /= used;
        }
        return hits;
    }
}
