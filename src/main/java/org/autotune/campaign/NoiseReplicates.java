package org.autotune.campaign;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.autotune.analysis.ScoreNoise;
import org.autotune.journal.Journal;
import org.autotune.journal.SampleRecord;
import org.autotune.journal.SampleStatus;
import org.autotune.score.Observable;

/**
 * Reads the {@link SampleRecord#NOISE} replicates of a fixed-seed campaign back: those at the point
 * of the newest one, beside the campaign's own sample at that point.
 */
final class NoiseReplicates {
    private NoiseReplicates() {
    }

    /**
     * @param noise      the journal's noise replicates (any status), read without observables
     * @param samples    the campaign's other samples the analysis uses
     * @return empty without at least two finished replicates at one point and a sample of the campaign there
     */
    static Optional<ScoreNoise> of(Journal journal, List<SampleRecord> noise, List<SampleRecord> samples) {
        if (noise.isEmpty()) {
            return Optional.empty();
        }
        var newest = noise.get(noise.size() - 1);
        var at = newest.point();
        var replicates = noise.stream().filter(s -> s.point().equals(at) && s.events() == newest.events()
            && s.status() == SampleStatus.FINISHED && s.score().isPresent()).toList();
        var sample = samples.stream().filter(s -> s.point().equals(at) && s.events() == newest.events()
            && s.score().isPresent()).min(Comparator.comparingDouble(s -> s.score().getAsDouble()));
        if (sample.isEmpty()) {
            return Optional.empty();
        }
        var observables = replicates.stream()
            .map(s -> journal.sample(s.id()).map(SampleRecord::observables).orElse(List.<Observable>of())).toList();
        return ScoreNoise.of(replicates.stream().map(s -> s.score().getAsDouble()).toList(), observables,
            sample.get().score().getAsDouble(), sample.get().name());
    }
}
