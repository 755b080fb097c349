package org.autotune.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.autotune.journal.SampleRecord;
import org.autotune.journal.SampleStatus;

/**
 * A campaign's samples as a sequence: each sample's position (1, 2, … in creation order), the
 * finished ones with their scores, which of them improved on every earlier score (the
 * best-so-far sequence), and the failed ones. With a fidelity schedule the best so far starts
 * again at each stage with more events, and samples with fewer events than an earlier one never
 * count as improvements, nor do the noise replicates of a fixed-seed campaign.
 */
record History(List<SampleRecord> finished, double[] position, boolean[] improved, List<SampleRecord> failed,
               double[] failedPosition, int total) {

    /** @param samples in creation order */
    static History of(List<SampleRecord> samples) {
        var finished = new ArrayList<SampleRecord>();
        var position = new ArrayList<Double>();
        var improved = new ArrayList<Boolean>();
        var failed = new ArrayList<SampleRecord>();
        var failedPosition = new ArrayList<Double>();
        double best = Double.POSITIVE_INFINITY;
        int events = 0;
        for (int i = 0; i < samples.size(); i++) {
            var s = samples.get(i);
            if (s.status() == SampleStatus.FINISHED && s.score().isPresent()) {
                double v = s.score().getAsDouble();
                if (s.events() > events) {   // a fidelity stage with more events: scores on a new scale
                    events = s.events();
                    best = Double.POSITIVE_INFINITY;
                }
                finished.add(s);
                position.add(i + 1.0);
                // the noise replicates ran with other seeds than the campaign's: never its best
                boolean counts = s.events() == events && !s.noiseReplicate();
                improved.add(counts && v < best);
                best = counts ? Math.min(best, v) : best;
            } else if (s.status() == SampleStatus.FAILED) {
                failed.add(s);
                failedPosition.add(i + 1.0);
            }
        }
        var flags = new boolean[improved.size()];
        for (int i = 0; i < flags.length; i++) {
            flags[i] = improved.get(i);
        }
        return new History(List.copyOf(finished), position.stream().mapToDouble(Double::doubleValue).toArray(), flags,
            List.copyOf(failed), failedPosition.stream().mapToDouble(Double::doubleValue).toArray(), samples.size());
    }

    double score(int i) {
        return finished.get(i).score().getAsDouble();
    }

    double[] scores() {
        var out = new double[finished.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = score(i);
        }
        return out;
    }

    /** The finished sample with the lowest score (the earliest of equals). */
    Optional<SampleRecord> best() {
        int[] best = bestSoFar();
        return best.length == 0 ? Optional.empty() : Optional.of(finished.get(best[best.length - 1]));
    }

    /** Indices (into {@link #finished()}) of the best-so-far samples, in order. */
    int[] bestSoFar() {
        var out = new ArrayList<Integer>();
        for (int i = 0; i < improved.length; i++) {
            if (improved[i]) {
                out.add(i);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
