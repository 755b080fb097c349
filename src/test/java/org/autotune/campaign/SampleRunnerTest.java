package org.autotune.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.autotune.Sample;
import org.autotune.execute.Executor;
import org.autotune.execute.Job;
import org.autotune.execute.LocalExecutor;
import org.autotune.journal.Journal;
import org.autotune.journal.SampleStatus;
import org.autotune.metric.Metric;
import org.autotune.metric.MetricException;
import org.autotune.metric.SampleOutputs;
import org.autotune.score.Score;
import org.autotune.simulate.Simulator;
import org.autotune.space.Point;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One sample run to its end with real processes, the local executor and a real journal file: what
 * the simulation does decides the sample, what the machines do never does.
 */
class SampleRunnerTest {
    @TempDir
    Path dir;

    private final ExecutorService scoring = Executors.newSingleThreadExecutor();
    /** The waits the back-off asked for, taken at once so the tests do not wait. */
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private Journal journal;

    @AfterEach
    void close() {
        scoring.shutdownNow();
        if (journal != null) {
            journal.close();
        }
    }

    @Test
    void a_simulator_that_does_not_exist_stops_the_campaign_at_the_first_try_and_is_not_failed() throws Exception {
        var program = dir.resolve("no-such-sim").toString();
        var sample = sample(1);
        CompletableFuture<Optional<Score>> result;
        try (var executor = new LocalExecutor(1)) {
            result = run(executor, List.of(program, "run.mac"), 0, sample);
            assertThat(result).failsWithin(60, TimeUnit.SECONDS);
        }
        var failure = InfrastructureFailure.in(thrown(result)).orElseThrow();
        assertThat(failure.getMessage())
            .isEqualTo("sample optimizer/1 could not start: cannot start '" + program + "': No such file or "
                + "directory; check simulator.command (the program must be on PATH or given with a path)");
        var record = journal.sample(1).orElseThrow();
        assertThat(record.status()).isEqualTo(SampleStatus.INTERRUPTED);
        assertThat(record.error()).isNullOrEmpty();
        assertThat(journal.transitions(1)).noneMatch(t -> t.contains("infrastructure failure"))
            .filteredOn(t -> t.contains("cannot start")).singleElement().asString()
            .startsWith("INTERRUPTED cannot start, the campaign stops: cannot start '" + program + "'");
        assertThat(waits).isEmpty();
    }

