package org.autotune.optimize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code k} nearest of a growing list of points in the unit cube (squared Euclidean distance,
 * ties to the earlier point), without sorting all of them: for one query by bounded insertion
 * ({@link #of}, O(N·k)), and for every point of the list kept up to date as points are added
 * ({@link #add}, O(N·k) per point), so a question about every point's neighbourhood costs O(N·k)
 * instead of a sort of all N distances per point.
 */
final class Nearest {
    private final int k;
    private final List<double[]> units = new ArrayList<>();
    private final List<Hood> hoods = new ArrayList<>();

    /** Up to k indices in order of distance (ties: lower index first), with their distances. */
    static final class Hood {
        private final int[] index;
        private final double[] distance;
        private int size;

        Hood(int k) {
            index = new int[k];
            distance = new double[k];
        }

        /** Offers point {@code i} at squared distance {@code d} (increasing index); true when it joined. */
        boolean offer(int i, double d) {
            int at = size;
            while (at > 0 && distance[at - 1] > d) {   // equal distance: the earlier point stays ahead
                at--;
            }
            if (at >= index.length) {
                return false;
            }
            int move = Math.min(size, index.length - 1) - at;
            System.arraycopy(index, at, index, at + 1, move);
            System.arraycopy(distance, at, distance, at + 1, move);
            index[at] = i;
            distance[at] = d;
            size = Math.min(size + 1, index.length);
            return true;
        }

        /** The indices, nearest first. */
        int[] indices() {
            return Arrays.copyOf(index, size);
        }
    }

    Nearest(int k) {
        this.k = k;
    }

    /**
     * Adds a point: it joins the neighbourhoods it is near enough to, and gets its own. Returns the
     * points whose neighbourhood changed, in increasing order, the new point last.
     */
    int[] add(double[] u) {
        int m = units.size();
        units.add(u);
        var own = new Hood(k);
        var changed = new int[m + 1];
        int n = 0;
        for (int j = 0; j < m; j++) {
            double d = distance2(units.get(j), u);
            own.offer(j, d);
            if (hoods.get(j).offer(m, d)) {
                changed[n++] = j;
            }
        }
        own.offer(m, distance2(u, u));
        hoods.add(own);
        changed[n++] = m;
        return Arrays.copyOf(changed, n);
    }

    int size() {
        return units.size();
    }

    /** The k nearest of point {@code i} (itself included), nearest first. */
    int[] of(int i) {
        return hoods.get(i).indices();
    }

    /** The {@code k} points of {@code points} nearest to {@code centre}, nearest first (ties: lower index). */
    static int[] of(List<double[]> points, double[] centre, int k) {
        var hood = new Hood(k);
        for (int j = 0; j < points.size(); j++) {
            hood.offer(j, distance2(points.get(j), centre));
        }
        return hood.indices();
    }

    static double distance2(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double x = a[i] - b[i];
            s += x * x;
        }
        return s;
    }
}
