package org.autotune.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.autotune.Sample;
import org.autotune.score.Observable;
import org.autotune.score.Score;
import org.autotune.space.Point;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal's aggregate reads (what status, export and the dashboard use instead of reading every
 * sample) agree with the full read of every sample, on a real journal with every status, two
 * numbers of events (a fidelity schedule), failures, components and observables.
 */
class JournalAggregatesTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void counts_best_last_failure_events_and_components_agree_with_the_full_read() {
        try (var j = Journal.open(dir.resolve(Journal.FILE_NAME))) {
            fill(j, new Random(11), 400);
            var all = j.samples();

            var counts = all.stream().collect(Collectors.groupingBy(SampleRecord::status, Collectors.counting()));
            for (var s : SampleStatus.values()) {
                assertThat(j.counts().get(s).longValue()).as(s.name()).isEqualTo(counts.getOrDefault(s, 0L));
            }
            int most = all.stream().filter(s -> s.status() == SampleStatus.FINISHED).mapToInt(SampleRecord::events)
                .max().orElseThrow();
            var best = all.stream().filter(s -> s.status() == SampleStatus.FINISHED && s.events() == most)
                .min(Comparator.comparingDouble((SampleRecord s) -> s.score().getAsDouble())
                    .thenComparingLong(SampleRecord::id)).orElseThrow();
            assertThat(j.best().orElseThrow()).isEqualTo(best);
            var lastFailure = all.stream().filter(s -> s.status() == SampleStatus.FAILED)
                .max(Comparator.comparingLong(SampleRecord::id)).orElseThrow();
            assertThat(j.lastFailure().orElseThrow()).isEqualTo(lastFailure);
            assertThat(j.eventCounts()).isEqualTo(new TreeMap<>(all.stream().collect(
                Collectors.groupingBy(SampleRecord::events, Collectors.counting()))));
            var components = new TreeSet<String>();
            all.forEach(s -> components.addAll(s.components().keySet()));
            assertThat(j.componentNames()).isEqualTo(components).hasSizeGreaterThan(1);

            var streamed = new ArrayList<SampleRecord>();
            j.forEachSample(false, streamed::add);
            assertThat(streamed).hasSameSizeAs(all);
            for (int i = 0; i < all.size(); i++) {
                assertThat(streamed.get(i).observables()).isEmpty();
                assertThat(withoutObservables(all.get(i))).isEqualTo(streamed.get(i));
            }
            assertThat(all).anyMatch(s -> !s.observables().isEmpty());
        }
    }

    @Test
    void a_journal_without_samples_has_no_best_no_failure_and_zero_counts() {
        try (var j = Journal.open(dir.resolve(Journal.FILE_NAME))) {
            assertThat(j.best()).isEmpty();
            assertThat(j.lastFailure()).isEmpty();
            assertThat(j.eventCounts()).isEmpty();
            assertThat(j.componentNames()).isEmpty();
            assertThat(j.counts().values()).containsOnly(0);
            assertThat(j.cursor()).isZero();
        }
    }

    @Test
    void every_change_of_a_row_moves_the_cursor_and_is_found_by_the_changed_rows() {
        try (var j = Journal.open(dir.resolve(Journal.FILE_NAME))) {
            fill(j, new Random(3), 30);
            long cursor = j.cursor();
            var changed = new ArrayList<Long>();
            j.forEachChanged(cursor, s -> changed.add(s.id()));
            assertThat(changed).isEmpty();

            j.rescored(5, new Score(1e6, OptionalDouble.empty(), Map.of("cost", 1.0), List.of()));
            j.interrupted(7, "stopped", T0);
            var s = new Sample(31, "k31", Point.of(Map.of("x", 0.5)), 7, 100, dir.resolve("31"), "optimizer/31");
            j.created(s, "optimizer", 31, T0);
            assertThat(j.cursor()).isGreaterThan(cursor);
            var rows = new ArrayList<SampleRecord>();
            j.forEachChanged(cursor, rows::add);
            assertThat(rows).extracting(SampleRecord::id).containsExactly(5L, 7L, 31L);
            assertThat(rows.get(0).score()).hasValue(1e6);
        }
    }

    /** n samples: most finished (with 10 or 100 events), some failed, running, pending or interrupted. */
    private void fill(Journal j, Random rng, int n) {
        for (int i = 1; i <= n; i++) {
            int events = rng.nextInt(3) == 0 ? 10 : 100;
            var s = new Sample(i, "k" + i, Point.of(Map.of("x", rng.nextDouble())), 7, events,
                dir.resolve("samples/" + i), "optimizer/" + i);
            j.created(s, "optimizer", i, T0);
            int kind = rng.nextInt(20);
            if (kind == 0) {
                continue;   // pending
            }
            j.started(i, 1, "local:" + i, T0.plusSeconds(i));
            if (kind == 1) {
                continue;   // running
            } else if (kind == 2) {
                j.interrupted(i, "stopped", T0.plusSeconds(i));
            } else if (kind < 5) {
                j.failed(i, "exit 2 in sample " + i, Optional.of(2), T0.plusSeconds(i), 3);
            } else {
                double score = Math.round(rng.nextDouble() * 50) / 10.0;   // ties: the lower id wins
                var components = rng.nextBoolean() ? Map.of("a", score / 2, "b", score / 2) : Map.of("c", score);
                var obs = List.of(new Observable("m", rng.nextGaussian(), 0.1, 0, 0.2));
                j.finished(i, new Score(score, OptionalDouble.of(0.1), components, obs), T0.plusSeconds(i), 3);
            }
        }
    }

    private static SampleRecord withoutObservables(SampleRecord r) {
        return new SampleRecord(r.id(), r.key(), r.point(), r.seed(), r.events(), r.status(), r.attempts(), r.score(),
            r.scoreError(), r.components(), List.of(), r.error(), r.exitCode(), r.jobId(), r.folder(), r.origin(),
            r.ordinal(), r.created(), r.started(), r.finished(), r.elapsedMillis());
    }
}
