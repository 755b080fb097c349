/**
 * What the samples say after the minimum: a quadratic response surface fitted to samples around
 * the best point, and from its Hessian the uncertainties, correlations and principal directions
 * (well and poorly constrained combinations of parameters). The least-squares fits and the
 * space-filling designs themselves live in {@code model}.
 */
package org.autotune.analysis;
