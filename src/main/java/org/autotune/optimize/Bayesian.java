package org.autotune.optimize;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.autotune.model.GaussianProcess;
import org.autotune.model.HyperparameterFit;
import org.autotune.model.SpaceFillingDesign;
import org.autotune.space.Point;
import org.autotune.space.Space;

/**
 * Bayesian optimisation: a Gaussian process ({@link GaussianProcess}, Matérn-5/2 with fitted
 * length scales, signal variance and nugget) models the score over the unit cube, and each
 * proposal maximises an acquisition ({@link Acquisition}: expected improvement, or a lower
 * confidence bound) under it. It spends few samples on smooth scores and averages noise through
 * the model.
 *
 * <p>First a space-filling design of {@code initial} points: the start point and a randomly
 * shifted Sobol set. The model takes over once the design is asked and half of it (at least two)
 * has scores; until then further Sobol points keep the slots busy. Points still running enter the
 * model with a made-up score, so that a batch, and an ask while earlier points run, gets distinct
 * points: a constant liar (Ginsbourger et al. 2010) whose lie is the incumbent (the best posterior
 * mean at a sample), raised to the point's own posterior mean where that is higher, so that the
 * lie never contradicts the model (a lie far below a smooth model makes it ring). No point closer
 * than 10⁻⁶ (unit cube) to one asked before is proposed. A failed sample counts as the worst
 * score seen.
 *
 * <p>Stops after {@code evaluations} points, or when for 3 asks in a row the largest expected
 * improvement is below {@code tolerance} times the noise level √(nugget + mean squared standard
 * error). Hyperparameters are refitted when the number of results has grown by a tenth since the
 * last fit (at every result while there are fewer than 20). Beyond 300 samples the model uses the
 * 200 nearest the best sample (with noisy scores: the best neighbourhood average) and 100 of the
 * rest, spread over the order they came in, which keeps each ask well under a second for 10
 * parameters. Proposals depend only on (settings, seed, results told so far), so a campaign
 * replays.
 */
final class Bayesian implements Optimizer {
    private static final int MODEL_SAMPLES = 300;
    private static final int MODEL_NEAR = 200;
    private static final double MIN_DISTANCE = 1e-6;
    private static final int QUIET_ASKS = 3;
    private static final int ANCHORS = 5;

    /** A sample the model learns from: where, its score (+∞ if it failed) and its own noise variance. */
    private record Told(Point point, double[] unit, double value, double variance) {
    }

    private final Space space;
    private final int d;
    private final long seed;
    private final BayesianSettings settings;
    private final SpaceFillingDesign sobol;
    private final List<double[]> design = new ArrayList<>();
    private final Map<Point, double[]> pending = new LinkedHashMap<>();
    /** Every point asked (or learnt), to keep new points away from. */
    private final PointSet asked = new PointSet();
    private final List<Told> told = new ArrayList<>();
    /** The sample the model's neighbourhood is centred on, kept up to date as results come in. */
    private final Centre centre;
    /** Running figures of the told samples, so that an ask never passes over all of them. */
    private final DoubleSummaryStatistics variances = new DoubleSummaryStatistics();
    private double worst = Double.NEGATIVE_INFINITY;
    private int scored;
    private double[] theta;
    private int fittedAt;
    private int quiet;
    private boolean done;
    private boolean converged;

    Bayesian(Space space, long seed, BayesianSettings settings) {
        this.space = space;
        this.d = space.dimension();
        this.seed = seed;
        this.settings = settings;
        this.centre = new Centre(settings.noisy() ? 2 * d + 1 : 0);
        var rng = new SplittableRandom(seed ^ 0x6A09E667F3BCC909L);
        this.sobol = new SpaceFillingDesign(rng.doubles(d).toArray());   // Cranley-Patterson shift
        design.add(space.toUnit(space.start()));
        while (design.size() < settings.initial()) {
            double[] u = nextSpaceFilling();
            if (far(u, design)) {
                design.add(u);
            }
        }
    }

    /** Default design size: 2n + 1 points, or one batch of the slots if that is more. */
    static int defaultInitial(int n, int slots) {
        return Math.max(2 * n + 1, slots);
    }

