package org.autotune.model;

import java.util.Arrays;

/**
 * Local coordinates x = (u − center) / scale of unit-cube points u, per coordinate: a polynomial
 * fitted in them has coefficients of similar size and well-conditioned normal equations.
 */
public record Frame(double[] center, double[] scale) {
    public Frame {
        if (center.length != scale.length) {
            throw new IllegalArgumentException("center and scale need the same dimension");
        }
        for (double s : scale) {
            if (!(s > 0 && s < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("a frame's scale must be positive and finite, got " + s);
            }
        }
        center = center.clone();
        scale = scale.clone();
    }

    /** The frame centred on {@code center} with the same scale in every coordinate. */
    public static Frame around(double[] center, double scale) {
        var s = new double[center.length];
        Arrays.fill(s, scale);
        return new Frame(center, s);
    }

    /** The identity frame: local coordinates are the given ones. */
    public static Frame identity(int dimension) {
        return around(new double[dimension], 1);
    }

    public int dimension() {
        return center.length;
    }

    @Override
    public double[] center() {
        return center.clone();
    }

    @Override
    public double[] scale() {
        return scale.clone();
    }

    /** Local coordinates of unit-cube point u. */
    public double[] local(double[] u) {
        var x = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            x[i] = (u[i] - center[i]) / scale[i];
        }
        return x;
    }

    /** The unit-cube point at local coordinates x. */
    public double[] unit(double[] x) {
        var u = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            u[i] = center[i] + x[i] * scale[i];
        }
        return u;
    }
}
