package org.autotune.optimize;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.autotune.model.Frame;
import org.autotune.model.PolynomialBasis;
import org.autotune.model.SpaceFillingDesign;
import org.autotune.model.UnitBox;
import org.autotune.space.Point;
import org.autotune.space.Space;
import org.hipparchus.distribution.continuous.TDistribution;

/**
 * Local-surrogate gradient descent for stochastic, non-differentiable simulators (in the style of
 * L-GSO, Shirobokov et al., NeurIPS 2020, with a regression model in place of the generative one).
 * Each iteration asks one batch of space-filling points (a Sobol set with a seeded random shift)
 * in a trust box around the current design, fits a local model of the score to the newest samples
 * (this batch plus earlier ones: the replay store, weighted by how far outside the box they lie;
 * with many parameters a quadratic in the active subspace, {@link LocalModels}), and steps to the
 * model's minimum within a ball of the box's half-width when the gain it predicts for that is
 * significant ({@link NewtonStep}), else on the model's gradient with its components shrunk by
 * their standard errors ({@link NoisyStep}), clipped to the box. The next batch's model judges the
 * step: one that went uphill by more than its standard error is undone; the box grows when the step
 * reached its edge and gained as much as predicted. With exact scores the box shrinks when the step
 * gained less than a quarter of the prediction or the design barely moves, and the search stops
 * below {@code tolerance}. With noisy scores the first box is wide (its model smooths dips and
 * barriers smaller than the box) and halves, down to {@code min-radius}, when a step's new rating
 * falls short of a quarter of its prediction (the step is undone) or the design stops improving,
 * restarting from the best rated design when it wandered off; noise never stops the search.
 *
 * <p>Works in the unit cube (log parameters on their log scale); real and log parameters only.
 * Every point asked lies inside the box in force when it was asked ({@link #box()}). Proposals
 * depend only on the seed and the results told: a batch is fitted in the order it was asked,
 * whatever the order its results came back in.
 */
final class LocalSurrogate implements Optimizer {
    private static final double GROW = 1.5;
    private static final double SHRINK = 0.5;
    private static final double MAX_RADIUS = 0.5;
    /**
     * The most samples a full quadratic may need before it is left out (above about 25 parameters):
     * then a fit holds at most four samples per coefficient of a diagonal quadratic, else ten per
     * coefficient of a full one, so a fit costs the same late in a campaign as early.
     */
    private static final int MAX_FIT = 500;
    /** Replayed samples weighing less than this (far outside the box) are left out of the fit. */
    private static final double MIN_WEIGHT = 0.05;
    /** Iterations without a significant gradient (or with an undone step) before the box narrows. */
    private static final int STALLS = 2;
    /**
     * Iterations without a better rated design before the box narrows: few, as the step to the
     * model's minimum ({@link NewtonStep}) reaches a width's smoothed minimum in a few iterations.
     */
    private static final int PATIENCE = 3;
    /**
     * The same at the narrowest box, before a restart from the best design: longer, as there the
     * ratings differ mostly by noise and restarts make the design jump (with 3 the 10-parameter
     * Rosenbrock stays below g = 0.5 only after a third of its budget, with 5 from 2 %).
     */
    private static final int RESTART_PATIENCE = 5;
    /** The fraction of the predicted gain a step must be measured to gain (within the noise) to be kept. */
    private static final double CONFIRM = 0.25;
    /** Standard errors for a gradient component to count (about 95 % two-sided for many samples). */
    private static final double SIGNIFICANT = 2;

    private final Space space;
    private final int n;
    private final LocalSurrogateSettings settings;
    private final SplittableRandom rng;
    private final SpaceFillingDesign sobol;

