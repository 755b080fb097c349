/**
 * What a metric says about a sample: the {@link org.autotune.score.Score} (value, standard error,
 * components), the {@link org.autotune.score.Observable}s behind a χ²-type score and the
 * {@link org.autotune.score.ScoreType} that fixes how a curvature becomes a covariance. The
 * journal, the optimizers and the analysis read scores without depending on the metrics that
 * compute them; metrics live in {@code metric}.
 */
package org.autotune.score;
