package org.autotune.likelihood;

import java.util.List;

/**
 * −ln L at one parameter point with its exact gradient and Hessian with respect to the free
 * parameters (in the order of {@code free}); gradient and Hessian are empty below the order asked
 * for.
 */
public record NegLogLikelihood(double value, List<String> free, double[] gradient,
        double[][] hessian) {
    public NegLogLikelihood {
        free = List.copyOf(free);
        gradient = gradient.clone();
        hessian = copy(hessian);
    }

    @Override
    public double[] gradient() {
        return gradient.clone();
    }

    @Override
    public double[][] hessian() {
        return copy(hessian);
    }

    /** ln L = −value. */
    public double logLikelihood() {
        return -value;
    }

    private static double[][] copy(double[][] m) {
        var c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }
}
