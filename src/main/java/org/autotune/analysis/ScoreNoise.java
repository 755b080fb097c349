package org.autotune.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.autotune.score.Observable;
import org.hipparchus.distribution.continuous.ChiSquaredDistribution;

/**
 * What replicates with fresh seeds at one point say about a fixed-seed campaign. With one seed
 * every sample shares one noise pattern, so differences between samples are smooth and nothing
 * tells how much the score moves from seed to seed. The replicates do:
 * <ul>
 *   <li>the standard deviation of their scores is the score's noise there: samples whose scores
 *       differ by less are not told apart by the data and one seed;</li>
 *   <li>the scatter of each observable over the replicates, against the simulation error the
 *       metric gives it: Σ over observables and replicates of (simulated − its mean)² / σ_sim² follows
 *       χ² with (replicates − 1) × observables degrees of freedom when the metric's simulation errors
 *       are right. Every χ² and interval rests on those errors; the check needs no fit, so the seed
 *       the parameters were tuned with does not bias it.</li>
 * </ul>
 *
 * @param scores      the replicates' scores
 * @param observables each replicate's observables (all replicates the same ones), or empty lists
 * @param sampleScore the score of the campaign's own (fixed-seed) sample at the same point
 * @param sample      that sample's name
 */
public record ScoreNoise(List<Double> scores, List<List<Observable>> observables, double sampleScore,
                         String sample) {
    /** Replicates fewer than this do not measure a spread. */
    public static final int MIN_REPLICATES = 2;
    /** A scatter check with p below this (or above 1 − it) says the simulation errors are wrong. */
    public static final double REJECT = 0.01;

    public ScoreNoise {
        scores = List.copyOf(scores);
        observables = observables.stream().map(List::copyOf).toList();
        if (scores.size() < MIN_REPLICATES) {
            throw new IllegalArgumentException("a noise estimate needs at least " + MIN_REPLICATES
                + " replicates, got " + scores.size());
        }
    }

    /** @return empty with fewer than {@link #MIN_REPLICATES} replicates */
    public static Optional<ScoreNoise> of(List<Double> scores, List<List<Observable>> observables,
                                          double sampleScore, String sample) {
        return scores.size() < MIN_REPLICATES ? Optional.empty()
            : Optional.of(new ScoreNoise(scores, observables, sampleScore, sample));
    }

    public double mean() {
        return scores.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    /** The sample standard deviation of the replicates' scores: the score's noise at this point. */
    public double sd() {
        double m = mean();
        double ss = scores.stream().mapToDouble(s -> (s - m) * (s - m)).sum();
        return Math.sqrt(ss / (scores.size() - 1));
    }

    /** The scatter check: {chi2, ndf}; empty without observables, or when the replicates' observables differ. */
    public Optional<double[]> scatter() {
        int k = observables.isEmpty() ? 0 : observables.get(0).size();
        if (k == 0 || observables.size() != scores.size()
            || observables.stream().anyMatch(o -> o.size() != observables.get(0).size())) {
            return Optional.empty();
        }
        int r = observables.size();
        double chi2 = 0;
        for (int j = 0; j < k; j++) {
            double mean = 0;
            double variance = 0;
            for (var o : observables) {
                mean += o.get(j).simulated() / r;
                variance += o.get(j).simulatedError() * o.get(j).simulatedError() / r;
            }
            if (!(variance > 0)) {
                return Optional.empty();
            }
            for (var o : observables) {
                chi2 += Math.pow(o.get(j).simulated() - mean, 2) / variance;
            }
        }
        return Optional.of(new double[] {chi2, (r - 1.0) * k});
    }

    /** The scatter check's p-value (the chance of a larger scatter); NaN without observables. */
    public double pValue() {
        return scatter().map(s -> 1 - new ChiSquaredDistribution(s[1]).cumulativeProbability(s[0]))
            .orElse(Double.NaN);
    }

    public List<String> describe() {
        var out = new ArrayList<String>();
        out.add(String.format(Locale.ROOT, "score's noise at %s's point: sd %.3g over %d fresh seeds (their mean "
            + "%.6g; that sample with the campaign's seed: %.6g): samples whose scores differ by less are not told "
            + "apart by the data and one seed", sample, sd(), scores.size(), mean(), sampleScore));
        scatter().ifPresent(s -> {
            double p = pValue();
            double factor = Math.sqrt(s[0] / s[1]);
            String verdict = p < REJECT ? String.format(Locale.ROOT, "MORE than the metric's simulation errors say: "
                + "they are about %.2g times the errors it uses, and every interval resting on them is too narrow",
                factor)
                : p > 1 - REJECT ? String.format(Locale.ROOT, "LESS than the metric's simulation errors say: they are "
                + "about %.2g times the errors it uses, and every interval resting on them is too wide", factor)
                : "as the metric's simulation errors say";
            out.add(String.format(Locale.ROOT, "the observables scatter over the fresh seeds %s (chi2/ndf = %.1f/%.0f "
                + "= %.2f, p = %.2g)", verdict, s[0], s[1], s[0] / s[1], p));
        });
        return out;
    }

    /** The numbers, as written to analysis.json. */
    public Map<String, Object> toMap() {
        var map = new LinkedHashMap<String, Object>();
        map.put("sample", sample);
        map.put("replicates", scores.size());
        map.put("mean", mean());
        map.put("sd", sd());
        map.put("sample_score", sampleScore);
        scatter().ifPresent(s -> {
            map.put("scatter_chi2", s[0]);
            map.put("scatter_ndf", (int) s[1]);
            map.put("scatter_p", pValue());
        });
        return map;
    }
}
