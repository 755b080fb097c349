package org.autotune.optimize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.autotune.model.BoxMinimizer;
import org.autotune.model.SpaceFillingDesign;
import org.autotune.model.UnitBox;
import org.autotune.space.Point;
import org.autotune.space.Space;

/**
 * Surrogate tuning in the Professor style, as a trust region: each wave is one batch of samples
 * (the previous wave's surrogate minimum plus a space-filling Sobol design in a small box around
 * it, {@code spread} times the trust radius, so that the next model is densest where the minimum is
 * expected). After each wave a model is fitted <em>per observable</em> the metric exposes (simulated
 * value as a linear, diagonal-quadratic or full quadratic function of the parameters, whichever
 * predicts the samples' scores best when each is left out in turn) to the samples near the centre,
 * plus one model for the rest of the score; the score of the surrogate, Σ (model − reference)² /
 * (σ_sim² + σ_ref²) + rest, is minimised inside the trust box. The fresh sample at that minimum
 * checks the surrogate: the box grows when the actual improvement matches the predicted one and
 * shrinks when it does not. Stops when the box is smaller than {@code tolerance}. The model is a
 * {@link SurrogateModel}; its minimum in the box is found by BOBYQA ({@link BoxMinimizer}).
 *
 * <p>Modelling observables rather than the score is what makes it fast: observables are nearly
 * linear in the parameters, the χ² is not. Works in the unit cube (log parameters on their log
 * scale); real and log parameters only.
 */
final class Surrogate implements Optimizer {
    private static final int SEARCH_POINTS = 4000;
    private static final int STARTS = 3;

    private final Space space;
    private final int n;
    private final int batch;
    private final double tolerance;
    private final int maxWaves;
    private final SplittableRandom rng;
    private final SpaceFillingDesign sobol;
    /** Scores are noisy (fresh seeds): judge on the refitted surrogate, stop at the noise floor. */
    private final boolean noisy;
    /** Half-width of each wave's design box around the proposal, as a fraction of the trust radius. */
    private final double spread;

    private double[] center;
    private double centerScore = Double.NaN;
    private double radius;
    private double[] proposal;
    private double predicted = Double.NaN;
    private SurrogateModel models;
    private int wave;
    private int floorWaves;
    /** The scatter around the surrogate just before the box last shrank (-1: it has not shrunk yet). */
    private double shrunkScatter = -1;
    private boolean done;
    private boolean converged;

    private final Map<Point, Result> results = new LinkedHashMap<>();
    private final List<Point> toAsk = new ArrayList<>();
    private final Map<Point, Boolean> pending = new HashMap<>();
    private final List<Point> lastWave = new ArrayList<>();
    private final List<PathStep> path = new ArrayList<>();

    Surrogate(Space space, long seed, SurrogateSettings settings) {
        this.noisy = settings.noisy();
        this.spread = settings.spread();
        this.space = space;
        this.n = space.dimension();
        this.batch = settings.batch();
        this.radius = settings.radius();
        this.tolerance = settings.tolerance();
        this.maxWaves = settings.waves();
        this.rng = new SplittableRandom(seed ^ 0x2545F4914F6CDD1DL);
        this.sobol = SpaceFillingDesign.plain(n);   // shifted afresh for every wave
        this.center = space.toUnit(space.start());
        this.proposal = center.clone();
    }

    /** Default wave size: the slots, but at least enough samples for a linear model with some to spare. */
    static int defaultBatch(int n, int slots) {
        return Math.max(slots, 2 * (n + 1));
    }

    @Override
    public List<Point> ask(int want) {
        if (done) {
            return List.of();
        }
        if (toAsk.isEmpty() && pending.isEmpty()) {
            planWave();
        }
        var out = new ArrayList<Point>();
        while (out.size() < want && !toAsk.isEmpty()) {
            var p = toAsk.remove(0);
            pending.put(p, true);
            out.add(p);
        }
        return out;
    }

    private void planWave() {
        var points = new LinkedHashSet<Point>();
        Point first = space.fromUnit(proposal);
        if (!results.containsKey(first)) {
            points.add(first);
        }
        sobol.shift(rng);   // a random shift per wave: fresh points, still space-filling
        double half = radius * spread;
        for (int tries = 0; points.size() < batch && tries < 20 * batch; tries++) {
            Point p = space.fromUnit(sobol.nextAround(proposal, half));
            if (!results.containsKey(p)) {
                points.add(p);
            }
        }
        toAsk.addAll(points);
        lastWave.clear();
        lastWave.addAll(points);
    }

    /**
     * The earlier phases' finished samples join the results the per-observable models are fitted to;
     * a point among them (the start, when the phase starts from the best sample so far) is not asked
     * again.
     */
    @Override
    public void learn(List<Result> earlier) {
        for (var r : earlier) {
            if (Double.isFinite(r.value())) {
                results.putIfAbsent(r.point(), r);
            }
        }
    }

    @Override
    public void tell(List<Result> told) {
        for (var r : told) {
            if (pending.remove(r.point()) == null) {
                throw new IllegalArgumentException("the surrogate optimizer did not ask for " + r.point());
            }
            results.put(r.point(), r);
        }
        if (pending.isEmpty() && toAsk.isEmpty()) {
            update();
        }
    }

