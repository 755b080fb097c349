package org.autotune.likelihood.examples;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.autotune.likelihood.Duals;
import org.autotune.likelihood.EventColumns;
import org.autotune.likelihood.Likelihood;
import org.autotune.likelihood.Quadrature;
import org.autotune.likelihood.Source;
import org.autotune.likelihood.SourceParameter;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;

/**
 * The 3-observable synthetic mixture of de Castro &amp; Dorigo, "INFERNO: Inference-Aware
 * Neural Optimisation", Comput. Phys. Commun. 244 (2019) 170, section 5.1, on the unbounded
 * space x0, x1 ∈ ℝ, x2 ≥ 0:
 * <pre>
 *   signal:     s · N((x0, x1) | (0, 0), I₂)          · Exp(x2 | rate 2)
 *   background: b · N((x0, x1) | (2 + r, 0), diag(5, 9)) · Exp(x2 | rate λ)
 * </pre>
 * (diag entries are variances), s = 50, b = 1000, nuisance parameters r = 0 and λ = 3. Each
 * density is normalised on the whole space, so μ = s and b exactly. The paper's expected
 * uncertainties on s from the exact likelihood are 14.71 (s only), 15.52 (r free) and 15.65
 * (r and λ free), with b known in all three.
 */
public final class InfernoMixture {
    /** Expected signal and background counts. */
    public static final double SIGNAL = 50;
    public static final double BACKGROUND = 1000;
    /** The background's shift of the x0 mean and its x2 decay rate. */
    public static final String SHIFT = "r";
    public static final String DECAY_RATE = "lambda";
    /** The signal's rate multiplier: s = SIGNAL × this. */
    public static final String SIGNAL_MULTIPLIER = Likelihood.multiplierName("signal");
    /** The background's rate multiplier: b = BACKGROUND × this. */
    public static final String BACKGROUND_MULTIPLIER = Likelihood.multiplierName("background");

    private static final double TWO_PI = 2 * Math.PI;

    private InfernoMixture() {
    }

    /** The two sources by name, signal first. */
    public static Map<String, Source> sources() {
        var sources = new LinkedHashMap<String, Source>();
        sources.put("signal", new Signal());
        sources.put("background", new Background());
        return sources;
    }

    /**
     * A Gauss–Legendre grid that holds both densities to below 1e-12 of their mass: x0 ∈ [−24,
     * 28] (≥ 11 background widths, √5), x1 ∈ [−36, 36] (12 widths, 3), x2 ∈ [0, 16] (e^−48 of
     * the slower exponential at λ = 3). Panels of 0.8–1.5 units with {@code nodes} nodes each.
     */
    public static Quadrature grid(int nodes) {
        return Quadrature.gaussLegendre(new double[] {-24, -36, 0}, new double[] {28, 36, 16},
            new int[] {48, 48, 32}, nodes);
    }

    /** N(x0, x1 | (0, 0), I₂) · 2 e^(−2 x2): fixed, so its rate is a constant. */
    static final class Signal implements Source {
        private final DSFactory constants = new DSFactory(0, 0);

        @Override
        public List<SourceParameter> parameters() {
            return List.of();
        }

        @Override
        public Duals differentialRates(Duals[] params, EventColumns events) {
            var x0 = events.column(0);
            var x1 = events.column(1);
            var x2 = events.column(2);
            var rate = new double[events.size()];
            for (int i = 0; i < rate.length; i++) {
                double gauss = Math.exp(-0.5 * (x0[i] * x0[i] + x1[i] * x1[i])) / TWO_PI;
                rate[i] = x2[i] < 0 ? 0 : SIGNAL * gauss * 2 * Math.exp(-2 * x2[i]);
            }
            return Duals.of(rate);
        }

        @Override
        public DerivativeStructure expectedCount(DerivativeStructure[] params) {
            return constants.constant(SIGNAL);
        }
    }

    /** N((x0, x1) | (2 + r, 0), diag(5, 9)) · λ e^(−λ x2). */
    static final class Background implements Source {
        @Override
        public List<SourceParameter> parameters() {
            return List.of(SourceParameter.of(SHIFT, 0),
                new SourceParameter(DECAY_RATE, 3, 0, Double.POSITIVE_INFINITY));
        }

        @Override
        public Duals differentialRates(Duals[] params, EventColumns events) {
            var r = params[0];
            var lambda = params[1];
            int n = events.size();
            var x0 = events.column(0);
            var x1 = events.column(1);
            var x2 = events.column(2);
            var shifted = new double[n];  // x0 − 2
            var second = new double[n];   // −x1² / (2·9)
            var minusX2 = new double[n];  // −x2, 0 outside x2 ≥ 0
            var inside = new double[n];   // 1 where x2 ≥ 0, else 0
            for (int i = 0; i < n; i++) {
                shifted[i] = x0[i] - 2;
                second[i] = -0.5 * x1[i] * x1[i] / 9;
                minusX2[i] = x2[i] < 0 ? 0 : -x2[i];
                inside[i] = x2[i] < 0 ? 0 : 1;
            }
            var dx0 = r.subtractFrom(shifted);        // x0 − (2 + r)
            var exponent = dx0.square().multiply(-0.5 / 5).add(second);
            var gauss = exponent.exp().multiply(1 / (TWO_PI * Math.sqrt(5 * 9)));
            var decay = lambda.multiply(minusX2).exp().multiply(lambda);
            return gauss.multiply(decay).multiply(BACKGROUND).multiply(inside);
        }

        @Override
        public DerivativeStructure expectedCount(DerivativeStructure[] params) {
            return params[0].getFactory().constant(BACKGROUND);
        }
    }
}
