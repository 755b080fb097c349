package org.autotune.campaign;

/**
 * How samples get their seeds. {@code fixed}: every sample uses the campaign seed (common random
 * numbers: differences between points are not blurred by different random draws, which suits
 * coordinate descent). {@code fresh}: each sample gets its own seed derived from the campaign seed
 * and the sample id, so repeated points give independent draws.
 */
public enum SeedPolicy {
    FIXED, FRESH;

    /** The seed of sample {@code id}: a positive 31-bit number, as Geant4's setSeeds accepts. */
    public long seedFor(long campaignSeed, long id) {
        if (this == FIXED) {
            return campaignSeed;
        }
        long z = campaignSeed * 0x9E3779B97F4A7C15L + id;   // SplitMix64 finaliser
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z & 0x7FFFFFFFL) == 0 ? 1 : z & 0x7FFFFFFFL;
    }
}
