package org.autotune.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.autotune.InputError;
import org.autotune.Sample;
import org.autotune.score.Score;
import org.autotune.space.Point;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal on a real SQLite file: sample states, queries, the design ledger and the schema version. */
class JournalTest {
    @TempDir
    Path dir;

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private Sample sample(Journal j, String key, double x, int events) {
        long id = j.nextId();
        return new Sample(id, key, Point.of(Map.of("x", x)), 7, events, dir.resolve("samples/" + id),
            "optimizer/" + id);
    }

    @Test
    void a_sample_goes_from_pending_through_running_to_finished_and_keeps_its_name() {
        try (var j = Journal.open(dir.resolve("journal.sqlite"))) {
            var s = sample(j, "k1", 0.5, 10);
            j.created(s, "scan-1", 3, T0);
            j.started(s.id(), 1, "local:42", T0.plusSeconds(1));
            j.finished(s.id(), Score.of(2.5), T0.plusSeconds(2), 1000);
            var r = j.sample("scan-1", 3).orElseThrow();
            assertThat(r.name()).isEqualTo("scan-1/3");
            assertThat(r.status()).isEqualTo(SampleStatus.FINISHED);
            assertThat(r.jobId()).isEqualTo("local:42");
            assertThat(r.toScore().orElseThrow().value()).isEqualTo(2.5);
            assertThat(j.transitions(s.id())).extracting(t -> t.split(" ")[0])
                .containsExactly("PENDING", "RUNNING", "FINISHED");
            assertThat(j.lastOrdinal("scan-1")).isEqualTo(3);
            assertThat(j.lastOrdinal("grid-1")).isZero();
        }
    }

    @Test
    void failed_and_interrupted_samples_keep_their_reason_and_a_finished_one_is_never_marked_interrupted() {
        try (var j = Journal.open(dir.resolve("journal.sqlite"))) {
            var a = sample(j, "ka", 0.1, 10);
            j.created(a, "optimizer", 1, T0);
            j.failed(a.id(), "exit 3", Optional.of(3), T0, 5);
            var b = sample(j, "kb", 0.2, 10);
            j.created(b, "optimizer", 2, T0);
            j.interrupted(b.id(), "stopped before it ended", T0);
            var c = sample(j, "kc", 0.3, 10);
            j.created(c, "optimizer", 3, T0);
            j.finished(c.id(), Score.of(1), T0, 5);
            j.interrupted(c.id(), "too late", T0);
            assertThat(j.sample("optimizer", 1).orElseThrow().error()).isEqualTo("exit 3");
            assertThat(j.sample("optimizer", 1).orElseThrow().exitCode()).contains(3);
            assertThat(j.sample("optimizer", 2).orElseThrow().status()).isEqualTo(SampleStatus.INTERRUPTED);
            assertThat(j.sample("optimizer", 3).orElseThrow().status()).isEqualTo(SampleStatus.FINISHED);
            assertThat(j.counts()).containsEntry(SampleStatus.FAILED, 1).containsEntry(SampleStatus.INTERRUPTED, 1)
                .containsEntry(SampleStatus.FINISHED, 1);
        }
    }

    @Test
    void best_counts_only_the_most_events_and_finished_with_key_finds_the_first_finished_copy() {
        try (var j = Journal.open(dir.resolve("journal.sqlite"))) {
            var cheap = sample(j, "cheap", 0.1, 10);
            j.created(cheap, "optimizer", 1, T0);
            j.finished(cheap.id(), Score.of(0.1), T0, 1);
            var rich = sample(j, "rich", 0.2, 100);
            j.created(rich, "optimizer", 2, T0);
            j.finished(rich.id(), Score.of(5), T0, 1);
            var copy = sample(j, "rich", 0.2, 100);
            j.created(copy, "scan-1", 1, T0);
            j.finished(copy.id(), Score.of(5), T0, 1);
            assertThat(j.best().orElseThrow().name()).isEqualTo("optimizer/2");
            assertThat(j.finishedWithKey("rich").orElseThrow().name()).isEqualTo("optimizer/2");
            assertThat(j.finishedWithKey("it's not there")).isEmpty();
        }
    }