    @Override
    public List<Point> ask(int want) {
        int room = Math.min(want, settings.evaluations() - asked.size());
        if (room <= 0 && want > 0) {
            done = true;   // learnt results can fill the evaluations before the first ask
        }
        if (done || room <= 0) {
            return List.of();
        }
        var out = new ArrayList<double[]>();
        while (out.size() < room && !design.isEmpty()) {
            out.add(design.remove(0));
        }
        if (out.size() < room && design.isEmpty()) {
            if (modelReady()) {
                out.addAll(fromModel(room - out.size(), out));
            } else {
                while (out.size() < room) {
                    double[] u = nextSpaceFilling();
                    if (!asked.near(u, MIN_DISTANCE) && far(u, out)) {
                        out.add(u);
                    }
                }
            }
        }
        var points = new ArrayList<Point>();
        for (double[] u : out) {
            Point p = space.fromUnit(u);
            pending.put(p, space.toUnit(p));
            asked.add(space.toUnit(p));
            points.add(p);
        }
        if (asked.size() >= settings.evaluations() || (points.isEmpty() && pending.isEmpty())) {
            done = true;
        }
        return points;
    }

    @Override
    public void tell(List<Result> results) {
        for (var r : results) {
            double[] u = pending.remove(r.point());
            if (u == null) {
                throw new IllegalArgumentException("the bayesian optimizer did not ask for " + r.point()
                    + " (or was told its score already)");
            }
            add(told(r, u));
        }
    }

    /**
     * Learns the results of samples another optimizer asked for (an earlier phase of {@link Auto})
     * as if it had asked for them itself; with at least an initial design's worth of them, the
     * model takes over at once.
     */
    @Override
    public void learn(List<Result> prior) {
        for (var r : prior) {
            double[] u = space.toUnit(r.point());
            asked.add(u);
            add(told(r, u));
        }
        design.removeIf(u -> asked.near(u, MIN_DISTANCE));
        if (told.size() >= settings.initial()) {
            design.clear();
        }
    }

    private void add(Told t) {
        told.add(t);
        centre.add(t.unit(), t.value());
        variances.accept(t.variance());
        if (Double.isFinite(t.value())) {
            worst = Math.max(worst, t.value());
            scored++;
        }
    }

    private Told told(Result r, double[] u) {
        double se = r.score().flatMap(s -> s.standardError().isPresent()
            ? Optional.of(s.standardError().getAsDouble()) : Optional.empty()).orElse(0.0);
        return new Told(r.point(), u, r.value(), settings.noisy() ? se * se : 0);
    }

    @Override
    public boolean done() {
        return done;
    }

    /** The expected improvement stayed below the tolerance (not: the evaluations are used up). */
    @Override
    public boolean converged() {
        return converged;
    }

    /**
     * The sample with the lowest posterior mean: with noisy scores the model's average over its
     * neighbours, not the luckiest draw; with exact scores practically the best sample.
     */
    @Override
    public Optional<Point> estimate() {
        if (told.stream().noneMatch(t -> Double.isFinite(t.value()))) {
            return Optional.empty();
        }
        var data = modelData();
        var gp = HyperparameterFit.condition(data.units, data.values, data.noise,
            theta != null ? theta : HyperparameterFit.defaults(d, settings.noisy()));
        return told.stream().filter(t -> Double.isFinite(t.value()))
            .min(Comparator.comparingDouble(t -> gp.mean(t.unit()))).map(Told::point);
    }

    private boolean modelReady() {
        return scored >= Math.max(2, (settings.initial() + 1) / 2);
    }