    private double[] center;
    private double radius;
    private final NoisyStep stepper;
    private final LocalModels models;
    private int stalls;
    private int sinceBest;
    /** The design the models rated best so far, with that rating and its standard error. */
    private double[] best;
    private double bestValue = Double.POSITIVE_INFINITY;
    private double bestError;
    /** The centre before the last step and the gain the model predicted for it (null and NaN before the first). */
    private double[] previous;
    private double predictedGain = Double.NaN;
    /** The rating of the design before the last step by the model that chose it, its error and box half-width. */
    private double rating = Double.NaN;
    private double ratingError;
    private double ratingRadius;
    private boolean done;
    private boolean converged;

    /** Every point asked, in the order asked, with its result once told: the replay store. */
    private final Map<Point, Optional<Result>> asked = new LinkedHashMap<>();
    private final List<Point> order = new ArrayList<>();
    private final List<Point> toAsk = new ArrayList<>();
    private final Set<Point> pending = new HashSet<>();
    private final List<Point> batchPoints = new ArrayList<>();
    private final List<TrustBox> trace = new ArrayList<>();
    private final List<PathStep> path = new ArrayList<>();

    LocalSurrogate(Space space, long seed, LocalSurrogateSettings settings) {
        this.space = space;
        this.n = space.dimension();
        this.settings = settings;
        this.rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        this.sobol = SpaceFillingDesign.plain(n);   // shifted afresh for every batch
        this.center = space.toUnit(space.start());
        this.radius = settings.radius();
        this.stepper = new NoisyStep(n);
        this.models = new LocalModels(n);
    }

    /** Default batch: the slots, but at least enough samples for a linear model with as many to spare. */
    static int defaultBatch(int n, int slots) {
        return Surrogate.defaultBatch(n, slots);
    }

    @Override
    public List<Point> ask(int want) {
        if (done) {
            return List.of();
        }
        if (toAsk.isEmpty() && pending.isEmpty()) {
            planBatch();
        }
        var out = new ArrayList<Point>();
        while (out.size() < want && !toAsk.isEmpty()) {
            var p = toAsk.remove(0);
            pending.add(p);
            asked.put(p, Optional.empty());
            order.add(p);
            out.add(p);
        }
        return out;
    }

    /** A Sobol set shifted by a random offset (fresh points each batch, still space-filling), in the box. */
    private void planBatch() {
        trace.add(new TrustBox(trace.size(), center, radius));
        sobol.shift(rng);
        var points = new LinkedHashSet<Point>();
        for (int tries = 0; points.size() < settings.batch() && tries < 20 * settings.batch(); tries++) {
            var p = space.fromUnit(sobol.nextAround(center, radius));
            if (!asked.containsKey(p)) {
                points.add(p);
            }
        }
        toAsk.addAll(points);
        batchPoints.clear();
        batchPoints.addAll(points);
    }

    @Override
    public void tell(List<Result> results) {
        for (var r : results) {
            if (!pending.remove(r.point())) {
                throw new IllegalArgumentException("the local-surrogate optimizer did not ask for " + r.point()
                    + " (or was told it already)");
            }
            asked.put(r.point(), Optional.of(r));
        }
        if (pending.isEmpty() && toAsk.isEmpty() && !done) {
            iterate();
        }
    }

    /** After a batch: fit, judge the last step, resize the box, take the next step or stop. */
    private void iterate() {
        var box = trace.get(trace.size() - 1);
        var model = fit(box);
        double oldRadius = radius;
        var from = previous;
        boolean accepted = model.isEmpty() || previous == null || !Double.isFinite(predictedGain)
            || judge(model.get());
        String note = model.map(m -> m.basis().toString()).orElse("no model");
        path.add(new PathStep(path.size(), note, oldRadius, space.fromUnit(from == null ? center : from),
            model.isPresent() && from != null ? model.get().value(from) : Double.NaN, space.fromUnit(center),
            model.map(m -> m.value(center)).orElse(Double.NaN), accepted, batchPoints.size()));
        previous = null;
        predictedGain = Double.NaN;
        converged = radius < settings.tolerance();
        if (trace.size() >= settings.iterations() || converged) {
            done = true;
            return;
        }
        if (model.isEmpty()) {
            return;
        }
        double value = model.get().value(center);   // the model's rating of the design, before it moves
        double error = model.get().standardError(center);
        rating = value;
        ratingError = error;
        ratingRadius = radius;
        boolean significant = accepted && step(model.get());
        if (settings.noisy()) {
            schedule(value, error, significant);
        }
    }