    @Test
    void meta_and_the_design_ledger_round_trip() {
        var file = dir.resolve("journal.sqlite");
        try (var j = Journal.open(file)) {
            j.putMeta(Map.of("seed", "5"));
            j.putDesign(new DesignRecord(DesignRecord.Kind.GRID, 1, DesignRecord.State.RUNNING, "{\"size\":3}",
                Optional.empty()));
            j.putDesign(j.design(DesignRecord.Kind.GRID, 1).orElseThrow()
                .with(DesignRecord.State.DONE, "{\"size\":3}", Optional.of("{\"x\":\"a\"}")));
            j.putDesign(new DesignRecord(DesignRecord.Kind.GRID, 2, DesignRecord.State.RUNNING, "{}",
                Optional.empty()));
        }
        try (var j = Journal.read(file)) {
            assertThat(j.meta("seed")).contains("5");
            assertThat(j.meta("schema_version")).contains("2");
            var grids = j.designs(DesignRecord.Kind.GRID);
            assertThat(grids).extracting(DesignRecord::origin).containsExactly("grid-1", "grid-2");
            assertThat(grids.get(0).state()).isEqualTo(DesignRecord.State.DONE);
            assertThat(grids.get(0).result()).contains("{\"x\":\"a\"}");
            assertThat(j.designs(DesignRecord.Kind.SCAN)).isEmpty();
        }
    }

    @Test
    void a_journal_from_a_newer_autotune_is_refused_with_one_line() throws Exception {
        var file = dir.resolve("journal.sqlite");
        try (var j = Journal.open(file)) {
            j.putMeta(Map.of("schema_version", "99"));
        }
        String line = file + ": written by a newer Autotune (schema 99); fix: use a newer autotune or open a copy "
            + "with it";
        assertThat(catchThrowableOfType(InputError.class, () -> Journal.open(file))).hasMessage(line);
        assertThat(catchThrowableOfType(InputError.class, () -> Journal.read(file))).hasMessage(line);
    }

    @Test
    void a_version_1_journal_is_read_as_is_and_migrated_when_opened_for_writing() throws Exception {
        var file = dir.resolve("journal.sqlite");
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + file); var st = db.createStatement()) {
            for (var sql : V1_DDL) {
                st.execute(sql);
            }
            st.execute("INSERT INTO meta VALUES ('schema_version', '1'), ('checks', '1'), "
                + "('check.1.state', 'done'), ('check.1.points', '[[0.5]]'), ('check.1.better', '0')");
            // ids as version 1 numbered them: the optimizer's from 1, check 1's in its own block
            for (long id : new long[] {1, 2, 501000001L}) {
                st.execute("INSERT INTO samples(id, key, point, seed, events, status, attempts, folder, origin, "
                    + "created, score) VALUES (" + id + ", 'k" + id + "', '{\"x\":0.5}', 1, 10, 'FINISHED', 1, "
                    + "'samples/" + id + "', '" + (id > 2 ? "check-1" : "optimizer") + "', '" + T0 + "', " + id + ")");
            }
        }
        try (var j = Journal.read(file)) {
            assertThat(j.samples()).extracting(SampleRecord::name)
                .containsExactly("optimizer/1", "optimizer/2", "check-1/1");
            assertThat(j.design(DesignRecord.Kind.CHECK, 1).orElseThrow().state()).isEqualTo(DesignRecord.State.DONE);
        }
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + file); var st = db.createStatement();
             var rs = st.executeQuery("SELECT value FROM meta WHERE key = 'schema_version'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).as("reading leaves the file as it is").isEqualTo("1");
        }
        try (var j = Journal.open(file)) {
            assertThat(j.meta("schema_version")).contains("2");
            assertThat(j.meta("check.1.state")).isEmpty();
            assertThat(j.sample("check-1", 1).orElseThrow().folder()).isEqualTo("samples/501000001");
            assertThat(j.design(DesignRecord.Kind.CHECK, 1).orElseThrow().result()).contains("{\"better\":0}");
        }
    }

    /** The tables as version 1 of the journal created them. */
    static final String[] V1_DDL = {
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """
        CREATE TABLE samples (id INTEGER PRIMARY KEY, key TEXT NOT NULL, point TEXT NOT NULL,
          seed INTEGER NOT NULL, events INTEGER NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL,
          score REAL, score_error REAL, components TEXT, observables TEXT, error TEXT, exit_code INTEGER,
          job_id TEXT, folder TEXT NOT NULL, origin TEXT NOT NULL, created TEXT NOT NULL, started TEXT,
          finished TEXT, elapsed_ms INTEGER)""",
        "CREATE INDEX samples_key ON samples(key)",
        """
        CREATE TABLE transitions (id INTEGER PRIMARY KEY, sample_id INTEGER NOT NULL, status TEXT NOT NULL,
          at TEXT NOT NULL, detail TEXT NOT NULL)""",
        "CREATE TABLE path (step INTEGER PRIMARY KEY, entry TEXT NOT NULL)",
    };
}
