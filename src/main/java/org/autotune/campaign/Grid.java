package org.autotune.campaign;

/**
 * A finished 2-D grid: the two parameters, their values along each axis, and the scores (NaN for a
 * failed sample), row by row of the second parameter.
 */
public record Grid(String x, String y, double[] xs, double[] ys, double[][] scores) {
}
