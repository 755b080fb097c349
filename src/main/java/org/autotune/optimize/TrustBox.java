package org.autotune.optimize;

import org.autotune.space.Point;
import org.autotune.space.Space;

/**
 * The box a local optimizer samples in during one iteration: a centre and a half-width, both in
 * unit-cube coordinates (each parameter's range mapped to [0, 1], log parameters on their log
 * scale). The box is clipped to the cube, so a point inside it is also inside the space.
 */
record TrustBox(int iteration, double[] center, double radius) {
    /** Slack for rounding between unit coordinates and parameter values. */
    private static final double SLACK = 1e-9;

    public TrustBox {
        center = center.clone();
        if (!(radius > 0)) {   // also rejects NaN
            throw new IllegalArgumentException("box half-width " + radius + " must be positive");
        }
    }

    @Override
    public double[] center() {
        return center.clone();
    }

    /** True when the point lies inside this box and inside the unit cube. */
    boolean contains(Space space, Point point) {
        return contains(space.toUnit(point));
    }

    /** True when unit-cube coordinates u lie inside this box and inside the unit cube. */
    boolean contains(double[] u) {
        for (int i = 0; i < u.length; i++) {
            if (!(Math.abs(u[i] - center[i]) <= radius + SLACK && u[i] >= -SLACK && u[i] <= 1 + SLACK)) {
                return false;
            }
        }
        return true;
    }

    /**
     * How much a sample at u counts in a fit for this box: 1 inside, exp(−2 Σ (e_i / r)²) outside,
     * with e_i how far coordinate i lies beyond the box (0.6 for half a half-width out in one
     * coordinate, 0.14 for a whole one).
     */
    double weight(double[] u) {
        double sum = 0;
        for (int i = 0; i < u.length; i++) {
            double e = Math.max(0, Math.abs(u[i] - center[i]) - radius) / radius;
            sum += e * e;
        }
        return Math.exp(-2 * sum);
    }
}
