package org.autotune.likelihood;

import java.util.List;
import org.hipparchus.analysis.differentiation.DerivativeStructure;

/** Small sources with known answers for the tests. */
final class TestSources {
    private TestSources() {
    }

    /** R = rate everywhere, μ = mu; declares the given (unused) parameters. */
    static Source constant(double rate, double mu, SourceParameter... unused) {
        return new Source() {
            @Override
            public List<SourceParameter> parameters() {
                return List.of(unused);
            }

            @Override
            public DerivativeStructure differentialRate(DerivativeStructure[] params, double[] event) {
                return factoryOf(params).constant(rate);
            }

            @Override
            public DerivativeStructure expectedCount(DerivativeStructure[] params) {
                return factoryOf(params).constant(mu);
            }

            private org.hipparchus.analysis.differentiation.DSFactory factoryOf(DerivativeStructure[] p) {
                return p.length > 0 ? p[0].getFactory() : new org.hipparchus.analysis.differentiation.DSFactory(0, 0);
            }
        };
    }

    /** Falling spectrum on [0, 10]: R = a·exp(−b x), μ = a (1 − exp(−10 b)) / b (both non-linear). */
    static Source exponential() {
        return new Source() {
            @Override
            public List<SourceParameter> parameters() {
                return List.of(new SourceParameter("a", 50, 0, 1e6),
                    new SourceParameter("b", 0.3, 1e-6, 10));
            }

            @Override
            public DerivativeStructure differentialRate(DerivativeStructure[] p, double[] event) {
                return p[0].multiply(p[1].multiply(-event[0]).exp());
            }

            @Override
            public DerivativeStructure expectedCount(DerivativeStructure[] p) {
                var one = p[1].getFactory().constant(1);
                return p[0].multiply(one.subtract(p[1].multiply(-10).exp())).divide(p[1]);
            }
        };
    }
}
