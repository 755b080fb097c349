package org.autotune.likelihood;

/**
 * A Gaussian constraint on one parameter from an auxiliary measurement: adds
 * (θ − centre)² / (2 σ²) to −ln L.
 */
public record Constraint(String parameter, double centre, double sigma) {
    public Constraint {
        if (!Double.isFinite(centre)) {
            throw new IllegalArgumentException("constraint on %s: centre %s is not finite"
                .formatted(parameter, centre));
        }
        if (!(sigma > 0 && Double.isFinite(sigma))) { // also rejects NaN
            throw new IllegalArgumentException("constraint on %s: sigma %s must be positive and finite"
                .formatted(parameter, sigma));
        }
    }
}
