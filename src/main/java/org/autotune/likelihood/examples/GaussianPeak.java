package org.autotune.likelihood.examples;

import java.util.List;
import org.autotune.likelihood.Duals;
import org.autotune.likelihood.EventColumns;
import org.autotune.likelihood.Source;
import org.autotune.likelihood.SourceParameter;
import org.hipparchus.analysis.differentiation.DerivativeStructure;

/**
 * A mono-energetic line seen with Gaussian resolution: R(x) = n · N(x; peak_mean, width) in one
 * observable (energy, keV), μ = n. The mean is a parameter (an energy-scale offset would enter
 * here); bounds keep it ≥ 6 widths inside [0, 10] keV, so the truncated tails (< 1e-9) are
 * neglected in μ.
 */
public final class GaussianPeak implements Source {
    private static final double SQRT_2PI = Math.sqrt(2 * Math.PI);
    private final double expected;
    private final double mean;
    private final double width;

    /** A peak of {@code expected} events at {@code mean} ± {@code width} keV. */
    public GaussianPeak(double expected, double mean, double width) {
        if (!(expected > 0 && width > 0)) {
            throw new IllegalArgumentException("expected %s and width %s must be positive"
                .formatted(expected, width));
        }
        this.expected = expected;
        this.mean = mean;
        this.width = width;
    }

    @Override
    public List<SourceParameter> parameters() {
        return List.of(new SourceParameter("peak_mean", mean, 6 * width, 10 - 6 * width));
    }

    @Override
    public Duals differentialRates(Duals[] params, EventColumns events) {
        var z = params[0].subtractFrom(events.column(0)).divide(width); // (x − mean) / width
        return z.square().multiply(-0.5).exp().multiply(expected / (SQRT_2PI * width));
    }

    @Override
    public DerivativeStructure expectedCount(DerivativeStructure[] params) {
        return params[0].getFactory().constant(expected);
    }
}
