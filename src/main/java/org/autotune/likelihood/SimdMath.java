package org.autotune.likelihood;

/**
 * e^x and ln x over whole arrays, the two transcendental functions an unbinned likelihood spends
 * most of its time in. When the JVM runs with {@code --add-modules jdk.incubator.vector} they use
 * the JDK's SIMD kernels ({@link VectorKernels}: 8 doubles per instruction with AVX-512, within
 * 1 ulp of {@link Math#exp}/{@link Math#log}); otherwise, or with {@code
 * -Dautotune.likelihood.simd=false}, one {@code Math} call per element (about 7 ns each).
 */
final class SimdMath {
    /** Whether the SIMD kernels are in use. */
    static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
        && !"false".equals(System.getProperty("autotune.likelihood.simd"));

    private SimdMath() {
    }

    /** out[i] = e^x[i] for i below x.length. */
    static void exp(double[] x, double[] out) {
        if (VECTOR) {
            VectorKernels.exp(x, out);
            return;
        }
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.exp(x[i]);
        }
    }

    /** out[i] = ln x[i] for i below x.length. */
    static void log(double[] x, double[] out) {
        if (VECTOR) {
            VectorKernels.log(x, out);
            return;
        }
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.log(x[i]);
        }
    }
}
