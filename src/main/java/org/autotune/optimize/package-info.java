/**
 * The ask/tell Optimizer interface and the built-in optimizers, registered by name in Optimizers.
 * Optimizers see only points and scores: no files, no processes, no journal. Their response
 * surfaces, Gaussian process, space-filling designs and box minimisation come from {@code model}.
 */
package org.autotune.optimize;
