package org.autotune.optimize;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.autotune.space.Parameter;
import org.autotune.space.Point;
import org.autotune.space.Space;

/**
 * The default optimizer for a score that is one number per sample: phases of a local search and a
 * global Gaussian-process search, each phase starting from everything the earlier ones learnt.
 *
 * <ul>
 *   <li>Exact scores (fixed seeds): BOBYQA from the start, with the parameters' step as its first
 *   radius and a first model that grows from 2n + 1 points when it fails ({@link BobyqaGrowing}),
 *   until its trust region is a ten-thousandth of the range; then Bayesian optimisation
 *   (scores on a log scale) on every sample so far, which looks for a better basin where the local
 *   search cannot see; when the Gaussian process expects no more improvement, BOBYQA again from the
 *   best sample with a tenth of the first radius, and so on while the campaign's budget lasts. It
 *   ends after {@value #IDLE_PHASES} phases in a row that did not improve the best score.</li>
 *   <li>Noisy scores (fresh seeds): the start twice ({@link AutoNoiseProbe}; with several slots in the
 *   first wave of the global phase below, so the probe costs no wave); when both score exactly
 *   alike, the score is exact but for outliers and the phases for exact scores run. Otherwise
 *   Bayesian optimisation over the whole space, whose Gaussian process
 *   averages the noise, for at most {@value #GLOBAL_SAMPLES_PER_PARAMETER} samples per parameter; then
 *   (or earlier, when it expects no more improvement) Bayesian optimisation again in a box
 *   around the model's best point (a fifth of each range wide, then half as wide each time), which
 *   learns the samples already in the box: a trust region in the manner of TuRBO (Eriksson et al.
 *   2019). It ends when the box is a thousandth of the range and the model there expects no
 *   improvement above the noise: the search has reached the noise level at the optimum.</li>
 * </ul>
 * Each phase runs until it is done and all its points are scored, so that every result goes to
 * the phase that asked for it; the phases and their points depend only on the results told, so a
 * campaign resumes by replay.
 */
final class Auto implements Optimizer {
    /** Phases without any improvement of the best score in a row after which the search ends. */
    private static final int IDLE_PHASES = 4;
    /** Parameters up to which BOBYQA keeps a full quadratic model. */
    private static final int FULL_MODEL_UP_TO = 8;
    /** Parameters up to which BOBYQA keeps 4n + 1 interpolation points. */
    private static final int RICH_MODEL_UP_TO = 12;
    /**
     * Samples per parameter after which the first, global phase on noisy scores hands over to the local
     * boxes. Measured with bench/suite-fast, seeds 1-3: an uncapped global phase spent 178 and 297 of 320
     * samples on the 8-parameter noisy Rosenbrock and ellipsoid (median best 10.8 and 1.9e4); capped at
     * 10 per parameter, 8.2 and 1.4e4, and the 5-parameter noisy sphere reached its target sooner.
     */
    private static final int GLOBAL_SAMPLES_PER_PARAMETER = 10;
    /** Half-width (unit cube) below which the noisy search ends. */
    private static final double MIN_BOX = 1e-3;

    private final Space space;
    private final long seed;
    private final int slots;
    private boolean noisy;
    private final double radius;
    private final List<Result> history = new ArrayList<>();
    /** Points asked and not yet told; the noise probe asks the start several times. */
    private final List<Point> pending = new ArrayList<>();
    private Optimizer phase;
    private int phases;
    private int idle;
    private double bestAtPhaseStart = Double.POSITIVE_INFINITY;
    private boolean done;
    /** Half-width (unit cube) of the next local box, noisy scores only. */
    private double box = 0.2;

    /**
     * @param probe with noisy scores, first sample the start two or three times and treat the score as
     *              exact when two of them agree exactly ({@link AutoNoiseProbe}); false when the user
     *              said the scores are noisy
     */
    Auto(Space space, long seed, int slots, boolean noisy, boolean probe) {
        this.space = space;
        this.seed = seed;
        this.slots = slots;
        this.noisy = noisy;
        this.radius = Math.min(0.25, space.parameters().stream().mapToDouble(p -> p.unitStep()).average()
            .orElse(0.1));
        this.phase = noisy && probe ? new AutoNoiseProbe(space.start(), bayesian(space, List.of(), 1)) : next();
    }

    Auto(Space space, long seed, int slots, boolean noisy) {
        this(space, seed, slots, noisy, false);
    }

    @Override
    public List<Point> ask(int n) {
        while (!done && phase.done() && pending.isEmpty()) {
            advance();
        }
        if (done) {
            return List.of();
        }
        var points = phase.ask(n);
        pending.addAll(points);
        if (points.isEmpty() && pending.isEmpty() && phase.done()) {
            return ask(n);
        }
        return points;
    }

    @Override
    public void tell(List<Result> results) {
        for (var r : results) {
            if (!pending.remove(r.point())) {
                throw new IllegalArgumentException("the auto optimizer did not ask for " + r.point()
                    + " (or was told its score already)");
            }
            history.add(r);
        }
        phase.tell(results);
    }

    /** The earlier results join the history every later phase starts from; the first phase learns them too. */
    @Override
    public void learn(List<Result> earlier) {
        var finite = earlier.stream().filter(r -> Double.isFinite(r.value())).toList();
        history.addAll(finite);
        phase.learn(finite);
    }

