package org.autotune.model;

import java.util.SplittableRandom;
import org.hipparchus.random.SobolSequenceGenerator;

/**
 * A space-filling sequence of points in the unit cube: the Sobol sequence with a random shift
 * modulo 1 (Cranley-Patterson rotation), which gives fresh points for every seed and stays
 * space-filling. Without a shift it is the plain Sobol sequence, whose first point is the corner
 * at the origin. The shift can be redrawn between batches. Not thread-safe: each user keeps its own.
 */
public final class SpaceFillingDesign {
    private final SobolSequenceGenerator sobol;
    private double[] shift;

    /** The sequence shifted by {@code shift} (each coordinate in [0, 1); all zeros for plain Sobol). */
    public SpaceFillingDesign(double[] shift) {
        for (double s : shift) {
            if (!(s >= 0 && s < 1)) {
                throw new IllegalArgumentException("a shift must lie in [0, 1), got " + s);
            }
        }
        this.sobol = new SobolSequenceGenerator(shift.length);
        this.shift = shift.clone();
    }

    /** The sequence with a shift drawn from {@code rng}, one {@code nextDouble()} per dimension. */
    public static SpaceFillingDesign shifted(int dimension, SplittableRandom rng) {
        var design = plain(dimension);
        design.shift(rng);
        return design;
    }

    /**
     * Draws a new shift from {@code rng} (one {@code nextDouble()} per dimension) for the points
     * that follow: a fresh space-filling set that continues the sequence.
     */
    public void shift(SplittableRandom rng) {
        double[] s = new double[shift.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = rng.nextDouble();
        }
        shift = s;
    }

    /** The plain (unshifted) Sobol sequence. */
    public static SpaceFillingDesign plain(int dimension) {
        return new SpaceFillingDesign(new double[dimension]);
    }

    /** Skips the next {@code count} points (on a fresh sequence: the first, the corner at the origin, and on). */
    public SpaceFillingDesign skip(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("cannot skip " + count + " points");
        }
        if (count > 0) {
            sobol.skipTo(sobol.getNextIndex() + count - 1);   // skipTo(i) also returns point i
        }
        return this;
    }

    /** The next point in the unit cube. */
    public double[] next() {
        double[] s = sobol.nextVector();
        double[] u = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            u[i] = (s[i] + shift[i]) % 1.0;
        }
        return u;
    }

    /** The next point mapped onto the box of half-width {@code half} around {@code center}, cut to the cube. */
    public double[] nextAround(double[] center, double half) {
        double[] v = next();
        double[] u = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            u[i] = UnitBox.clamp(center[i] + (2 * v[i] - 1) * half);
        }
        return u;
    }

    /** The next point mapped linearly onto the box [lower, upper]. */
    public double[] nextIn(double[] lower, double[] upper) {
        double[] v = next();
        double[] u = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            u[i] = lower[i] + v[i] * (upper[i] - lower[i]);
        }
        return u;
    }
}
