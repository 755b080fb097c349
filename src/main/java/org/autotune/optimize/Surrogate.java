package org.autotune.optimize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.autotune.score.Observable;
import org.autotune.score.Score;
import org.autotune.space.Point;
import org.autotune.space.Space;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.SingularValueDecomposition;
import org.hipparchus.random.SobolSequenceGenerator;

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
 * shrinks when it does not. Stops when the box is smaller than {@code tolerance}.
 *
 * <p>Modelling observables rather than the score is what makes it fast: observables are nearly
 * linear in the parameters, the χ² is not. Works in the unit cube (log parameters on their log
 * scale); real and log parameters only.
 */
final class Surrogate implements Optimizer {
    private static final int SEARCH_POINTS = 4000;

    private final Space space;
    private final int n;
    private final int batch;
    private final double tolerance;
    private final int maxWaves;
    private final SplittableRandom rng;
    private final SobolSequenceGenerator sobol;
    /** Scores are noisy (fresh seeds): judge on the refitted surrogate, stop at the noise floor. */
    private final boolean noisy;
    /** Half-width of each wave's design box around the proposal, as a fraction of the trust radius. */
    private final double spread;

    private double[] center;
    private double centerScore = Double.NaN;
    private double radius;
    private double[] proposal;
    private double predicted = Double.NaN;
    private Models models;
    private int wave;
    private int floorWaves;
    /** The scatter around the surrogate just before the box last shrank (-1: it has not shrunk yet). */
    private double shrunkScatter = -1;
    private boolean done;

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
        this.sobol = new SobolSequenceGenerator(n);
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
        double[] shift = new double[n];
        for (int i = 0; i < n; i++) {
            shift[i] = rng.nextDouble();
        }
        double half = radius * spread;
        for (int tries = 0; points.size() < batch && tries < 20 * batch; tries++) {
            double[] s = sobol.nextVector();
            double[] u = new double[n];
            for (int i = 0; i < n; i++) {
                double v = (s[i] + shift[i]) % 1.0;   // a random shift per wave: fresh points, still space-filling
                u[i] = clamp(proposal[i] + (2 * v - 1) * half);
            }
            Point p = space.fromUnit(u);
            if (!results.containsKey(p)) {
                points.add(p);
            }
        }
        toAsk.addAll(points);
        lastWave.clear();
        lastWave.addAll(points);
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
        var judge = wave == 0 || !noisy ? null : Models.fit(space, results.values(), oldCenter, radius * 1.5);
        boolean smooth = judge != null && judge.curved();
        double atCenter = smooth ? judge.score(oldCenter) : oldScore;
        double atProposal = smooth ? judge.score(proposal) : actual;
        if (wave > 0 && Double.isFinite(actual) && atProposal < atCenter) {
            center = proposal.clone();
            centerScore = actual;
        }
        if (wave > 0 && !smooth) {
            // a space-filling point that beats the centre (with noisy scores: by more than the scatter
            // around the last surrogate) becomes the centre: the model missed something there
            double margin = models == null || !noisy ? 0 : 2 * models.scatter();
            for (var p : lastWave) {
                var r = results.get(p);
                if (r != null && r.value() < centerScore - margin) {
                    center = space.toUnit(p);
                    centerScore = r.value();
                }
            }
        }
        lastWave.clear();
        if (wave > 0 && Double.isFinite(predicted) && models != null) {
            double gain = models.score(oldCenter) - predicted;
            double rho = (atCenter - atProposal) / Math.max(gain, 1e-300);
            double stepLength = 0;
            for (int i = 0; i < n; i++) {
                stepLength = Math.max(stepLength, Math.abs(proposal[i] - oldCenter[i]));
            }
            // at the noise floor when the predicted gain is below the scatter around the surrogate and
            // that scatter did not fall when the box last shrank (a misfit of the model falls with the
            // box, noise does not)
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
        path.add(new PathStep(path.size(), "wave", radius, space.fromUnit(oldCenter), oldScore,
            space.fromUnit(center), centerScore, !Arrays.equals(center, oldCenter) || wave == 0, batch));
        wave++;
        var fitted = Models.fit(space, results.values(), center, radius * 1.5);
        if (radius < tolerance || wave >= maxWaves || floorWaves >= 3) {
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

    /** The surrogate's minimum inside the box: the best of a quasi-random search, refined by pattern search. */
    private double[] minimise(Models m) {
        var gen = new SobolSequenceGenerator(n);
        double[] best = center.clone();
        double bestValue = m.score(best);
        for (int k = 0; k < SEARCH_POINTS; k++) {
            double[] s = gen.nextVector();
            double[] u = new double[n];
            for (int i = 0; i < n; i++) {
                u[i] = clamp(center[i] + (2 * s[i] - 1) * radius);
            }
            double v = m.score(u);
            if (v < bestValue) {
                bestValue = v;
                best = u;
            }
        }
        for (double step = radius / 4; step > radius * 1e-4; step /= 2) {
            boolean improved = true;
            while (improved) {
                improved = false;
                for (int i = 0; i < n; i++) {
                    for (int sign = -1; sign <= 1; sign += 2) {
                        double[] u = best.clone();
                        u[i] = clamp(u[i] + sign * step);
                        if (!inBox(u, center, radius)) {
                            continue;
                        }
                        double v = m.score(u);
                        if (v < bestValue - 1e-12) {
                            bestValue = v;
                            best = u;
                            improved = true;
                        }
                    }
                }
            }
        }
        return best;
    }

    private static boolean inBox(double[] u, double[] c, double r) {
        for (int i = 0; i < u.length; i++) {
            if (Math.abs(u[i] - c[i]) > r + 1e-12) {
                return false;
            }
        }
        return true;
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    @Override
    public boolean done() {
        return done;
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

    /** One model per observable plus one for the rest of the score, fitted to samples near the centre. */
    static final class Models {
        private final double[] center;
        private final double scale;
        private final Map<String, double[]> coefficients = new LinkedHashMap<>();
        private final Map<String, Double> references = new LinkedHashMap<>();
        private final Map<String, Double> variances = new LinkedHashMap<>();
        private double[] rest;
        private final int kind;   // 0 linear, 1 diagonal quadratic, 2 full quadratic
        private double scatter;
        private double looError;

        private Models(double[] center, double scale, int kind) {
            this.center = center;
            this.scale = scale;
            this.kind = kind;
        }

        /**
         * Fits the models to the samples within {@code radius} of {@code center}: of the model kinds
         * the samples can determine (linear, diagonal quadratic, full quadratic), the one whose
         * leave-one-out prediction of the samples' scores is best, so that a quadratic with nearly as
         * many coefficients as samples does not chase their noise. Null when too few samples.
         */
        static Models fit(Space space, Collection<Result> all, double[] center, double boxRadius) {
            int n = center.length;
            double radius = fitRadius(space, all, center, boxRadius);
            var xs = new ArrayList<double[]>();
            var scores = new ArrayList<Score>();
            for (var r : all) {
                double[] u = space.toUnit(r.point());
                if (r.score().isPresent() && Double.isFinite(r.value()) && inBox(u, center, radius)) {
                    double[] x = new double[n];
                    for (int i = 0; i < n; i++) {
                        x[i] = (u[i] - center[i]) / radius;
                    }
                    xs.add(x);
                    scores.add(r.score().get());
                }
            }
            int m = xs.size();
            Models best = null;
            for (int kind = 0; kind <= 2; kind++) {
                int p = LocalModel.terms(kind, n);
                if (m < p + 2) {
                    break;
                }
                var candidate = new Models(center, radius, kind);
                candidate.fitTo(xs, scores);
                if (best == null || candidate.looError < best.looError) {
                    best = candidate;
                }
            }
            return best;
        }

        /**
         * The box of samples a fit uses: {@code radius}, widened (just after the trust region
         * shrank, when it holds too few samples) to the nearest samples that determine a diagonal
         * quadratic with as many to spare.
         */
        private static double fitRadius(Space space, Collection<Result> all, double[] center, double radius) {
            int n = center.length;
            var distances = new ArrayList<Double>();
            for (var r : all) {
                if (r.score().isPresent() && Double.isFinite(r.value())) {
                    double[] u = space.toUnit(r.point());
                    double d = 0;
                    for (int i = 0; i < n; i++) {
                        d = Math.max(d, Math.abs(u[i] - center[i]));
                    }
                    distances.add(d);
                }
            }
            Collections.sort(distances);
            int wanted = 2 * LocalModel.terms(1, n);
            return distances.size() < wanted ? radius : Math.max(radius, distances.get(wanted - 1) + 1e-9);
        }

        private void fitTo(List<double[]> xs, List<Score> scores) {
            int m = xs.size();
            int n = center.length;
            // observables present in every sample of the fit
            var byName = new ArrayList<Map<String, Observable>>();
            for (var sc : scores) {
                var map = new HashMap<String, Observable>();
                sc.observables().forEach(o -> map.put(o.name(), o));
                byName.add(map);
            }
            var names = new LinkedHashSet<String>();
            scores.get(0).observables().forEach(o -> names.add(o.name()));
            for (var map : byName) {
                names.retainAll(map.keySet());
            }
            double[][] basis = xs.stream().map(this::basis).toArray(double[][]::new);
            double[] restValues = new double[m];
            for (int k = 0; k < m; k++) {
                restValues[k] = scores.get(k).value();
            }
            // one least-squares solver for every observable (their errors vary little between
            // neighbouring samples, so the fits are unweighted); its hat matrix gives the
            // leave-one-out predictions
            var svd = new SingularValueDecomposition(new Array2DRowRealMatrix(basis));
            var solver = svd.getSolver();
            double[] leverage = leverages(svd, m);
            double[] looScore = new double[m];
            for (String name : names) {
                double[] y = new double[m];
                double var = 0;
                double ref = 0;
                double refVar = 0;
                for (int k = 0; k < m; k++) {
                    var o = byName.get(k).get(name);
                    y[k] = o.simulated();
                    var += o.simulatedError() * o.simulatedError() / m;
                    ref = o.reference();
                    refVar = o.referenceError() * o.referenceError();
                    double pull = o.pull();
                    restValues[k] -= Double.isFinite(pull) ? pull * pull : 0;
                }
                double[] c = solver.solve(new ArrayRealVector(y)).toArray();
                double v = Math.max(var + refVar, 1e-300);
                coefficients.put(name, c);
                references.put(name, ref);
                variances.put(name, v);
                for (int k = 0; k < m; k++) {
                    double fitted = dot(c, basis[k]);
                    double loo = y[k] - (y[k] - fitted) / Math.max(1 - leverage[k], 1e-12);
                    looScore[k] += (loo - ref) * (loo - ref) / v;
                }
            }
            // the rest of the score, weighted by the scores' standard errors when every sample has one
            double[] weights = new double[m];
            boolean errors = scores.stream().allMatch(x -> x.standardError().isPresent() && x.standardError().getAsDouble() > 0);
            for (int k = 0; k < m; k++) {
                weights[k] = errors ? 1 / scores.get(k).standardError().getAsDouble() : 1;
            }
            var weighted = new double[m][];
            for (int k = 0; k < m; k++) {
                weighted[k] = basis[k].clone();
                for (int c = 0; c < weighted[k].length; c++) {
                    weighted[k][c] *= weights[k];
                }
            }
            var restSvd = new SingularValueDecomposition(new Array2DRowRealMatrix(weighted));
            var b = new ArrayRealVector(m);
            for (int k = 0; k < m; k++) {
                b.setEntry(k, weights[k] * restValues[k]);
            }
            rest = restSvd.getSolver().solve(b).toArray();
            double[] restLeverage = leverages(restSvd, m);
            double ss = 0;
            double looSs = 0;
            for (int k = 0; k < m; k++) {
                double fitted = dot(rest, basis[k]);
                looScore[k] += restValues[k] - (restValues[k] - fitted) / Math.max(1 - restLeverage[k], 1e-12);
                double[] u = new double[n];
                for (int i = 0; i < n; i++) {
                    u[i] = center[i] + xs.get(k)[i] * scale;
                }
                double r = scores.get(k).value() - score(u);
                ss += r * r;
                double d = scores.get(k).value() - looScore[k];
                looSs += d * d;
            }
            scatter = Math.sqrt(ss / Math.max(1, m - basis[0].length));
            looError = looSs / m;
        }

        /** The diagonal of the hat matrix U·Uᵀ of a least-squares fit. */
        private static double[] leverages(SingularValueDecomposition svd, int m) {
            var u = svd.getU();
            int rank = svd.getRank();
            double[] h = new double[m];
            for (int k = 0; k < m; k++) {
                for (int j = 0; j < rank; j++) {
                    h[k] += u.getEntry(k, j) * u.getEntry(k, j);
                }
            }
            return h;
        }

        private double[] basis(double[] x) {
            return LocalModel.basis(kind, x);
        }

        private static double dot(double[] c, double[] b) {
            double s = 0;
            for (int i = 0; i < c.length; i++) {
                s += c[i] * b[i];
            }
            return s;
        }

        /** True when the model has curvature (not just linear in the parameters). */
        boolean curved() {
            return kind >= 1;
        }

        /** RMS of the samples' scores around the surrogate (noise plus misfit), per degree of freedom. */
        double scatter() {
            return scatter;
        }

        /** The surrogate score at unit-cube point u. */
        double score(double[] u) {
            double[] x = new double[u.length];
            for (int i = 0; i < u.length; i++) {
                x[i] = (u[i] - center[i]) / scale;
            }
            double[] b = basis(x);
            double s = dot(rest, b);
            for (var e : coefficients.entrySet()) {
                double d = dot(e.getValue(), b) - references.get(e.getKey());
                s += d * d / variances.get(e.getKey());
            }
            return s;
        }
    }
}
