package org.autotune.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.autotune.score.Score;
import org.autotune.space.Space;

/**
 * Parameter screening by Morris elementary effects, in unit-cube coordinates (log parameters on
 * their log scale).
 *
 * <p>A trajectory starts at a random point of the 4-level grid {0, ⅓, ⅔, 1} and moves each
 * parameter once, in random order, by Δ = ⅔ (up from 0 or ⅓, down from ⅔ or 1), so one trajectory
 * costs n + 1 samples. Each move gives an elementary effect EE = Δscore / Δu of the parameter
 * moved. Per parameter: μ* = mean |EE| (its overall influence, the ranking), σ = standard
 * deviation of EE (non-linearity or interaction), and the noise of μ*: the mean standard error of
 * an EE, √(σ_a² + σ_b²)/Δ, over √r. A parameter whose μ* is below twice its noise does not
 * measurably change the score over the whole range.
 */
public final class Screening {
    /** Size of a move, in unit coordinates. */
    static final double DELTA = 2.0 / 3;

    /** One parameter's result. */
    public record Effect(String name, double muStar, double mu, double sigma, double noise, int effects) {
        /** μ* over its noise (infinite when the score has no standard errors or no noise). */
        public double significance() {
            return noise > 0 ? muStar / noise : (muStar > 0 ? Double.POSITIVE_INFINITY : 0);
        }

        /** True when the effect is not distinguishable from the noise. */
        public boolean withinNoise() {
            return significance() < 2;
        }
    }

    private Screening() {
    }

    /** {@code trajectories} · (n + 1) unit-cube points, trajectory after trajectory. */
    public static List<double[]> design(int n, int trajectories, long seed) {
        var rng = new SplittableRandom(seed);
        var points = new ArrayList<double[]>();
        for (int t = 0; t < trajectories; t++) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = rng.nextInt(4) / 3.0;
            }
            points.add(x.clone());
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
            }
            for (int i : order) {
                x[i] = x[i] < 0.5 ? x[i] + DELTA : x[i] - DELTA;
                points.add(x.clone());
            }
        }
        return points;
    }

    /**
     * The effects from a design's scores (empty for a failed sample: the two moves it takes part in
     * are left out), ranked by μ*, largest first.
     */
    public static List<Effect> effects(Space space, List<double[]> points, List<Optional<Score>> scores) {
        int n = space.dimension();
        var ee = new ArrayList<List<Double>>();
        var errors = new ArrayList<List<Double>>();
        for (int i = 0; i < n; i++) {
            ee.add(new ArrayList<>());
            errors.add(new ArrayList<>());
        }
        int trajectories = points.size() / (n + 1);
        for (int t = 0; t < trajectories; t++) {
            for (int s = 0; s < n; s++) {
                int a = t * (n + 1) + s;
                var from = scores.get(a);
                var to = scores.get(a + 1);
                int moved = movedAxis(points.get(a), points.get(a + 1));
                if (from.isEmpty() || to.isEmpty() || moved < 0) {
                    continue;
                }
                double du = points.get(a + 1)[moved] - points.get(a)[moved];
                ee.get(moved).add((to.get().value() - from.get().value()) / du);
                if (from.get().standardError().isPresent() && to.get().standardError().isPresent()) {
                    errors.get(moved).add(Math.hypot(from.get().standardError().getAsDouble(),
                        to.get().standardError().getAsDouble()) / Math.abs(du));
                }
            }
        }
        var out = new ArrayList<Effect>();
        for (int i = 0; i < n; i++) {
            var e = ee.get(i);
            int m = e.size();
            double muStar = e.stream().mapToDouble(Math::abs).average().orElse(Double.NaN);
            double mu = e.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double var = 0;
            for (double v : e) {
                var += (v - mu) * (v - mu);
            }
            double sigma = m > 1 ? Math.sqrt(var / (m - 1)) : Double.NaN;
            double noise = errors.get(i).size() == m && m > 0
                ? errors.get(i).stream().mapToDouble(Double::doubleValue).average().orElse(0) / Math.sqrt(m) : 0;
            out.add(new Effect(space.parameter(i).name(), muStar, mu, sigma, noise, m));
        }
        out.sort(Comparator.comparingDouble((Effect e) -> Double.isNaN(e.muStar()) ? -1 : e.muStar()).reversed());
        return out;
    }

    /** The axis along which two consecutive trajectory points differ, or −1. */
    private static int movedAxis(double[] a, double[] b) {
        int moved = -1;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                if (moved >= 0) {
                    return -1;
                }
                moved = i;
            }
        }
        return moved;
    }

    /** The ranking as a table. */
    public static List<String> describe(List<Effect> effects) {
        var out = new ArrayList<String>();
        out.add(String.format(Locale.ROOT, "%-4s %-16s %12s %12s %12s %10s  %s", "rank", "parameter", "mu*", "mu",
            "sigma", "mu*/noise", ""));
        int rank = 1;
        for (var e : effects) {
            out.add(String.format(Locale.ROOT, "%-4d %-16s %12.4g %12.4g %12.4g %10s  %s", rank++, e.name(), e.muStar(),
                e.mu(), e.sigma(), e.noise() > 0 ? String.format(Locale.ROOT, "%.1f", e.significance()) : "-",
                e.effects() == 0 ? "no effect measured (failed samples)"
                    : e.withinNoise() ? "within noise: a candidate to fix" : ""));
        }
        out.add("mu* = mean |change of the score| per full range of the parameter (unit-cube coordinates, log "
            + "parameters on their log scale); sigma > mu* means non-linear or interacting");
        return out;
    }

    public static Map<String, Object> toMap(List<Effect> effects) {
        var map = new LinkedHashMap<String, Object>();
        for (var e : effects) {
            var m = new LinkedHashMap<String, Object>();
            m.put("mu_star", e.muStar());
            m.put("mu", e.mu());
            m.put("sigma", Double.isNaN(e.sigma()) ? null : e.sigma());
            m.put("noise", e.noise());
            m.put("within_noise", e.withinNoise());
            m.put("effects", e.effects());
            map.put(e.name(), m);
        }
        return map;
    }
}
