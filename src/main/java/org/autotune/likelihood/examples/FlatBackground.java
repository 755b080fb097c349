package org.autotune.likelihood.examples;

import java.util.List;
import org.autotune.likelihood.Duals;
import org.autotune.likelihood.EventColumns;
import org.autotune.likelihood.Source;
import org.autotune.likelihood.SourceParameter;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;

/**
 * A flat background on [lower, upper] in one observable: R = n / (upper − lower), μ = n. It
 * has no parameters of its own; its normalisation is its rate multiplier.
 */
public final class FlatBackground implements Source {
    private final double expected;
    private final double lower;
    private final double upper;
    private final DSFactory constants =
        new DSFactory(0, 0);

    /** {@code expected} events spread evenly over [lower, upper]. */
    public FlatBackground(double expected, double lower, double upper) {
        if (!(expected > 0 && lower < upper)) {
            throw new IllegalArgumentException("expected %s must be positive and [%s, %s] non-empty"
                .formatted(expected, lower, upper));
        }
        this.expected = expected;
        this.lower = lower;
        this.upper = upper;
    }

    @Override
    public List<SourceParameter> parameters() {
        return List.of();
    }

    // With no parameters, params is empty: the rate is a constant. The likelihood evaluates a
    // source without free parameters once per dataset and only uses getValue() of the result.
    @Override
    public Duals differentialRates(Duals[] params, EventColumns events) {
        return Duals.constant(events.size(), expected / (upper - lower));
    }

    @Override
    public DerivativeStructure expectedCount(DerivativeStructure[] params) {
        return constants.constant(expected);
    }
}
