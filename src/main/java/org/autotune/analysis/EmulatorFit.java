package org.autotune.analysis;

import java.util.List;
import java.util.Optional;
import org.autotune.model.Frame;
import org.autotune.model.LeastSquares;
import org.autotune.model.PolynomialBasis;
import org.autotune.model.PolynomialModel;

/**
 * One polynomial per observable over one set of samples (one basis for all, the one that predicts
 * left-out samples best), with what the {@link Emulator} needs of it: the prediction, the residual
 * variance, the misfit beyond the simulation's noise and the prediction's leverage at a point.
 * A global emulator is one such fit; a local one blends the fits around its nearest anchors.
 */
final class EmulatorFit {
    private static final List<PolynomialBasis> BASES = List.of(PolynomialBasis.LINEAR,
        PolynomialBasis.DIAGONAL_QUADRATIC, PolynomialBasis.QUADRATIC);

    private final PolynomialBasis basis;
    private final Frame frame;
    private final double[][] coefficients;
    private final double[] residual;
    private final double[] misfit;
    private final double[][] inverseNormal;

    private EmulatorFit(PolynomialBasis basis, Frame frame, double[][] coefficients, double[] residual,
                        double[] misfit, double[][] inverseNormal) {
        this.basis = basis;
        this.frame = frame;
        this.coefficients = coefficients;
        this.residual = residual;
        this.misfit = misfit;
        this.inverseNormal = inverseNormal;
    }

    /**
     * The fit of y[j] (observable j, one value per unit point) chosen by leave-one-out error.
     *
     * @param weight  per observable, the variance that scales its leave-one-out error (data + noise)
     * @param noiseInFit 1 when each sample has its own noise (it is part of the residuals), 0 with fixed seeds
     * @param simVariance per observable, one sample's simulation variance
     * @return empty when the points determine not even a linear model
     */
    static Optional<EmulatorFit> choose(List<double[]> units, double[][] y, double[] weight, double noiseInFit,
                                        double[] simVariance) {
        int n = units.get(0).length;
        int m = units.size();
        int k = y.length;
        var frame = frameOf(units, n);
        PolynomialModel[] chosen = null;
        double bestPress = Double.POSITIVE_INFINITY;
        for (var basis : BASES) {
            int terms = basis.terms(n);
            if (m < terms + Math.max(3, terms / 4)) {
                break;
            }
            var design = LeastSquares.of(basis, frame, units);
            if (!design.determined()) {
                break;
            }
            var models = new PolynomialModel[k];
            double press = 0;
            for (int j = 0; j < k; j++) {
                models[j] = design.fit(y[j]);
                press += models[j].press() / weight[j];
            }
            if (press < bestPress) {
                bestPress = press;
                chosen = models;
            }
        }
        if (chosen == null) {
            return Optional.empty();
        }
        double[][] coefficients = new double[k][];
        double[] residual = new double[k];
        double[] misfit = new double[k];
        for (int j = 0; j < k; j++) {
            coefficients[j] = chosen[j].coefficients();
            residual[j] = chosen[j].residualVariance();
            // the misfit: residual variance beyond the simulation noise the fit already contains
            misfit[j] = Math.max(0, residual[j] - noiseInFit * simVariance[j]);
        }
        var design = chosen[0].design();
        return Optional.of(new EmulatorFit(design.basis(), design.frame(), coefficients, residual, misfit,
            design.inverseNormal().getData()));
    }

    PolynomialBasis basis() {
        return basis;
    }

    Frame frame() {
        return frame;
    }

    double[][] coefficients() {
        return coefficients;
    }

    double[][] inverseNormal() {
        return inverseNormal;
    }

    /** The basis row at unit point u. */
    double[] row(double[] u) {
        return basis.row(frame.local(u));
    }

    /** Observable j's prediction for basis row phi. */
    double mean(int j, double[] phi) {
        double s = 0;
        double[] c = coefficients[j];
        for (int i = 0; i < c.length; i++) {
            s += c[i] * phi[i];
        }
        return s;
    }

    /** Observable j's residual variance: the scatter of the samples about the fit. */
    double residual(int j) {
        return residual[j];
    }

    /** Observable j's misfit: residual variance beyond the simulation's own noise. */
    double misfit(int j) {
        return misfit[j];
    }

    /** φᵀ(XᵀX)⁻¹φ: the prediction's variance in units of the residual variance. */
    double leverage(double[] phi) {
        double s = 0;
        for (int a = 0; a < phi.length; a++) {
            double t = 0;
            double[] row = inverseNormal[a];
            for (int b = 0; b < phi.length; b++) {
                t += row[b] * phi[b];
            }
            s += phi[a] * t;
        }
        return s;
    }

    private static Frame frameOf(List<double[]> units, int n) {
        double[][] box = Emulator.bounds(units);
        double[] center = new double[n];
        double[] scale = new double[n];
        for (int i = 0; i < n; i++) {
            center[i] = (box[0][i] + box[1][i]) / 2;
            scale[i] = Math.max((box[1][i] - box[0][i]) / 2, 1e-9);
        }
        return new Frame(center, scale);
    }
}