    @Override
    public boolean done() {
        return done;
    }

    /** Auto stops only when its phases stop improving (or, with noise, the box is small enough). */
    @Override
    public boolean converged() {
        return done;
    }

    @Override
    public Optional<Point> estimate() {
        if (noisy) {
            return phase.estimate().or(() -> best().map(Result::point));
        }
        return best().map(Result::point);
    }

    @Override
    public void close() {
        phase.close();
    }

    private void advance() {
        if (phase instanceof AutoNoiseProbe probe) {
            afterProbe(probe);
            return;
        }
        double best = best().map(Result::value).orElse(Double.POSITIVE_INFINITY);
        idle = best < bestAtPhaseStart ? 0 : idle + 1;
        bestAtPhaseStart = best;
        var estimate = phase.estimate();
        phase.close();
        if (noisy ? box < MIN_BOX : idle >= IDLE_PHASES) {
            done = true;
            return;
        }
        if (noisy) {
            phases++;
            phase = local(estimate.orElseGet(() -> best().orElseThrow().point()));
            box /= 2;
            return;
        }
        phase = next();
    }

    /**
     * After the noise probe: exact scores when two samples of the start agreed (the others at the start
     * were outliers, and leave the history), else noisy as the campaign said.
     */
    private void afterProbe(AutoNoiseProbe probe) {
        var repeated = probe.repeated();
        noisy = repeated.isEmpty();
        if (noisy) {
            phases = 1;   // the global phase, as next() would start it, with what it asked in the first wave
            phase = probe.follow();
            return;
        }
        probe.close();
        var r = repeated.orElseThrow();
        history.removeIf(h -> h.point().equals(r.point()) && h.value() != r.value());
        phase = next();
        phase.learn(List.of(r));
    }

    /** The next phase for exact scores, or the first phase: see the class comment. */
    private Optimizer next() {
        int k = phases++;
        if (noisy || k % 2 == 1 || space.dimension() < 2) {
            return global(space, history);
        }
        double r = k == 0 ? radius : radius / 10;
        double[] start = k == 0 ? space.toUnit(space.start()) : space.toUnit(best().orElseThrow().point());
        var settings = new BobyqaSettings(r, Math.min(k == 0 ? 1e-4 : 1e-6, r / 10), 100_000_000);
        if (k == 0) {
            return new BobyqaGrowing(space, settings, start, interpolationPoints(space.dimension()));
        }
        return PullAdapter.bobyqa(space, settings, start, interpolationPoints(space.dimension()));
    }

    /**
     * BOBYQA's interpolation points: a full quadratic model, (n + 1)(n + 2)/2 points, up to
     * {@value #FULL_MODEL_UP_TO} parameters (it learns curved valleys and correlations, which a
     * minimum-norm model of fewer points only guesses); 4n + 1 up to {@value #RICH_MODEL_UP_TO}; 2n + 1
     * (Powell's choice) beyond, where a richer model costs more samples than the budget can spare.
     * Measured with bench/suite's problems: full beats 2n + 1 on rosenbrock-5 and -8, ellipsoid-5 and
     * rlc-5; at 12 parameters 4n + 1 beats both on rosenbrock, ellipsoid and different-powers; at 20,
     * 2n + 1 reaches the sphere's target in 45 samples, 4n + 1 in 85.
     */
    static int interpolationPoints(int n) {
        if (n <= FULL_MODEL_UP_TO) {
            return (n + 1) * (n + 2) / 2;
        }
        return n <= RICH_MODEL_UP_TO ? 4 * n + 1 : 2 * n + 1;
    }

    /** Bayesian optimisation in a box of half-width {@link #box} (unit cube) around a point. */
    private Optimizer local(Point centre) {
        double[] c = space.toUnit(centre);
        var parameters = new ArrayList<Parameter>();
        for (int i = 0; i < c.length; i++) {
            var p = space.parameter(i);
            double lo = p.fromUnit(Math.max(0, c[i] - box));
            double hi = p.fromUnit(Math.min(1, c[i] + box));
            double start = Math.min(hi, Math.max(lo, centre.values()[i]));
            parameters.add(new Parameter(p.name(), p.kind(), lo, hi, start, p.step(), p.unit(), p.description(),
                p.choices()));
        }
        var sub = new Space(parameters);
        return global(sub, history.stream().filter(r -> sub.contains(r.point())).toList());
    }

    private Optimizer global(Space where, List<Result> known) {
        return bayesian(where, known, phases);
    }

    /** Bayesian optimisation as the phase numbered {@code index}; the first on noisy scores has a cap. */
    private Bayesian bayesian(Space where, List<Result> known, int index) {
        int initial = Math.min(500, Bayesian.defaultInitial(where.dimension(), slots));
        boolean first = noisy && index == 1;
        int evaluations = first ? Math.max(2 * initial, GLOBAL_SAMPLES_PER_PARAMETER * where.dimension()) : 100_000;
        var settings = new BayesianSettings(initial, Acquisition.Kind.EI, evaluations, 0.05, noisy, true);
        var bayesian = new Bayesian(where, seed * 1_000_003L + index, settings);
        bayesian.learn(known);
        return bayesian;
    }

    private Optional<Result> best() {
        return history.stream().filter(r -> Double.isFinite(r.value())).min(Comparator.comparingDouble(Result::value));
    }
}
