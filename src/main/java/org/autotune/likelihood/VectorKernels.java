package org.autotune.likelihood;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD e^x and ln x on the incubating Vector API (Intel SVML kernels shipped with the JDK). Only
 * loaded when the module is present; see {@link SimdMath}.
 */
final class VectorKernels {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    private VectorKernels() {
    }

    static void exp(double[] x, double[] out) {
        int i = 0;
        for (int bound = SPECIES.loopBound(x.length); i < bound; i += SPECIES.length()) {
            DoubleVector.fromArray(SPECIES, x, i).lanewise(VectorOperators.EXP).intoArray(out, i);
        }
        for (; i < x.length; i++) {
            out[i] = Math.exp(x[i]);
        }
    }

    static void log(double[] x, double[] out) {
        int i = 0;
        for (int bound = SPECIES.loopBound(x.length); i < bound; i += SPECIES.length()) {
            DoubleVector.fromArray(SPECIES, x, i).lanewise(VectorOperators.LOG).intoArray(out, i);
        }
        for (; i < x.length; i++) {
            out[i] = Math.log(x[i]);
        }
    }
}