    /**
     * Judges the last step by the new model (the gain it measures between the old and the new
     * design, with its standard error) and resizes the box; false when the step is undone.
     */
    private boolean judge(LocalFit model) {
        double gain = model.value(previous) - model.value(center);
        double error = model.differenceError(previous, center);
        double rho = gain / Math.max(predictedGain, 1e-300);
        double length = stepLength(previous, center);
        boolean uphill = gain < -critical(model) * error;
        boolean worse = settings.noisy() && ratingRadius == radius && !confirmed(model);
        if (rho >= 0.75 && length >= 0.8 * radius) {
            // with noisy scores never wider than the first box: the schedule only narrows it
            radius = Math.min(settings.noisy() ? settings.radius() : MAX_RADIUS, GROW * radius);
        } else if (!settings.noisy() && (!(rho >= 0.25) || length < 0.1 * radius)) {
            // the step fell short of the prediction, so the model was too coarse, or the design
            // barely moves, near a minimum, where a smaller box fits a more local model
            radius *= SHRINK;
        }
        if (uphill || worse) {
            center = previous;   // uphill by the new model: go back, and forget the momentum
            stepper.reset();
        }
        if (worse) {
            narrow();
        }
        return !uphill && !worse;
    }

    /**
     * The ratio test across models (noisy scores): the new design, rated by its own box's model, has
     * gained at least CONFIRM of the gain predicted over the old design's rating by the model that
     * chose the step, within the noise of the two ratings. Both models average over boxes of the same
     * width, so they smooth alike; a step to the minimum of a model that misdescribes a curved valley
     * fails it and is undone, and the box narrows (trust-region style) instead of being pulled along.
     */
    private boolean confirmed(LocalFit model) {
        double gain = rating - model.value(center);
        return gain >= CONFIRM * predictedGain - critical(model) * Math.hypot(model.standardError(center), ratingError);
    }

    /**
     * The box schedule with noisy scores. A wide box smooths the score (its model averages over
     * the box, so small dips and barriers vanish); once the design stops improving at this width
     * (STALLS iterations in a row without a significant gradient, or with an undone step) the
     * box halves, down to {@code min-radius}, and the design restarts from the best one the
     * models rated at this width when it is significantly worse than that.
     */
    private void schedule(double value, double error, boolean significant) {
        sinceBest++;
        if (value < bestValue) {
            best = previous == null ? center.clone() : previous.clone();
            bestValue = value;
            bestError = error;
            sinceBest = 0;
        }
        stalls = significant ? 0 : stalls + 1;
        if (stalls < STALLS && sinceBest < (radius > settings.minRadius() ? PATIENCE : RESTART_PATIENCE)) {
            return;
        }
        stalls = 0;
        sinceBest = 0;
        if (value - bestValue > SIGNIFICANT * Math.hypot(error, bestError)) {
            center = best.clone();   // restart from the best design at this width
            previous = null;
            predictedGain = Double.NaN;
            stepper.reset();
        }
        narrow();
    }

    /** Halves the box, down to {@code min-radius}: ratings at the new width start afresh. */
    private void narrow() {
        if (radius > settings.minRadius()) {
            radius = Math.max(settings.minRadius(), SHRINK * radius);
            stepper.restart();
            bestValue = Double.POSITIVE_INFINITY;   // ratings at another width do not compare
            stalls = 0;
            sinceBest = 0;
        }
    }

