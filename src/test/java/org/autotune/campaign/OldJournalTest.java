package org.autotune.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.autotune.cli.CliAccess;
import org.autotune.journal.DesignRecord;
import org.autotune.journal.Journal;
import org.autotune.journal.SampleRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real journal written by the previous Autotune (schema 1, commit c876658: 12 optimizer samples
 * and one scan, see {@code src/test/resources/journals/v1/README.txt}), put into a campaign folder
 * here and used by the current command line as a user would after upgrading. The sample folders
 * that journal records were deleted when it was made: nothing may need them.
 */
@Tag("slow")
class OldJournalTest {
    private static final String FIXTURE = "/journals/v1/";

    @TempDir
    Path dir;

    @Test
    void status_of_a_version_1_journal_reads_it_without_changing_the_file() throws Exception {
        var file = oldCampaign(dir.resolve("campaign"));
        var journal = file.resolveSibling("campaign.autotune").resolve(Journal.FILE_NAME);
        byte[] before = Files.readAllBytes(journal);

        var status = CliAccess.run(dir.resolve("log-status"), "status", file.toString());

        assertThat(status.exitCode()).as(status.stderr()).isZero();
        assertThat(status.stdout()).contains("campaign v1: budget-spent")
            .contains("samples: 23 of budget 12 done (23 finished, 0 failed)")
            .contains("best: sample optimizer/11, score 0.246777");
        assertThat(Files.readAllBytes(journal)).as("status leaves the old journal as it was").isEqualTo(before);
        assertThat(schemaVersion(journal)).isEqualTo("1");
    }

    @Test
    void a_version_1_journal_resumes_without_running_an_old_sample_again_and_scans_on_as_scan_2()
        throws Exception {
        var file = oldCampaign(dir.resolve("campaign"));
        var folder = file.resolveSibling("campaign.autotune");
        var journal = folder.resolve(Journal.FILE_NAME);
        List<SampleRecord> old;
        try (var j = Journal.read(journal)) {
            old = j.samples();
        }
        assertThat(old).extracting(SampleRecord::name).containsExactlyElementsOf(Stream.concat(
            names("optimizer", 12).stream(), names("scan-1", 11).stream()).toList());
        assertThat(old).allMatch(s -> !Files.exists(Path.of(s.folder())), "old sample folders are gone");

        var resume = CliAccess.run(dir.resolve("log-resume"), "resume", file.toString(), "--budget", "20");

        assertThat(resume.exitCode()).as(() -> resume.stderr() + JournalListing.of(journal)).isZero();
        assertThat(schemaVersion(journal)).isEqualTo("2");
        List<SampleRecord> resumed;
        try (var j = Journal.read(journal)) {
            resumed = j.samples();
        }
        var byName = resumed.stream().collect(Collectors.toMap(SampleRecord::name, Function.identity()));
        for (var s : old) {   // the old samples keep what they were and what they scored
            var now = byName.get(s.name());
            assertThat(now).as(s.name()).isNotNull();
            assertThat(List.of(now.key(), now.point(), now.score(), now.folder(), now.status()))
                .as(s.name()).isEqualTo(List.of(s.key(), s.point(), s.score(), s.folder(), s.status()));
        }
        var added = resumed.stream().filter(s -> old.stream().noneMatch(o -> o.id() == s.id())).toList();
        assertThat(added).extracting(SampleRecord::name)
            .as("the optimizer goes on from sample 13").isEqualTo(names("optimizer", 20).subList(12, 20));
        // only the new samples ran: each in a folder of its own under the new campaign folder, once
        assertThat(sampleFolders(folder))
            .containsExactlyInAnyOrderElementsOf(added.stream().map(s -> Path.of(s.folder())).toList());
        assertThat(TestCampaigns.invocations(file.getParent()))
            .isEqualTo(added.stream().collect(Collectors.toMap(s -> s.folder(), s -> 1L)));

        // the current Autotune, started afresh, asks for the same optimizer samples
        var fresh = oldCampaign(dir.resolve("fresh"));
        var run = CliAccess.run(dir.resolve("log-fresh"), "run", fresh.toString(), "--budget", "20");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        try (var j = Journal.read(fresh.resolveSibling("campaign.autotune").resolve(Journal.FILE_NAME))) {
            assertThat(keys(resumed, "optimizer")).isEqualTo(keys(j.samples(), "optimizer"));
        }

        var scan = CliAccess.run(dir.resolve("log-scan"), "scan", file.toString());

        assertThat(scan.exitCode()).as(() -> scan.stderr() + JournalListing.of(journal)).isZero();
        assertThat(scan.stdout()).contains("scan 2: ");
        try (var j = Journal.read(journal)) {
            var scan2 = j.samples().stream().filter(s -> s.origin().equals("scan-2")).toList();
            assertThat(scan2).isNotEmpty();
            assertThat(scan2).extracting(SampleRecord::name).isEqualTo(names("scan-2", scan2.size()));
            assertThat(keys(j.samples(), "scan-1")).isEqualTo(keys(old, "scan-1"));
            assertThat(j.designs(DesignRecord.Kind.SCAN)).extracting(DesignRecord::number, DesignRecord::state)
                .containsExactly(tuple(1, DesignRecord.State.DONE), tuple(2, DesignRecord.State.DONE));
        }
        assertThat(TestCampaigns.invocations(file.getParent()).values()).allMatch(n -> n == 1L);
    }

    /** The old campaign file, simulator and journal, laid out as a campaign folder in {@code campaignDir}. */
    private static Path oldCampaign(Path campaignDir) throws IOException {
        var journalDir = Files.createDirectories(campaignDir.resolve("campaign.autotune"));
        copy("campaign.yaml", campaignDir);
        copy("sim.sh", campaignDir);
        copy(Journal.FILE_NAME, journalDir);
        return campaignDir.resolve("campaign.yaml");
    }

    private static void copy(String name, Path to) throws IOException {
        try (var in = OldJournalTest.class.getResourceAsStream(FIXTURE + name)) {
            Files.copy(in, to.resolve(name));
        }
    }

    /** Read straight from the file: the journal classes would migrate a version-1 file in memory. */
    private static String schemaVersion(Path journal) throws SQLException {
        try (var db = DriverManager.getConnection("jdbc:sqlite:file:" + journal + "?mode=ro");
             var st = db.createStatement();
             var rs = st.executeQuery("SELECT value FROM meta WHERE key = 'schema_version'")) {
            return rs.next() ? rs.getString(1) : "none";
        }
    }

    private static List<String> names(String origin, int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> origin + "/" + i).toList();
    }

    private static Map<String, String> keys(List<SampleRecord> samples, String origin) {
        return samples.stream().filter(s -> s.origin().equals(origin))
            .collect(Collectors.toMap(SampleRecord::name, SampleRecord::key));
    }

    private static List<Path> sampleFolders(Path campaignFolder) throws IOException {
        try (var list = Files.list(campaignFolder.resolve("samples"))) {
            return list.sorted().toList();
        }
    }
}