    @Test
    void a_fork_that_keeps_failing_is_retried_with_back_off_then_stops_the_campaign_and_is_not_failed()
        throws Exception {
        var sample = sample(1);
        CompletableFuture<Optional<Score>> result;
        try (var executor = ForkFailures.first(new LocalExecutor(1), Integer.MAX_VALUE)) {
            result = run(executor, List.of("sh", "-c", "echo 0.25 > value.txt"), 0, sample);
            assertThat(result).failsWithin(60, TimeUnit.SECONDS);
        }
        var failure = InfrastructureFailure.in(thrown(result)).orElseThrow();
        assertThat(failure.getMessage())
            .startsWith("sample optimizer/1 (folder " + sample.folder() + ") could not run, 5 times in a row: cannot "
                + "start 'sh': fork failed")
            .endsWith("check simulator.command")
            .doesNotContain("\n");
        var record = journal.sample(1).orElseThrow();
        assertThat(record.status()).isEqualTo(SampleStatus.INTERRUPTED);
        assertThat(record.error()).isNullOrEmpty();
        var retries = journal.transitions(1).stream().filter(t -> t.contains("infrastructure failure")).toList();
        assertThat(retries).hasSize(5);
        for (int k = 1; k <= 4; k++) {
            assertThat(retries.get(k - 1)).startsWith("PENDING retry after: infrastructure failure " + k
                + " of 5, next try in " + (1 << (k - 1)) + " s: cannot start 'sh'");
        }
        assertThat(retries.get(4)).startsWith("INTERRUPTED infrastructure failure 5 of 5, the campaign stops: ");
        assertThat(waits.stream().reduce(Duration.ZERO, Duration::plus)).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void a_simulator_that_exits_3_fails_the_sample_after_its_retries_as_before() throws Exception {
        var sample = sample(1);
        try (var executor = new LocalExecutor(1)) {
            var result = run(executor, List.of("sh", "-c", "echo 'boom' >&2; exit 3"), 1, sample);
            assertThat(result.get(60, TimeUnit.SECONDS)).isEmpty();
        }
        var record = journal.sample(1).orElseThrow();
        assertThat(record.status()).isEqualTo(SampleStatus.FAILED);
        assertThat(record.attempts()).isEqualTo(2);
        assertThat(record.exitCode()).contains(3);
        assertThat(record.error()).startsWith("exit code 3").contains("boom");
        assertThat(journal.transitions(1)).noneMatch(t -> t.contains("infrastructure"));
        assertThat(waits).isEmpty();
    }

    @Test
    void a_job_that_fails_to_start_once_and_then_starts_finishes_with_no_failure_recorded() throws Exception {
        var sample = sample(1);
        try (var executor = ForkFailures.first(new LocalExecutor(1), 1)) {
            var result = run(executor, List.of("sh", "-c", "echo 0.25 > value.txt"), 0, sample);
            assertThat(result.get(60, TimeUnit.SECONDS)).map(Score::value).contains(0.25);
        }
        var record = journal.sample(1).orElseThrow();
        assertThat(record.status()).isEqualTo(SampleStatus.FINISHED);
        assertThat(record.attempts()).isEqualTo(1);   // the sample's own retries were not spent
        assertThat(record.error()).isNullOrEmpty();
        assertThat(record.exitCode()).isEmpty();
        assertThat(journal.transitions(1)).filteredOn(t -> t.contains("infrastructure failure")).singleElement()
            .asString().contains("infrastructure failure 1 of 5, next try in 1 s: cannot start 'sh': fork failed");
        assertThat(waits).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void a_campaign_stopping_while_a_sample_waits_to_try_again_interrupts_it_at_once() throws Exception {
        var sample = sample(1);
        Backoff.Timer stopThenWait = (wait, action) -> {   // the user presses Ctrl-C during the first wait
            waits.add(wait);
            stopping.set(true);
            action.run();
        };
        try (var executor = ForkFailures.first(new LocalExecutor(1), Integer.MAX_VALUE)) {
            var result = run(executor, List.of("true"), 0, sample,
                new Backoff(5, Duration.ofSeconds(30), Duration.ofSeconds(60), stopThenWait));
            assertThat(result.get(60, TimeUnit.SECONDS)).isEmpty();
        }
        assertThat(journal.sample(1).orElseThrow().status()).isEqualTo(SampleStatus.INTERRUPTED);
        assertThat(waits).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void a_stopping_campaign_interrupts_the_samples_waiting_to_try_again_without_waiting_for_them() throws Exception {
        var sample = sample(1);
        var held = new CopyOnWriteArrayList<Runnable>();
        Backoff.Timer never = (wait, action) -> held.add(action);   // the wait never ends by itself
        try (var executor = ForkFailures.first(new LocalExecutor(1), Integer.MAX_VALUE)) {
            var runner = runner(executor, List.of("true"), 0,
                new Backoff(5, Duration.ofSeconds(1), Duration.ofSeconds(60), never));
            var result = new CompletableFuture<Optional<Score>>();
            runner.submit(sample, 1, result);
            while (held.isEmpty() && !result.isDone()) {
                Thread.sleep(10);
            }
            runner.stopWaiting();
            assertThat(result).isCompletedWithValue(Optional.empty());
            held.forEach(Runnable::run);   // a wait that ends after the stop starts nothing
        }
        assertThat(journal.sample(1).orElseThrow().status()).isEqualTo(SampleStatus.INTERRUPTED);
        assertThat(journal.transitions(1)).filteredOn(t -> t.startsWith("RUNNING")).isEmpty();
        assertThat(journal.transitions(1)).last().asString().startsWith("INTERRUPTED stopped while waiting");
    }

    @Test
    void the_back_off_doubles_from_one_second_up_to_a_minute() {
        var backoff = Backoff.standard();
        assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 8, 30).stream().map(backoff::delay).map(Duration::toSeconds))
            .containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
        assertThat(backoff.limit()).isEqualTo(5);
    }

    private CompletableFuture<Optional<Score>> run(Executor executor, List<String> command, int retries,
                                                   Sample sample) {
        Backoff.Timer immediate = (wait, action) -> {
            waits.add(wait);
            action.run();
        };
        return run(executor, command, retries, sample, new Backoff(5, Duration.ofSeconds(1),
            Duration.ofSeconds(60), immediate));
    }

    private CompletableFuture<Optional<Score>> run(Executor executor, List<String> command, int retries,
                                                   Sample sample, Backoff backoff) {
        var result = new CompletableFuture<Optional<Score>>();
        runner(executor, command, retries, backoff).submit(sample, 1, result);
        return result;
    }

    /** A runner on a fresh journal that already holds sample 1 (as the run loop creates it). */
    private SampleRunner runner(Executor executor, List<String> command, int retries, Backoff backoff) {
        journal = Journal.open(dir.resolve(Journal.FILE_NAME));
        journal.created(sample(1), "optimizer", 1, Clock.systemUTC().instant());
        return new SampleRunner(journal, new CommandOf(command), new ValueFile(), executor, scoring,
            Clock.systemUTC(), retries, new AtomicInteger(), stopping::get, backoff);
    }

    private Sample sample(long id) {
        var point = Point.of(Map.of("gain", 1.0));
        return new Sample(id, "key-" + id, point, 7, 100, dir.resolve("samples").resolve("%06d".formatted(id)),
            "optimizer/" + id);
    }

    private static Throwable thrown(CompletableFuture<?> result) {
        try {
            result.join();
            throw new AssertionError("the sample's future completed normally");
        } catch (CompletionException e) {
            return e;
        }
    }

    /** A real simulator for these tests: runs one fixed command in the sample folder. */
    private record CommandOf(List<String> command) implements Simulator {
        @Override
        public Job prepare(Sample sample) {
            return job(sample);
        }

        @Override
        public Job job(Sample sample) {
            return new Job(sample.id(), sample.folder(), command, Map.of(), Duration.ofSeconds(20), List.of());
        }

        @Override
        public String fingerprint() {
            return "test";
        }
    }

    /** A real metric for these tests: the score is the number the simulator wrote into value.txt. */
    private static final class ValueFile implements Metric {
        @Override
        public Score score(SampleOutputs outputs) {
            try {
                return Score.of(Double.parseDouble(Files.readString(outputs.folder().resolve("value.txt")).strip()));
            } catch (IOException | NumberFormatException e) {
                throw new MetricException("no value in value.txt: " + e.getMessage());
            }
        }
    }
}