    /**
     * The model of the replay store's newest finite scores, weighted by their distance from the
     * box: 1 inside, falling as a Gaussian in how far a sample lies outside (half a box width
     * out: 0.6), left out below 0.05. In many dimensions nearly every sample of the last box has
     * some coordinate just outside the next one, so a hard box would drop them all after a move.
     * Without replay: this batch's samples only.
     */
    private Optional<LocalFit> fit(TrustBox box) {
        var xs = new ArrayList<double[]>();
        var scores = new ArrayList<Double>();
        var weights = new ArrayList<Double>();
        var source = settings.replay() ? order : batchPoints;
        int quadratic = PolynomialBasis.QUADRATIC.terms(n);
        int cap = LocalModels.SPARE * quadratic <= MAX_FIT ? 10 * quadratic
            : 4 * PolynomialBasis.DIAGONAL_QUADRATIC.terms(n);
        for (int k = source.size() - 1; k >= 0 && xs.size() < cap; k--) {
            var r = asked.get(source.get(k));
            double[] u = space.toUnit(source.get(k));
            double w = box.weight(u);
            if (r.isPresent() && Double.isFinite(r.get().value()) && w >= MIN_WEIGHT) {
                xs.add(u);
                scores.add(r.get().value());
                weights.add(w);
            }
        }
        return models.fit(Frame.around(box.center(), box.radius()), xs,
            scores.stream().mapToDouble(Double::doubleValue).toArray(),
            weights.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * How many standard errors make a difference significant at the 2σ level (one-sided, 97.7 %):
     * Student's t quantile for the fit's degrees of freedom, since the standard error is itself
     * estimated from few samples (2.0 for many, 13.0 for one).
     */
    private static double critical(LocalFit model) {
        int dof = model.degreesOfFreedom();
        return dof < 1 ? Double.POSITIVE_INFINITY : new TDistribution(dof).inverseCumulativeProbability(0.97725);
    }

    /**
     * The step at the box centre: to the model's minimum within a ball of the box's half-width
     * ({@link NewtonStep}) when the gain the model predicts for it is significant (the curvature
     * is known well enough to trust a big step), else a momentum step on the model's gradient
     * ({@link NoisyStep}), clipped to the box and the cube; both use the gradient with its
     * components shrunk by their standard errors. True when some component of the gradient is
     * significant.
     */
    private boolean step(LocalFit model) {
        double[] shrunk = LocalModels.shrunkGradient(model, SIGNIFICANT);
        double[] next = NewtonStep.of(model, shrunk, center, radius)
            .filter(u -> model.value(center) - model.value(u) > critical(model) * model.differenceError(center, u))
            .orElse(null);
        if (next != null) {
            stepper.reset();   // the curvature took the place of momentum
        } else {
            double[] s = stepper.next(shrunk, settings.learningRate(), radius);
            next = new double[n];
            for (int i = 0; i < n; i++) {
                next[i] = UnitBox.clamp(center[i] + s[i]);
            }
        }
        predictedGain = model.value(center) - model.value(next);
        previous = center;
        center = next;
        return NoisyStep.significant(shrunk);
    }

    /** The largest coordinate change from a to b. */
    private static double stepLength(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s = Math.max(s, Math.abs(a[i] - b[i]));
        }
        return s;
    }

    @Override
    public boolean done() {
        return done;
    }

    @Override
    public boolean converged() {
        return converged;
    }

    /** The design: the centre of the current box. */
    @Override
    public Optional<Point> estimate() {
        return Optional.of(space.fromUnit(center));
    }

    /** The box the points of the current (or last) batch were asked in. */
    TrustBox box() {
        if (trace.isEmpty()) {
            throw new IllegalStateException("no box before the first ask");
        }
        return trace.get(trace.size() - 1);
    }

    /** Every iteration's box, oldest first. */
    List<TrustBox> trace() {
        return List.copyOf(trace);
    }

    /** One step per iteration: the model fitted, the box half-width, from where to where. */
    @Override
    public List<PathStep> pathSince(int from) {
        return PathStep.since(path, from);
    }
}
