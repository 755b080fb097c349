package org.autotune.optimize;

import org.autotune.model.PolynomialBasis;

/**
 * The terms a local-surrogate fit is made of, at local coordinates x (centred on the box, in
 * half-widths): 1 first, then x_1 … x_n (so the coefficients 1 … n are the gradient at the
 * centre), then the curved terms.
 */
sealed interface LocalBasis {
    /** Number of coefficients. */
    int terms();

    /** The terms at local coordinates x. */
    double[] row(double[] x);

    /**
     * The Hessian of the polynomial with coefficients c (in this basis's order) along its curved
     * axes: H = Aᵀ Q A in local coordinates, with A = {@link #axes()}.
     */
    double[][] hessian(double[] c);

    /** The axes the polynomial is curved along: orthonormal rows in the n local coordinates. */
    double[][] axes();

    /** A polynomial in all n coordinates (linear, diagonal quadratic or quadratic). */
    static LocalBasis of(PolynomialBasis basis, int n) {
        return new Polynomial(basis, n);
    }

    /** Linear in all coordinates, curved only as a full quadratic in z = Wx (W: k orthonormal rows). */
    static LocalBasis subspace(double[][] directions) {
        return new Subspace(directions);
    }

    /** A polynomial basis in all n coordinates. */
    record Polynomial(PolynomialBasis basis, int n) implements LocalBasis {
        @Override
        public int terms() {
            return basis.terms(n);
        }

        @Override
        public double[] row(double[] x) {
            return basis.row(x);
        }

        @Override
        public double[][] hessian(double[] c) {
            double[][] h = new double[n][n];
            int t = 1 + n;
            for (int i = 0; i < n && basis.curved(); i++) {
                for (int j = i; j < (basis == PolynomialBasis.QUADRATIC ? n : i + 1); j++) {
                    h[i][j] += i == j ? 2 * c[t] : c[t];
                    h[j][i] = h[i][j];
                    t++;
                }
            }
            return h;
        }

        @Override
        public double[][] axes() {
            double[][] a = new double[n][n];
            for (int i = 0; i < n; i++) {
                a[i][i] = 1;
            }
            return a;
        }

        @Override
        public String toString() {
            return basis.toString();
        }
    }

    /**
     * An active-subspace quadratic: 1 + n + k(k + 1)/2 terms, so the curvature of a score that
     * depends on few combinations of many parameters is modelled (with 100 parameters and
     * k = 10: 156 coefficients where a full quadratic has 5,151) instead of showing up as noise.
     *
     * @param directions k unit vectors, orthonormal, in the n coordinates
     */
    record Subspace(double[][] directions) implements LocalBasis {
        @Override
        public int terms() {
            int n = directions[0].length;
            int k = directions.length;
            return 1 + n + k * (k + 1) / 2;
        }

        @Override
        public double[] row(double[] x) {
            int n = x.length;
            int k = directions.length;
            double[] z = new double[k];
            for (int a = 0; a < k; a++) {
                for (int i = 0; i < n; i++) {
                    z[a] += directions[a][i] * x[i];
                }
            }
            double[] b = new double[terms()];
            b[0] = 1;
            System.arraycopy(x, 0, b, 1, n);
            int t = 1 + n;
            for (int a = 0; a < k; a++) {
                for (int c = a; c < k; c++) {
                    b[t++] = z[a] * z[c];
                }
            }
            return b;
        }

        /** Q, the k × k Hessian in the active coordinates z = Wx. */
        @Override
        public double[][] hessian(double[] c) {
            int n = directions[0].length;
            int k = directions.length;
            double[][] q = new double[k][k];
            int t = 1 + n;
            for (int a = 0; a < k; a++) {
                for (int b = a; b < k; b++) {
                    q[a][b] = a == b ? 2 * c[t] : c[t];
                    q[b][a] = q[a][b];
                    t++;
                }
            }
            return q;
        }

        @Override
        public double[][] axes() {
            return directions.clone();
        }

        @Override
        public String toString() {
            return "quadratic in " + directions.length + " of " + directions[0].length + " directions";
        }
    }
}
