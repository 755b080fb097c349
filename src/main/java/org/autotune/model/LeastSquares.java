package org.autotune.model;

import java.util.Arrays;
import java.util.List;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.DecompositionSolver;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * The weighted design matrix W^½X of a polynomial basis at fixed points, decomposed once (SVD,
 * W^½X = U·S·Vᵀ) so that many responses at the same points (e.g. every observable of a metric)
 * are fitted for the price of one. Gives the leverages (the hat matrix's diagonal, for
 * leave-one-out predictions) and (XᵀWX)⁻¹ = V·S⁻²·Vᵀ (for coefficient covariances). When the
 * points do not determine every coefficient, solutions are the minimum-norm ones.
 */
public final class LeastSquares {
    /** Smallest singular value (in local coordinates) for the points to determine every coefficient. */
    private static final double DETERMINED = 1e-10;

    private final PolynomialBasis basis;
    private final Frame frame;
    private final double[][] rows;
    private final double[] sqrtWeights;
    private final SingularValueDecomposition svd;
    private final DecompositionSolver solver;

    private LeastSquares(PolynomialBasis basis, Frame frame, double[][] rows, double[] sqrtWeights) {
        this.basis = basis;
        this.frame = frame;
        this.rows = rows;
        this.sqrtWeights = sqrtWeights;
        var a = new double[rows.length][];
        for (int k = 0; k < rows.length; k++) {
            a[k] = rows[k].clone();
            for (int c = 0; c < a[k].length; c++) {
                a[k][c] *= sqrtWeights[k];
            }
        }
        this.svd = new SingularValueDecomposition(new Array2DRowRealMatrix(a, false));
        this.solver = svd.getSolver();
    }

    /**
     * The design for {@code units} (unit-cube points) in {@code frame}.
     *
     * @param weights one per point, positive: 1/σ² for scores with standard errors σ, else all 1
     */
    public static LeastSquares of(PolynomialBasis basis, Frame frame, List<double[]> units, double[] weights) {
        if (units.isEmpty() || weights.length != units.size()) {
            throw new IllegalArgumentException("need at least one point and one weight per point, got "
                + units.size() + " points and " + weights.length + " weights");
        }
        var rows = new double[units.size()][];
        var sqrtWeights = new double[units.size()];
        for (int k = 0; k < rows.length; k++) {
            if (!(weights[k] > 0 && weights[k] < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("weight " + k + " must be positive and finite, got " + weights[k]);
            }
            rows[k] = basis.row(frame.local(units.get(k)));
            sqrtWeights[k] = Math.sqrt(weights[k]);
        }
        return new LeastSquares(basis, frame, rows, sqrtWeights);
    }

    /** The same design with equal weights. */
    public static LeastSquares of(PolynomialBasis basis, Frame frame, List<double[]> units) {
        var w = new double[units.size()];
        Arrays.fill(w, 1);
        return of(basis, frame, units, w);
    }

    /** The weighted least-squares model of {@code y} (one value per point). */
    public PolynomialModel fit(double[] y) {
        if (y.length != rows.length) {
            throw new IllegalArgumentException(y.length + " values for " + rows.length + " points");
        }
        var b = new ArrayRealVector(y.length);
        for (int k = 0; k < y.length; k++) {
            b.setEntry(k, sqrtWeights[k] * y[k]);
        }
        return new PolynomialModel(this, solver.solve(b).toArray(), y);
    }

    public PolynomialBasis basis() {
        return basis;
    }

    public Frame frame() {
        return frame;
    }

    /** Number of points. */
    public int points() {
        return rows.length;
    }

    /** Number of coefficients. */
    public int terms() {
        return basis.terms(frame.dimension());
    }

    /** How many coefficients the points determine. */
    public int rank() {
        return svd.getRank();
    }

    /** True when the points determine every coefficient with room to spare for rounding. */
    public boolean determined() {
        return rank() == terms() && svd.getSingularValues()[terms() - 1] > DETERMINED;
    }

    /** The diagonal of the (weighted) hat matrix U·Uᵀ: how strongly each point pulls the fit to itself. */
    public double[] leverages() {
        var u = svd.getU();
        int r = rank();
        double[] h = new double[rows.length];
        for (int k = 0; k < rows.length; k++) {
            for (int j = 0; j < r; j++) {
                h[k] += u.getEntry(k, j) * u.getEntry(k, j);
            }
        }
        return h;
    }

    /** (XᵀWX)⁻¹ (the pseudo-inverse when rank deficient); times σ² it is the coefficients' covariance. */
    public RealMatrix inverseNormal() {
        var v = svd.getV();
        double[] s = svd.getSingularValues();
        int p = terms();
        int r = rank();
        var out = new Array2DRowRealMatrix(p, p);
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                double sum = 0;
                for (int k = 0; k < r; k++) {
                    sum += v.getEntry(i, k) * v.getEntry(j, k) / (s[k] * s[k]);
                }
                out.setEntry(i, j, sum);
            }
        }
        return out;
    }

    /** φᵀ(XᵀWX)⁻¹φ for a vector φ of basis terms: |S⁻¹Vᵀφ|². */
    double quadraticForm(double[] phi) {
        var v = svd.getV();
        double[] s = svd.getSingularValues();
        double sum = 0;
        for (int k = 0; k < rank(); k++) {
            double t = 0;
            for (int i = 0; i < phi.length; i++) {
                t += v.getEntry(i, k) * phi[i];
            }
            t /= s[k];
            sum += t * t;
        }
        return sum;
    }

    double[] row(int k) {
        return rows[k];
    }

    double weight(int k) {
        return sqrtWeights[k] * sqrtWeights[k];
    }
}
