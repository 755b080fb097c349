/**
 * The response-surface toolbox shared by the optimizers and the analysis: weighted least-squares
 * polynomial models with leave-one-out choice and prediction errors, the Gaussian process and its
 * hyperparameter fit, the shifted-Sobol space-filling design, and box minimisation on Hipparchus'
 * BOBYQA. Everything works in unit-cube coordinates; nothing here knows about campaigns, journals,
 * optimizers or scores, so it imports only {@code space} and {@code score} from Autotune.
 */
package org.autotune.model;
