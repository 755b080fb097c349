package org.autotune.campaign;

import org.autotune.journal.SampleRecord;

/**
 * How samples get their seeds. {@code fixed}: every sample uses the campaign seed (common random
 * numbers: differences between points are not blurred by different random draws, which suits
 * coordinate descent). {@code fresh}: each sample gets its own seed derived from the campaign seed
 * and the sample's name (origin and ordinal), so repeated points give independent draws.
 */
public enum SeedPolicy {
    FIXED, FRESH;

    /**
     * The seed of sample {@code origin/ordinal}. The optimizer's samples keep the seeds they always
     * had (their ordinal is the number they were known by); every other origin mixes a stable hash
     * of its name in, so no two origins share a seed sequence. The noise replicates
     * ({@link SampleRecord#NOISE}) get fresh seeds even with {@code fixed}: they exist to measure
     * what one seed hides.
     */
    public long seedFor(long campaignSeed, String origin, int ordinal) {
        if (origin.equals(SampleRecord.NOISE)) {
            return FRESH.seedFor(campaignSeed, origin + "-replicate", ordinal);
        }
        if (this == FIXED || origin.equals(OPTIMIZER)) {
            return seedFor(campaignSeed, ordinal);
        }
        long name = 1125899906842597L;   // a stable 64-bit string hash (String.hashCode is only 32 bits)
        for (int i = 0; i < origin.length(); i++) {
            name = 31 * name + origin.charAt(i);
        }
        return seedFor(campaignSeed ^ name, ordinal);
    }

    /** The origin of the optimizer's samples. */
    public static final String OPTIMIZER = "optimizer";

    /** The seed of the n-th draw: a positive 31-bit number, as Geant4's setSeeds accepts. */
    public long seedFor(long campaignSeed, long n) {
        if (this == FIXED) {
            return campaignSeed;
        }
        long z = campaignSeed * 0x9E3779B97F4A7C15L + n;   // SplitMix64 finaliser
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z & 0x7FFFFFFFL) == 0 ? 1 : z & 0x7FFFFFFFL;
    }
}
