package org.autotune.metric;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.autotune.score.Observable;
import org.hipparchus.complex.Complex;
import org.hipparchus.transform.DftNormalization;
import org.hipparchus.transform.FastFourierTransformer;
import org.hipparchus.transform.TransformType;

/**
 * The frequency-domain optimal filter of phonon-pulse analysis (e.g. S. R. Golwala, PhD thesis,
 * Berkeley 2000, appendix B): with V(f) the trace's spectrum, S(f) the template's and J(f) the
 * noise power spectral density,
 * <pre>
 *   a  = Σ_f w_f Re(S*(f) V(f)) / J(f)  /  Σ_f w_f |S(f)|² / J(f)
 *   χ² = Σ_f w_f |V(f) − a S(f)|² / J(f)
 * </pre>
 * over the one-sided spectrum without the DC bin (which carries the unknown baseline), with
 * w_f = 2 for bins that stand for a conjugate pair and 1 for the Nyquist bin, so that for noise
 * with PSD J the χ² has N − 2 degrees of freedom (N samples, one fitted amplitude). J is estimated
 * as the mean |FFT|² of noise traces, in the same normalisation.
 */
final class OptimalFilter {
    private static final FastFourierTransformer FFT = new FastFourierTransformer(DftNormalization.STANDARD);

    private final Complex[] template;
    private final double[] psd;
    private final double norm;

    /** The fitted amplitude, the χ² of one trace and the fitted time offset in samples (0 when not fitted). */
    record Fit(double amplitude, double chi2, int shift) {
        Fit(double amplitude, double chi2) {
            this(amplitude, chi2, 0);
        }
    }

    OptimalFilter(double[] template, double[] psd) {
        this.template = FFT.transform(template, TransformType.FORWARD);
        this.psd = psd.clone();
        double n = 0;
        for (int k = 1; k <= template.length / 2; k++) {
            n += weight(k, template.length) * this.template[k].norm() * this.template[k].norm() / psd[k];
        }
        this.norm = n;
    }

    /**
     * The fit's residual in the lowest {@code bins} frequency bins as observables whose squared
     * pulls add up to those bins' share of the χ² (divided by {@code scale}): for each bin k and
     * part (real, imaginary), simulated = part(V_k)/a, reference = part(T_k), error =
     * √(J_k·scale/w_k)/a, with a the fitted amplitude. Frequencies above carry mostly noise; their
     * share is in the χ² but not in the observables.
     */
    List<Observable> observables(double[] trace, Fit fit, double scale, int bins, String prefix) {
        var v = FFT.transform(trace, TransformType.FORWARD);
        int n = trace.length;
        double a = fit.amplitude();
        var out = new ArrayList<Observable>();
        if (!(a > 0)) {
            return out;
        }
        for (int k = 1; k <= Math.min(bins, n / 2); k++) {
            double err = Math.sqrt(psd[k] * scale / weight(k, n)) / a;
            out.add(new Observable(prefix + "re" + k, v[k].getReal() / a, err, template[k].getReal(), 0));
            if (k < n / 2) {
                out.add(new Observable(prefix + "im" + k, v[k].getImaginary() / a, err, template[k].getImaginary(), 0));
            }
        }
        return out;
    }

    /** Degrees of freedom of {@link Fit#chi2()} for pure noise. */
    int degreesOfFreedom() {
        return template.length - 2;
    }

    /** The noise PSD (mean |FFT|² of the baseline-subtracted traces), one value per frequency bin. */
    static double[] psd(List<double[]> noise) {
        int n = noise.get(0).length;
        var j = new double[n];
        for (var trace : noise) {
            var f = FFT.transform(centred(trace), TransformType.FORWARD);
            for (int k = 0; k < n; k++) {
                j[k] += f[k].norm() * f[k].norm() / noise.size();
            }
        }
        return j;
    }

    Fit fit(double[] trace) {
        var v = FFT.transform(trace, TransformType.FORWARD);
        int n = trace.length;
        double num = 0;
        for (int k = 1; k <= n / 2; k++) {
            num += weight(k, n) * template[k].conjugate().multiply(v[k]).getReal() / psd[k];
        }
        double a = num / norm;
        double chi2 = 0;
        for (int k = 1; k <= n / 2; k++) {
            double r = v[k].subtract(template[k].multiply(a)).norm();
            chi2 += weight(k, n) * r * r / psd[k];
        }
        return new Fit(a, chi2);
    }

    /**
     * Fits amplitude and time offset: for every shift t in [−maxShift, maxShift] samples the
     * amplitude a(t) = Re Σ_k w_k S_k* V_k e^{2πikt/N} / J_k / Σ_k w_k |S_k|²/J_k comes from one
     * inverse FFT; the shift with the largest amplitude is kept, and χ²(t) = Σ_k w_k |V_k|²/J_k −
     * a(t)²·Σ_k w_k |S_k|²/J_k (one more fitted parameter: N − 3 degrees of freedom).
     */
    Fit fitWithShift(double[] trace, int maxShift) {
        int n = trace.length;
        var v = FFT.transform(trace, TransformType.FORWARD);
        var x = new Complex[n];
        Arrays.fill(x, Complex.ZERO);
        double power = 0;
        for (int k = 1; k <= n / 2; k++) {
            x[k] = template[k].conjugate().multiply(v[k]).multiply(weight(k, n) / psd[k]);
            power += weight(k, n) * v[k].norm() * v[k].norm() / psd[k];
        }
        var c = FFT.transform(x, TransformType.INVERSE);   // includes 1/N
        int best = 0;
        double bestA = Double.NEGATIVE_INFINITY;
        for (int t = -maxShift; t <= maxShift; t++) {
            double a = n * c[Math.floorMod(t, n)].getReal() / norm;
            if (a > bestA) {
                bestA = a;
                best = t;
            }
        }
        return new Fit(bestA, power - bestA * bestA * norm, best);
    }

    /** The trace minus its mean. */
    static double[] centred(double[] trace) {
        double mean = 0;
        for (double v : trace) {
            mean += v;
        }
        mean /= trace.length;
        var out = new double[trace.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = trace[i] - mean;
        }
        return out;
    }

    private static double weight(int k, int n) {
        return k == n / 2 ? 1 : 2;
    }
}
