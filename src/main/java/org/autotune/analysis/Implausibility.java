package org.autotune.analysis;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import org.hipparchus.distribution.continuous.ChiSquaredDistribution;
import org.hipparchus.special.Erf;

/**
 * History matching's cut for one wave's {@link Emulator}: per observable the implausibility
 * I_k(u) = |z_k − E[f_k(u)]| / √(V_emulator,k(u) + V_data,k + V_sim,k), the distance of the data from
 * the emulator's prediction in units of everything that may separate them. The emulator's variance is its
 * own (misfit and prediction error) plus its squared error measured on samples it did not learn from:
 * a polynomial's own error is honest only where its form is right. A point is ruled out when
 * more observables exceed {@value #CUT} than chance allows at the truth, or when Σ_k I_k² exceeds its
 * 99.9 % χ² quantile. At the truth each I_k is at most a standard normal (the emulator's variance only
 * adds), so the truth survives one wave's cut with probability ≥ 99.8 %.
 */
final class Implausibility {
    /** The per-observable cut, in standard deviations. */
    static final double CUT = 3;
    /** The chance the truth is ruled out by each of the two criteria of one wave, at most. */
    static final double FALSE_CUT = 0.001;

    private final Emulator emulator;
    private final double[] reference;
    /** Per observable, the emulator's error measured on samples it did not learn from, beyond its own. */
    private final double[] tested;
    private final int allowed;
    private final double sumCut;

    /**
     * @param tested per observable a variance added to the emulator's own: its squared prediction error
     *               measured on samples it did not learn from (zeros: the emulator's own error only)
     */
    Implausibility(Emulator emulator, double[] tested) {
        this.emulator = emulator;
        this.tested = tested.clone();
        this.reference = emulator.reference();
        int k = reference.length;
        this.allowed = allowedAbove(k);
        this.sumCut = new ChiSquaredDistribution(k).inverseCumulativeProbability(1 - FALSE_CUT);
    }

    /**
     * How many of k observables may exceed {@link #CUT} at the truth: the smallest q with
     * P(Binomial(k, p) > q) < {@link #FALSE_CUT}, p = P(|N(0,1)| > 3) ≈ 0.0027 (134 observables: 3).
     */
    static int allowedAbove(int k) {
        double p = 1 - Erf.erf(CUT / Math.sqrt(2));
        double term = Math.pow(1 - p, k);
        double cumulative = term;
        int q = 0;
        while (1 - cumulative >= FALSE_CUT && q < k) {
            term *= (double) (k - q) / (q + 1) * p / (1 - p);
            cumulative += term;
            q++;
        }
        return q;
    }

    Emulator emulator() {
        return emulator;
    }

    /** The implausibility of each observable at u. */
    double[] at(double[] u) {
        double[] mean = emulator.predict(u);
        double[] v = emulator.variance(u);
        double[] out = new double[mean.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = Math.abs(reference[k] - mean[k]) / Math.sqrt(v[k] + tested[k]);
        }
        return out;
    }

    /** True when u is not ruled out (see the class comment). */
    boolean allows(double[] u) {
        int above = 0;
        double sum = 0;
        for (double i : at(u)) {
            above += i > CUT ? 1 : 0;
            sum += i * i;
        }
        return above <= allowed && sum <= sumCut;
    }

    /** The emulator's share of the variance at u: median over observables of V_emulator / (V_data + V_sim). */
    double emulatorShare(double[] u, double[] dataAndSim) {
        double[] v = emulator.variance(u);
        double[] r = new double[v.length];
        for (int k = 0; k < v.length; k++) {
            r[k] = Math.max(0, (v[k] + tested[k]) / dataAndSim[k] - 1);
        }
        Arrays.sort(r);
        return r[r.length / 2];
    }

    /**
     * Per observable, the emulator's squared prediction error on samples it did not learn from beyond one
     * sample's simulation variance (which the implausibility counts already): max(0, mean (y − m(u))² − σ_sim²).
     */
    static double[] tested(Emulator emulator, List<Emulator.Sample> unseen) {
        var names = emulator.names();
        double[] out = new double[names.size()];
        if (unseen.isEmpty()) {
            return out;
        }
        double[] sim = new double[names.size()];
        var index = index(names);
        for (var s : unseen) {
            double[] m = emulator.predict(s.unit());
            for (var o : s.observables()) {
                Integer k = index.get(o.name());
                if (k != null) {
                    double d = o.simulated() - m[k];
                    out[k] += d * d / unseen.size();
                    sim[k] += o.simulatedError() * o.simulatedError() / unseen.size();
                }
            }
        }
        for (int k = 0; k < out.length; k++) {
            out[k] = Math.max(0, out[k] - sim[k]);
        }
        return out;
    }

    private static HashMap<String, Integer> index(List<String> names) {
        var index = new HashMap<String, Integer>();
        for (int k = 0; k < names.size(); k++) {
            index.put(names.get(k), k);
        }
        return index;
    }

    /** Per observable σ_data² + σ_sim² of one sample, in the emulator's order. */
    static double[] dataAndSim(Emulator emulator, List<Emulator.Sample> samples) {
        var names = emulator.names();
        double[] out = new double[names.size()];
        var index = index(names);
        double[] sim = new double[names.size()];
        for (var s : samples) {
            for (var o : s.observables()) {
                Integer k = index.get(o.name());
                if (k != null) {
                    out[k] = o.referenceError() * o.referenceError();
                    sim[k] += o.simulatedError() * o.simulatedError() / samples.size();
                }
            }
        }
        for (int k = 0; k < out.length; k++) {
            out[k] = Math.max(out[k] + sim[k], 1e-300);
        }
        return out;
    }
}
