package org.autotune.model;

/**
 * Keeping points in the unit cube (where every parameter lives as a fraction of its range, log
 * parameters on their log scale) or in a box inside it.
 */
public final class UnitBox {
    private UnitBox() {
    }

    /** v limited to [0, 1]. */
    public static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    /** v limited to [lower, upper]. */
    public static double clamp(double v, double lower, double upper) {
        return Math.max(lower, Math.min(upper, v));
    }

    /** A copy of u with every coordinate limited to [0, 1]. */
    public static double[] clamp(double[] u) {
        var out = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            out[i] = clamp(u[i]);
        }
        return out;
    }

    /** The largest coordinate difference between a and b (the box norm). */
    public static double distance(double[] a, double[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    /** True when u lies within {@code radius} of {@code center} in every coordinate (up to rounding). */
    public static boolean within(double[] u, double[] center, double radius) {
        return distance(u, center) <= radius + 1e-12;
    }
}
