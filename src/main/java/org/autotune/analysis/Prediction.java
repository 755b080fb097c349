package org.autotune.analysis;

import java.util.List;

/**
 * An {@link Emulator}'s prediction at one point: per observable the mean, the model's variance (misfit +
 * prediction error) and the variance a new sample's pull is taken against.
 */
record Prediction(double[] mean, double[] model, double[] pull) {
    /**
     * The prediction at u: per observable the mean, the model's variance (misfit + prediction error) and
     * the variance a new sample's pull is taken against. One fit: that fit's; local: the blend of the
     * nearest anchors' fits (weights 1/distance²), and the model's variance adds the spread of their
     * predictions about the blend (the pull's does not: a sample must fit as closely as the fits do).
     */
    static Prediction at(List<EmulatorFit> fits, double[][] anchors, double[] fixed, double[] u, int blend) {
        int k = fixed.length;
        int[] near = fits.size() == 1 ? new int[] {0} : Anchors.nearest(anchors, u, blend);
        double[] w = new double[near.length];
        double total = 0;
        for (int t = 0; t < near.length; t++) {
            w[t] = near.length == 1 ? 1 : 1 / (Anchors.distance2(anchors[near[t]], u) + 1e-12);
            total += w[t];
        }
        double[][] means = new double[near.length][k];
        var out = new Prediction(new double[k], new double[k], new double[k]);
        for (int t = 0; t < near.length; t++) {
            var f = fits.get(near[t]);
            double[] phi = f.row(u);
            double q = f.leverage(phi);
            double wt = w[t] / total;
            for (int j = 0; j < k; j++) {
                means[t][j] = f.mean(j, phi);
                out.mean[j] += wt * means[t][j];
                out.model[j] += wt * (f.misfit(j) + f.residual(j) * q);
                // the scatter of the samples the fit learnt from, not the larger σ_sim² of one sample: with
                // fixed seeds neighbouring samples share their noise pattern, and an emulator good only to
                // σ_sim misplaces the region (measured on the toy DMC: it then excludes the truth); a
                // millionth of the data's variance is the floor, below it differences do not matter
                out.pull[j] += wt * Math.max(f.residual(j) * (1 + q), 1e-6 * fixed[j]);
            }
        }
        for (int t = 0; t < near.length && near.length > 1; t++) {
            double wt = w[t] / total;
            for (int j = 0; j < k; j++) {
                double d = means[t][j] - out.mean[j];
                out.model[j] += wt * d * d;
            }
        }
        return out;
    }
}
