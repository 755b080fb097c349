package org.autotune.analysis;

import java.util.ArrayList;
import java.util.List;
import org.autotune.model.UnitBox;

/**
 * The points of a local scan around a centre, in unit-cube coordinates: the centre; each parameter
 * alone at ±1 and ±2 widths (1-D scans); and each pair at the four corners (±1, ±1) widths (2-D
 * grids), which together determine every coefficient of a quadratic. Points are clamped into the
 * unit cube (a scan at a boundary is one-sided there).
 */
public record ScanDesign(double[] center, double[] widths, List<double[]> points) {
    /** Offsets of the 1-D scans, in widths. */
    static final double[] LINE = {-2, -1, 1, 2};

    /** The centre and the 1-D scans only: the first stage, which sets the widths of the second. */
    public static ScanDesign lines(double[] center, double[] widths) {
        return new ScanDesign(center.clone(), widths.clone(), List.copyOf(linePoints(center, widths)));
    }

    private static List<double[]> linePoints(double[] center, double[] widths) {
        var points = new ArrayList<double[]>();
        points.add(center.clone());
        for (int i = 0; i < center.length; i++) {
            for (double t : LINE) {
                var p = center.clone();
                p[i] = UnitBox.clamp(p[i] + t * widths[i]);
                points.add(p);
            }
        }
        return points;
    }

    /**
     * Widths for the full scan from the first stage's 1-D scans: per parameter, the curvature c of
     * the score in unit coordinates from the centre and its ±1-width neighbours gives the 1σ
     * half-width with the others fixed, √(k/c) (k = 2 for χ², 1 for −ln L); the new width is twice
     * that, but never more than the first stage's width (flat or falling axes keep it).
     *
     * @param scores the first stage's scores in the order of {@link #points()} (NaN for a failed sample)
     */
    public double[] adaptedWidths(double[] scores, double k) {
        int n = center.length;
        var out = widths.clone();
        for (int i = 0; i < n; i++) {
            // points: 0 = centre, then for parameter i: 1 + 4i + {0: -2, 1: -1, 2: +1, 3: +2}
            double f0 = scores[0];
            double fm = scores[1 + 4 * i + 1];
            double fp = scores[1 + 4 * i + 2];
            double hm = center[i] - points.get(1 + 4 * i + 1)[i];
            double hp = points.get(1 + 4 * i + 2)[i] - center[i];
            if (!(hm > 0 && hp > 0) || Double.isNaN(f0 + fm + fp)) {
                continue;   // at a boundary or a failed sample: keep the width
            }
            // second derivative of the parabola through (-hm, fm), (0, f0), (hp, fp)
            double curvature = 2 * (fp * hm + fm * hp - f0 * (hm + hp)) / (hm * hp * (hm + hp));
            if (curvature > 0) {
                out[i] = Math.min(widths[i], 2 * Math.sqrt(k / curvature));
            }
        }
        return out;
    }

    public static ScanDesign around(double[] center, double[] widths) {
        int n = center.length;
        var points = linePoints(center, widths);
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                for (int si = -1; si <= 1; si += 2) {
                    for (int sj = -1; sj <= 1; sj += 2) {
                        var p = center.clone();
                        p[i] = UnitBox.clamp(p[i] + si * widths[i]);
                        p[j] = UnitBox.clamp(p[j] + sj * widths[j]);
                        points.add(p);
                    }
                }
            }
        }
        return new ScanDesign(center.clone(), widths.clone(), List.copyOf(points));
    }

    /**
     * A size × size grid over parameters i (columns) and j (rows) at ± half[0], ± half[1] around the
     * centre, every other parameter at the centre; row by row, clamped into the unit cube.
     */
    public static List<double[]> grid(double[] center, int i, int j, double[] half, int size) {
        var points = new ArrayList<double[]>();
        for (int row = 0; row < size; row++) {
            for (int col = 0; col < size; col++) {
                double[] u = center.clone();
                u[i] = UnitBox.clamp(center[i] + half[0] * (2.0 * col / (size - 1) - 1));
                u[j] = UnitBox.clamp(center[j] + half[1] * (2.0 * row / (size - 1) - 1));
                points.add(u);
            }
        }
        return points;
    }

    /** Number of points for n parameters: 1 + 4n + 2n(n − 1). */
    public static int size(int n) {
        return 1 + 4 * n + 2 * n * (n - 1);
    }

    /** True when u lies in the region this scan describes (within 2.5 widths of the centre on every axis). */
    public boolean covers(double[] u) {
        for (int i = 0; i < u.length; i++) {
            if (Math.abs(u[i] - center[i]) > 2.5 * widths[i] + 1e-12) {
                return false;
            }
        }
        return true;
    }
}
