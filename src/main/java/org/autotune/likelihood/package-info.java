/**
 * Explicit unbinned likelihoods with exact derivatives (the flamedisx approach): {@link
 * org.autotune.likelihood.Source}s written once over batches of events in columns, on {@link
 * org.autotune.likelihood.Duals} (dual numbers held in primitive arrays), give the value, gradient
 * and Hessian of −ln L from one code path; {@link
 * org.autotune.likelihood.UniqueGather} avoids recomputing repeated inputs; {@link
 * org.autotune.likelihood.Fit} and {@link org.autotune.likelihood.ProfileLikelihood} give the best
 * point, its covariance and profile intervals; {@link org.autotune.likelihood.AnchorInterpolation}
 * turns anchor simulations into a total rate. Simulation campaigns and metrics do not live here.
 */
package org.autotune.likelihood;
