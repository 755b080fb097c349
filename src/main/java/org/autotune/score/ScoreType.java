package org.autotune.score;

/** What kind of quantity a metric's value is, which fixes how a curvature becomes a covariance. */
public enum ScoreType {
    /** χ²-like: Δvalue = 1 at one standard deviation, covariance = 2·H⁻¹. */
    CHI_SQUARE,
    /** Negative log-likelihood: Δvalue = 1/2 at one standard deviation, covariance = H⁻¹. */
    NEGATIVE_LOG_LIKELIHOOD,
    /** Any other distance; uncertainties from it are only relative. */
    OTHER
}
