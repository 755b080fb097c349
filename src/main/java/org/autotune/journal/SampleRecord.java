package org.autotune.journal;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.autotune.score.Observable;
import org.autotune.score.Score;

/**
 * A sample as the journal holds it: what it was, where it got to, and its score or error. It is
 * named by its origin (optimizer, scan-1, grid-2, check-1, anchors) and its ordinal within that
 * origin, e.g. {@code scan-1/14}; {@code id} is the journal's row number and means nothing else.
 */
public record SampleRecord(long id, String key, Map<String, Double> point, long seed, int events,
                           SampleStatus status, int attempts, OptionalDouble score,
                           OptionalDouble scoreError, Map<String, Double> components,
                           List<Observable> observables, String error, Optional<Integer> exitCode,
                           String jobId, String folder, String origin, int ordinal, Instant created,
                           Optional<Instant> started, Optional<Instant> finished, long elapsedMillis) {

    public SampleRecord {
        point = Collections.unmodifiableMap(new LinkedHashMap<>(point));
        components = Map.copyOf(components);
        observables = List.copyOf(observables);
    }

    /**
     * The origin of replicates run with fresh seeds at one point of a fixed-seed campaign, to measure
     * the score's noise there. Their seeds differ from every other sample's, so they are never the
     * campaign's best sample and take no part in its fits.
     */
    public static final String NOISE = "noise";

    /** Whether this sample is one of the {@link #NOISE} replicates. */
    public boolean noiseReplicate() {
        return origin.equals(NOISE);
    }

    /** The name users see: {@code origin/ordinal}, e.g. {@code optimizer/17} or {@code scan-1/14}. */
    public String name() {
        return origin + "/" + ordinal;
    }

    /** The score as the metric gave it, for a finished sample. */
    public Optional<Score> toScore() {
        if (status != SampleStatus.FINISHED || score.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Score(score.getAsDouble(), scoreError, components, observables));
    }
}
