package org.autotune.optimize;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.autotune.model.Frame;
import org.autotune.model.LeastSquares;
import org.autotune.model.PolynomialBasis;
import org.autotune.model.PolynomialModel;
import org.autotune.model.UnitBox;
import org.autotune.score.Observable;
import org.autotune.score.Score;
import org.autotune.space.Space;

/**
 * The {@link Surrogate} optimizer's model of the score near its centre: one polynomial per
 * observable the metric exposes (its simulated value) plus one for the rest of the score, so that
 * the surrogate score is Σ (model − reference)² / (σ_sim² + σ_ref²) + rest. All share one basis:
 * of linear, diagonal quadratic and full quadratic, the one whose leave-one-out prediction of the
 * samples' scores is best, so that a quadratic with nearly as many coefficients as samples does
 * not chase their noise.
 */
final class SurrogateModel {
    private static final List<PolynomialBasis> BASES = List.of(PolynomialBasis.LINEAR,
        PolynomialBasis.DIAGONAL_QUADRATIC, PolynomialBasis.QUADRATIC);

    private final PolynomialBasis basis;
    private final Map<String, PolynomialModel> observables = new LinkedHashMap<>();
    private final Map<String, Double> references = new LinkedHashMap<>();
    private final Map<String, Double> variances = new LinkedHashMap<>();
    private PolynomialModel rest;
    private double scatter;
    private double looError;

    private SurrogateModel(PolynomialBasis basis) {
        this.basis = basis;
    }

    /**
     * The model of the samples within {@code boxRadius} of {@code center} (widened, see
     * {@link #fitRadius}); null when too few samples determine even a linear model.
     */
    static SurrogateModel fit(Space space, Collection<Result> all, double[] center, double boxRadius) {
        double radius = fitRadius(space, all, center, boxRadius);
        var units = new ArrayList<double[]>();
        var scores = new ArrayList<Score>();
        for (var r : all) {
            double[] u = space.toUnit(r.point());
            if (r.score().isPresent() && Double.isFinite(r.value()) && UnitBox.within(u, center, radius)) {
                units.add(u);
                scores.add(r.score().get());
            }
        }
        var frame = Frame.around(center, radius);
        SurrogateModel best = null;
        for (var basis : BASES) {
            if (units.size() < basis.terms(center.length) + 2) {
                break;
            }
            var candidate = new SurrogateModel(basis);
            candidate.fitTo(frame, units, scores);
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
        var distances = new ArrayList<Double>();
        for (var r : all) {
            if (r.score().isPresent() && Double.isFinite(r.value())) {
                distances.add(UnitBox.distance(space.toUnit(r.point()), center));
            }
        }
        Collections.sort(distances);
        int wanted = 2 * PolynomialBasis.DIAGONAL_QUADRATIC.terms(center.length);
        return distances.size() < wanted ? radius : Math.max(radius, distances.get(wanted - 1) + 1e-9);
    }

    private void fitTo(Frame frame, List<double[]> units, List<Score> scores) {
        int m = units.size();
        double[] restValues = scores.stream().mapToDouble(Score::value).toArray();
        double[] looScore = new double[m];
        fitObservables(frame, units, scores, restValues, looScore);
        // the rest of the score, weighted by the scores' standard errors when every sample has one
        boolean errors = scores.stream()
            .allMatch(x -> x.standardError().isPresent() && x.standardError().getAsDouble() > 0);
        double[] weights = new double[m];
        for (int k = 0; k < m; k++) {
            double se = errors ? scores.get(k).standardError().getAsDouble() : 1;
            weights[k] = 1 / (se * se);
        }
        rest = LeastSquares.of(basis, frame, units, weights).fit(restValues);
        double[] restLoo = rest.leaveOneOut();
        double ss = 0;
        double looSs = 0;
        for (int k = 0; k < m; k++) {
            looScore[k] += restLoo[k];
            double r = scores.get(k).value() - score(units.get(k));
            ss += r * r;
            double d = scores.get(k).value() - looScore[k];
            looSs += d * d;
        }
        scatter = Math.sqrt(ss / Math.max(1, m - basis.terms(frame.dimension())));
        looError = looSs / m;
    }

    /**
     * One unweighted least-squares model per observable present in every sample (their errors vary
     * little between neighbouring samples), all from one decomposition; subtracts each pull² from
     * {@code restValues} and adds each observable's leave-one-out χ² term to {@code looScore}.
     */
    private void fitObservables(Frame frame, List<double[]> units, List<Score> scores, double[] restValues,
                                double[] looScore) {
        int m = units.size();
        var byName = new ArrayList<Map<String, Observable>>();
        for (var sc : scores) {
            var map = new HashMap<String, Observable>();
            sc.observables().forEach(o -> map.put(o.name(), o));
            byName.add(map);
        }
        var design = LeastSquares.of(basis, frame, units);
        for (String name : commonNames(scores, byName)) {
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
            var model = design.fit(y);
            double v = Math.max(var + refVar, 1e-300);
            observables.put(name, model);
            references.put(name, ref);
            variances.put(name, v);
            double[] loo = model.leaveOneOut();
            for (int k = 0; k < m; k++) {
                looScore[k] += (loo[k] - ref) * (loo[k] - ref) / v;
            }
        }
    }

    /** The observables every sample of the fit has, in the first sample's order. */
    private static Set<String> commonNames(List<Score> scores, List<Map<String, Observable>> byName) {
        var names = new LinkedHashSet<String>();
        scores.get(0).observables().forEach(o -> names.add(o.name()));
        for (var map : byName) {
            names.retainAll(map.keySet());
        }
        return names;
    }

    /** True when the model has curvature (not just linear in the parameters). */
    boolean curved() {
        return basis.curved();
    }

    /** RMS of the samples' scores around the surrogate (noise plus misfit), per degree of freedom. */
    double scatter() {
        return scatter;
    }

    /** The surrogate score at unit-cube point u. */
    double score(double[] u) {
        double s = rest.value(u);
        for (var e : observables.entrySet()) {
            double d = e.getValue().value(u) - references.get(e.getKey());
            s += d * d / variances.get(e.getKey());
        }
        return s;
    }
}
