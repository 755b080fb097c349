package org.autotune.optimize;

/**
 * Transitional marker for the optimizers that keep a path. Read the path of any optimizer with
 * {@link Optimizer#pathSince(int)}, which copies only the new steps; this marker goes once
 * nothing tests for it.
 */
public interface PathRecording extends Optimizer {
}
