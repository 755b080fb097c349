package org.autotune.analysis;

import java.util.Arrays;

/** Nearest points in the unit cube (Euclidean), for the local {@link Emulator}'s anchors and neighbours. */
final class Anchors {
    private Anchors() {
    }

    /** Indices of the {@code count} points nearest to u, nearest first (ties: lower index first). */
    static int[] nearest(double[][] points, double[] u, int count) {
        int c = Math.min(count, points.length);
        int[] best = new int[c];
        double[] d = new double[c];
        Arrays.fill(d, Double.POSITIVE_INFINITY);
        for (int a = 0; a < points.length; a++) {
            double x = distance2(points[a], u);
            if (c > 0 && x < d[c - 1]) {
                int t = c - 1;
                while (t > 0 && d[t - 1] > x) {
                    d[t] = d[t - 1];
                    best[t] = best[t - 1];
                    t--;
                }
                d[t] = x;
                best[t] = a;
            }
        }
        return best;
    }

    static double distance2(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return s;
    }

    /** The centre of the box {lower corner, upper corner}. */
    static double[] centre(double[][] box) {
        double[] c = new double[box[0].length];
        for (int i = 0; i < c.length; i++) {
            c[i] = (box[0][i] + box[1][i]) / 2;
        }
        return c;
    }
}
