package org.autotune.model;

/**
 * The terms of a polynomial response surface in n coordinates: 1, then x_i, then x_i² (diagonal)
 * or x_i·x_j for j ≥ i (full quadratic), in that order.
 */
public enum PolynomialBasis {
    CONSTANT("constant"),
    LINEAR("linear"),
    DIAGONAL_QUADRATIC("diagonal quadratic"),
    QUADRATIC("quadratic");

    private final String label;

    PolynomialBasis(String label) {
        this.label = label;
    }

    /** Number of coefficients in n coordinates. */
    public int terms(int n) {
        return switch (this) {
            case CONSTANT -> 1;
            case LINEAR -> 1 + n;
            case DIAGONAL_QUADRATIC -> 1 + 2 * n;
            case QUADRATIC -> 1 + n + n * (n + 1) / 2;
        };
    }

    /** The terms at local coordinates x. */
    public double[] row(double[] x) {
        int n = x.length;
        var b = new double[terms(n)];
        b[0] = 1;
        if (this == CONSTANT) {
            return b;
        }
        System.arraycopy(x, 0, b, 1, n);
        int k = 1 + n;
        for (int i = 0; i < n && ordinal() >= DIAGONAL_QUADRATIC.ordinal(); i++) {
            for (int j = i; j < (this == QUADRATIC ? n : i + 1); j++) {
                b[k++] = x[i] * x[j];
            }
        }
        return b;
    }

    /** True for the bases with squared terms. */
    public boolean curved() {
        return ordinal() >= DIAGONAL_QUADRATIC.ordinal();
    }

    /** "constant", "linear", "diagonal quadratic" or "quadratic". */
    @Override
    public String toString() {
        return label;
    }
}
