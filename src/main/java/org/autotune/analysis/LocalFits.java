package org.autotune.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * The fits of a local {@link Emulator}: around anchors (every k-th sample), each fitted to the anchor's
 * nearest samples, with its reach (the distance from the anchor to the farthest of them).
 */
record LocalFits(EmulatorFit[] fits, double[][] anchors, double[] radii) {
    /**
     * @param neighbours samples per fit
     * @param most       at most this many anchors
     */
    static LocalFits of(List<double[]> units, double[][] y, double[] weight, double noiseInFit, double[] simVariance,
                        int neighbours, int most) {
        int m = units.size();
        int k = y.length;
        var fits = new ArrayList<EmulatorFit>();
        var centres = new ArrayList<double[]>();
        var radii = new ArrayList<Double>();
        int stride = Math.max(1, (m + most - 1) / most);
        double[][] points = units.toArray(double[][]::new);
        for (int a = 0; a < m; a += stride) {
            int[] near = Anchors.nearest(points, points[a], neighbours);
            var sub = new ArrayList<double[]>();
            double[][] ySub = new double[k][near.length];
            for (int t = 0; t < near.length; t++) {
                sub.add(units.get(near[t]));
                for (int j = 0; j < k; j++) {
                    ySub[j][t] = y[j][near[t]];
                }
            }
            var f = EmulatorFit.choose(sub, ySub, weight, noiseInFit, simVariance);
            if (f.isPresent()) {
                fits.add(f.get());
                centres.add(units.get(a).clone());
                radii.add(Math.max(1e-6, Math.sqrt(Anchors.distance2(units.get(a), units.get(near[near.length - 1])))));
            }
        }
        return new LocalFits(fits.toArray(EmulatorFit[]::new), centres.toArray(double[][]::new),
            radii.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