    /**
     * After a wave: check the last proposal against its fresh sample (trust-region ratio ρ = actual
     * over predicted improvement), move the centre there if it improved, resize the box, refit and
     * propose. At the noise floor (the predicted improvement is below the scatter of the samples
     * around the surrogate) the box stops shrinking, so that more samples average the noise; after
     * three such waves the search stops.
     */
    private void update() {
        double[] oldCenter = center.clone();
        double oldScore = centerScore;
        var proposed = results.get(space.fromUnit(proposal));
        double actual = proposed == null ? Double.POSITIVE_INFINITY : proposed.value();
        if (wave == 0) {
            centerScore = actual;   // the first wave's first point is the start
        }
        // judge the proposal on a surrogate refitted with this wave's samples: its values at the
        // centre and the proposal average the noise of single samples; without curvature, on the raw ones
        var judge = wave == 0 || !noisy ? null : SurrogateModel.fit(space, results.values(), oldCenter, radius * 1.5);
        boolean smooth = judge != null && judge.curved();
        double atCenter = smooth ? judge.score(oldCenter) : oldScore;
        double atProposal = smooth ? judge.score(proposal) : actual;
        if (wave > 0 && Double.isFinite(actual) && atProposal < atCenter) {
            center = proposal.clone();
            centerScore = actual;
        }
        if (wave > 0 && !smooth) {
            adoptBetterSample();
        }
        lastWave.clear();
        if (wave > 0 && Double.isFinite(predicted) && models != null) {
            resize(oldCenter, atCenter - atProposal);
        }
        path.add(new PathStep(path.size(), "wave", radius, space.fromUnit(oldCenter), oldScore,
            space.fromUnit(center), centerScore, !Arrays.equals(center, oldCenter) || wave == 0, batch));
        wave++;
        propose(SurrogateModel.fit(space, results.values(), center, radius * 1.5));
    }

    /**
     * A space-filling point of the last wave that beats the centre (with noisy scores: by more than
     * twice the scatter around the last surrogate) becomes the centre: the model missed something there.
     */
    private void adoptBetterSample() {
        double margin = models == null || !noisy ? 0 : 2 * models.scatter();
        for (var p : lastWave) {
            var r = results.get(p);
            if (r != null && r.value() < centerScore - margin) {
                center = space.toUnit(p);
                centerScore = r.value();
            }
        }
    }

    /**
     * Grows the box when the actual gain matched the predicted one and the step reached the box's
     * edge, shrinks it when the gain fell short, except at the noise floor: there the predicted gain
     * is below the scatter around the surrogate and that scatter did not fall when the box last
     * shrank (a misfit of the model falls with the box, noise does not).
     */
    private void resize(double[] oldCenter, double actualGain) {
        double gain = models.score(oldCenter) - predicted;
        double rho = actualGain / Math.max(gain, 1e-300);
        double stepLength = UnitBox.distance(proposal, oldCenter);
        boolean floor = noisy && gain < models.scatter() && shrunkScatter >= 0
            && models.scatter() > 0.5 * shrunkScatter;
        floorWaves = floor ? floorWaves + 1 : 0;
        if (rho >= 0.75 && stepLength >= 0.8 * radius) {
            radius = Math.min(0.5, 2 * radius);
        } else if (!(rho >= 0.25) && !floor) {
            radius /= 2;
            shrunkScatter = models.scatter();
        }
    }

    /** The next proposal from the refitted model, or the final estimate when the search stops. */
    private void propose(SurrogateModel fitted) {
        // the noise floor held for three waves: the model cannot resolve a better point
        converged = radius < tolerance || floorWaves >= 3;
        if (converged || wave >= maxWaves) {
            done = true;
            // the estimate: the surrogate's minimum from every sample near the final centre
            if (fitted != null && fitted.curved()) {
                models = fitted;
                proposal = minimise(fitted);
            } else {
                proposal = center.clone();   // no curvature to locate a minimum: the best centre found
            }
            return;
        }
        if (fitted == null) {
            proposal = center.clone();   // too few samples in the box: explore again around the centre
            predicted = Double.NaN;
            return;
        }
        models = fitted;
        proposal = minimise(models);
        predicted = models.score(proposal);
    }

    /**
     * The surrogate's minimum inside the trust box: BOBYQA from the centre and from the best few
     * points of a quasi-random search of the box (the surrogate score is a sum of squares of
     * quadratics, so it can have more than one minimum).
     */
    private double[] minimise(SurrogateModel m) {
        var screen = SpaceFillingDesign.plain(n);
        var points = new ArrayList<double[]>();
        for (int k = 0; k < SEARCH_POINTS; k++) {
            points.add(screen.nextAround(center, radius));
        }
        var starts = new ArrayList<double[]>();
        starts.add(center.clone());
        starts.addAll(BoxMinimizer.best(m::score, points, STARTS));
        return BoxMinimizer.around(center, radius, 200 + 50 * n).minimize(m::score, starts).point();
    }

    @Override
    public boolean done() {
        return done;
    }

    @Override
    public boolean converged() {
        return converged;
    }

    @Override
    public List<PathStep> pathSince(int from) {
        return PathStep.since(path, from);
    }

    /** The surrogate's minimum (fitted, so less noisy than the best sample), once there is a model. */
    @Override
    public Optional<Point> estimate() {
        return models == null ? Optional.empty() : Optional.of(space.fromUnit(proposal));
    }
}
