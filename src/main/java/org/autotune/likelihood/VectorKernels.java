package org.autotune.likelihood;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD e^x and ln x on the incubating Vector API (Intel SVML kernels shipped with the JDK). Only
 * loaded when the module is present; see {@link SimdMath}. Every element, tail included, goes
 * through the same kernel, so a value never depends on its position in the array.
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
        if (i < x.length) { // the tail through the same kernel, masked: every element gets the same function
            var m = SPECIES.indexInRange(i, x.length);
            DoubleVector.fromArray(SPECIES, x, i, m).lanewise(VectorOperators.EXP, m).intoArray(out, i, m);
        }
    }

    static void log(double[] x, double[] out) {
        int i = 0;
        for (int bound = SPECIES.loopBound(x.length); i < bound; i += SPECIES.length()) {
            DoubleVector.fromArray(SPECIES, x, i).lanewise(VectorOperators.LOG).intoArray(out, i);
        }
        if (i < x.length) { // the tail through the same kernel, masked: every element gets the same function
            var m = SPECIES.indexInRange(i, x.length);
            DoubleVector.fromArray(SPECIES, x, i, m).lanewise(VectorOperators.LOG, m).intoArray(out, i, m);
        }
    }
}
