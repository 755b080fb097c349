/**
 * The ask/tell Optimizer interface and the built-in optimizers, registered by name in Optimizers.
 * Optimizers see only points and scores: no files, no processes, no journal.
 */
package org.autotune.optimize;