    /**
     * Up to k points from the model, one acquisition maximum at a time; each pending point (and
     * each one chosen) enters the model with a made-up score (see the class comment).
     */
    private List<double[]> fromModel(int k, List<double[]> alsoAvoid) {
        var data = modelData();
        var gp = fit(data);
        double incumbent = Double.POSITIVE_INFINITY;
        double[] means = new double[data.units.length];
        for (int i = 0; i < means.length; i++) {
            means[i] = gp.mean(data.units[i]);
            incumbent = Math.min(incumbent, means[i]);
        }
        var anchors = IntStream.range(0, means.length).boxed()
            .sorted(Comparator.comparingDouble(i -> means[i])).limit(ANCHORS).map(i -> data.units[i]).toList();
        double meanVariance = variances.getAverage();
        double noiseSd = Math.sqrt(gp.nuggetSd() * gp.nuggetSd() + meanVariance);
        var avoid = PointSet.over(asked);
        alsoAvoid.forEach(avoid::add);
        var lies = new ArrayList<>(pending.values());
        lies.addAll(alsoAvoid);
        double[] lieValues = new double[lies.size()];
        for (int i = 0; i < lieValues.length; i++) {
            lieValues[i] = Math.max(incumbent, gp.mean(lies.get(i)));
        }
        var liar = gp.with(lies.toArray(double[][]::new), lieValues);
        var rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + asked.size() + alsoAvoid.size());
        var out = new ArrayList<double[]>();
        while (out.size() < k) {
            var choice = Acquisition.maximise(settings.acquisition(), liar, incumbent, avoid, anchors, MIN_DISTANCE,
                rng);
            if (choice.isEmpty()) {
                break;
            }
            if (out.isEmpty()) {
                quiet = choice.get().maxExpectedImprovement() < settings.tolerance() * noiseSd ? quiet + 1 : 0;
                if (quiet >= QUIET_ASKS) {
                    done = true;
                    converged = true;
                    break;
                }
            }
            double[] u = space.toUnit(space.fromUnit(choice.get().unit()));
            out.add(u);
            avoid.add(u);
            liar = liar.with(new double[][] {u}, new double[] {Math.max(incumbent, liar.mean(u))});
        }
        return out;
    }

    /** The model on the results so far, refitting the hyperparameters when enough new results came in. */
    private GaussianProcess fit(Data data) {
        int m = told.size();
        if (theta == null || m >= fittedAt + Math.max(1, m < 20 ? 1 : fittedAt / 10)) {
            var starts = new ArrayList<double[]>();
            starts.add(HyperparameterFit.defaults(d, settings.noisy()));
            if (theta != null) {
                starts.add(theta);
            }
            theta = HyperparameterFit.fit(data.units, data.values, data.noise, settings.noisy(), starts,
                Math.min(300, 30 * (d + 2)));
            fittedAt = m;
        }
        return HyperparameterFit.condition(data.units, data.values, data.noise, theta);
    }

    /** The samples the model learns from (failed ones at the worst score seen); see the class comment for the cap. */
    private Data modelData() {
        double worstSeen = scored > 0 ? worst : 0;
        int[] use = told.size() > MODEL_SAMPLES ? capped() : IntStream.range(0, told.size()).toArray();
        var data = new Data(new double[use.length][], new double[use.length], new double[use.length]);
        for (int j = 0; j < use.length; j++) {
            var t = told.get(use[j]);
            data.units[j] = t.unit();
            data.values[j] = Double.isFinite(t.value()) ? t.value() : worstSeen;
            data.noise[j] = t.variance();
        }
        return settings.logScale() ? logScale(data) : data;
    }

    /**
     * The capped training set, in the order the samples came in: the MODEL_NEAR nearest the centre
     * sample ({@link Centre}), found by selection rather than a sort of all N (ties: the earlier
     * sample), and MODEL_SAMPLES − MODEL_NEAR of the rest spread evenly over their order.
     */
    private int[] capped() {
        var units = new AbstractList<double[]>() {
            @Override
            public double[] get(int i) {
                return told.get(i).unit();
            }

            @Override
            public int size() {
                return told.size();
            }
        };
        int[] near = Nearest.of(units, told.get(centre.index()).unit(), MODEL_NEAR);
        Arrays.sort(near);
        int others = MODEL_SAMPLES - MODEL_NEAR;
        int rest = told.size() - near.length;
        int[] use = Arrays.copyOf(near, near.length + others);
        int skipped = 0;   // kept samples at or below the current one of the rest
        for (int j = 0; j < others; j++) {
            int i = (int) ((long) j * rest / others);   // the i-th sample of the rest, in order
            while (skipped < near.length && near[skipped] <= i + skipped) {
                skipped++;
            }
            use[near.length + j] = i + skipped;
        }
        Arrays.sort(use);
        return use;
    }

    private double[] nextSpaceFilling() {
        return space.toUnit(space.fromUnit(sobol.next()));
    }

    private static boolean far(double[] u, List<double[]> points) {
        return points.stream().allMatch(p -> distance2(u, p) >= MIN_DISTANCE * MIN_DISTANCE);
    }

    private static double distance2(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return s;
    }

    /**
     * With {@code scale: log}, scores that are never negative (χ², squared distances) are modelled
     * on a log scale, where a score spanning decades becomes smooth and multiplicative noise nearly
     * a constant nugget; the offset (10⁻³ of the median score) keeps an exact zero finite and keeps
     * the valley floor from becoming a spike. It blurs differences far below the offset, so
     * {@link Auto} leaves the last digits to BOBYQA. A score's own variance σ² maps
     * to (σ / (score + offset))². Monotone, so the minimum and the ranking do not change.
     */
    private static Data logScale(Data data) {
        if (Arrays.stream(data.values).anyMatch(v -> v < 0) || data.values.length == 0) {
            return data;
        }
        double[] sorted = data.values.clone();
        Arrays.sort(sorted);
        double offset = Math.max(1e-3 * sorted[sorted.length / 2], Double.MIN_NORMAL);
        double[] values = new double[sorted.length];
        double[] noise = new double[sorted.length];
        for (int i = 0; i < values.length; i++) {
            double v = data.values[i] + offset;
            values[i] = Math.log(v);
            noise[i] = data.noise[i] / (v * v);
        }
        return new Data(data.units, values, noise);
    }

    private record Data(double[][] units, double[] values, double[] noise) {
    }
}
