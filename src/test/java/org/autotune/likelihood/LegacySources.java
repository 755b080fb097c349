package org.autotune.likelihood;

import java.util.List;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;

/**
 * The peak-on-background sources as they were written before the batch API: per event, on
 * {@code DerivativeStructure}s (copies of the former GaussianPeak and FlatBackground). They run
 * in {@link LegacyLikelihood} and, through the per-event adapter, in {@link Likelihood}.
 */
public final class LegacySources {
    private static final double SQRT_2PI = Math.sqrt(2 * Math.PI);

    private LegacySources() {
    }

    /** R = n N(x; peak_mean, width), μ = n; peak_mean in [6 width, 10 − 6 width]. */
    public static Source gaussianPeak(double expected, double mean, double width) {
        return new Source() {
            @Override
            public List<SourceParameter> parameters() {
                return List.of(new SourceParameter("peak_mean", mean, 6 * width, 10 - 6 * width));
            }

            @Override
            public DerivativeStructure differentialRate(DerivativeStructure[] params, double[] event) {
                var z = params[0].negate().add(event[0]).divide(width);
                return z.square().multiply(-0.5).exp().multiply(expected / (SQRT_2PI * width));
            }

            @Override
            public DerivativeStructure expectedCount(DerivativeStructure[] params) {
                return params[0].getFactory().constant(expected);
            }
        };
    }

    /** R = n / (upper − lower), μ = n. */
    public static Source flatBackground(double expected, double lower, double upper) {
        var constants = new DSFactory(0, 0);
        return new Source() {
            @Override
            public List<SourceParameter> parameters() {
                return List.of();
            }

            @Override
            public DerivativeStructure differentialRate(DerivativeStructure[] params, double[] event) {
                return constants.constant(expected / (upper - lower));
            }

            @Override
            public DerivativeStructure expectedCount(DerivativeStructure[] params) {
                return constants.constant(expected);
            }
        };
    }
}
