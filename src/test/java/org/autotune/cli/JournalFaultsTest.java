package org.autotune.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.autotune.journal.Journal;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged, empty, half-created or unwritable journal, and a full disk, through the real command:
 * exit 2, one line naming the journal (or file) and the fix, no stack trace, nothing journaled lost.
 */
class JournalFaultsTest {
    private static final List<String> READERS = List.of("status", "best", "export", "analyze", "report");

    @TempDir
    Path dir;

    private Path campaign(Path folder) throws IOException {
        Files.createDirectories(folder);
        for (var name : List.of("sim.sh", "sim.mac.template")) {
            try (var in = getClass().getResourceAsStream("/testsim/" + name)) {
                Files.copy(in, folder.resolve(name));
            }
        }
        Files.writeString(folder.resolve("reference.csv"), "amplitude\n1.1\n1.3\n1.2\n1.5\n1.0\n1.4\n");
        var file = folder.resolve("campaign.yaml");
        Files.writeString(file, """
            parameters:
              gain: {min: 0.5, max: 2.0, start: 1.0, step: 0.2}
              noise: {kind: log, min: 0.05, max: 1.0, start: 0.1, step: 1.5}
            simulator:
              templates: [sim.mac.template]
              command: [sh, "{{campaign_dir}}/sim.sh", sim.mac, "{{campaign_dir}}/invocations.log"]
              outputs: [events.csv]
            metric: {type: mean-std, output: events.csv, reference: reference.csv, columns: [amplitude]}
            optimizer: {type: coordinate-descent}
            executor: {slots: 2}
            budget: 4
            events: 50
            """);
        return file;
    }

    private Path finishedCampaign(Path folder) throws IOException {
        var file = campaign(folder);
        assertThat(Cli.runIn(dir, "run", file.toString()).exitCode()).isZero();
        return file;
    }

    private static Path journalOf(Path campaignFile) {
        return campaignFile.resolveSibling("campaign.autotune").resolve(Journal.FILE_NAME);
    }

    /** Exit 2 and one line on stderr (after any log lines) that starts with {@code start}; no stack trace. */
    private static Cli.Result oneLine(Cli.Result r, String start) {
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(2);
        var lines = r.stderr().strip().lines().toList();
        assertThat(lines.subList(0, lines.size() - 1)).allMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d (INFO|WARN) .*"));
        assertThat(lines.get(lines.size() - 1)).startsWith(start);
        assertThat(r.stdout() + r.stderr()).doesNotContain("Exception").doesNotContain("at org.");
        return r;
    }

    @Tag("slow")
    @Test
    void a_truncated_or_garbage_journal_is_one_line_for_every_command_and_is_left_as_it_is() throws IOException {
        var file = finishedCampaign(dir.resolve("c"));
        var journal = journalOf(file);
        byte[] whole = Files.readAllBytes(journal);
        for (byte[] damaged : List.of(Arrays.copyOf(whole, 5000), "not a database at all\n".repeat(300).getBytes())) {
            Files.write(journal, damaged);
            for (var command : READERS) {
                oneLine(Cli.runIn(dir, command, journal.getParent().toString()),
                    journal + ": the journal is damaged or is not an Autotune journal (SQLite: ");
            }
            for (var command : List.of("run", "resume")) {
                assertThat(oneLine(Cli.runIn(dir, command, file.toString()), journal + ": the journal is damaged")
                    .stderr()).contains("; fix: restore journal.sqlite from a backup");
            }
            assertThat(Files.readAllBytes(journal)).isEqualTo(damaged);
        }
    }

    @Tag("slow")
    @Test
    void an_empty_journal_holds_no_campaign_and_run_starts_afresh_there() throws IOException {
        var file = campaign(dir.resolve("c"));
        var journal = journalOf(file);
        Files.createDirectories(journal.getParent());
        Files.write(journal, new byte[0]);
        oneLine(Cli.runIn(dir, "status", journal.getParent().toString()), journal + ": the journal holds no "
            + "campaign (it is empty, or the run that created it stopped before recording its campaign file); "
            + "fix: run the campaign with");
        oneLine(Cli.runIn(dir, "resume", file.toString()), file + ": this campaign has not been run yet");
        assertThat(Cli.runIn(dir, "run", file.toString()).exitCode()).isZero();
        assertThat(Cli.runIn(dir, "status", journal.getParent().toString()).stdout()).contains("4 finished");
    }

    @Test
    void a_run_killed_between_creating_the_journal_and_recording_its_campaign_is_run_again() throws IOException {
        var file = campaign(dir.resolve("c"));
        Journal.open(journalOf(file)).close();   // what such a run leaves: the tables, no campaign
        var r = Cli.runIn(dir, "run", file.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr()).doesNotContain("changed");
        assertThat(Cli.runIn(dir, "status", file.toString()).stdout()).contains("4 finished");
    }

    @Tag("slow")
    @Test
    void a_finished_campaign_on_a_read_only_mount_can_be_inspected_and_run_says_why_not() throws Exception {
        var file = finishedCampaign(dir.resolve("c"));
        var ro = dir.resolve("ro");
        assumeRootAndMount(ro, "mount", "--bind", dir.resolve("c").toString(), ro.toString());
        try {
            sh("mount", "-o", "remount,ro,bind", ro.toString());
            var folder = ro.resolve("campaign.autotune").toString();
            for (var command : List.of("status", "best", "export")) {
                var r = Cli.runIn(dir, command, folder);
                assertThat(r.exitCode()).as(command + ": " + r.stderr()).isZero();
            }
            assertThat(Cli.runIn(dir, "status", folder).stdout()).contains("4 finished");
            oneLine(Cli.runIn(dir, "run", ro.resolve(file.getFileName()).toString()),
                folder + "/lock: locking campaign folder " + folder + ": read-only file system; fix: copy the campaign");
        } finally {
            sh("umount", ro.toString());
        }
    }

    @Tag("slow")
    @Test
    void a_full_disk_is_reported_as_such_and_the_journal_stays_readable() throws Exception {
        var disk = dir.resolve("disk");
        assumeRootAndMount(disk, "mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", disk.toString());
        try {
            var file = finishedCampaign(disk);
            String before = Cli.runIn(dir, "export", disk.resolve("campaign.autotune").toString()).stdout();
            // fill the disk but for 48 kB: room for SQLite's shared-memory file, none for the journal to grow
            long free = Files.getFileStore(disk).getUsableSpace();
            Files.write(disk.resolve("fill"), new byte[(int) (free - 48 * 1024)]);
            var r = oneLine(Cli.runIn(dir, "resume", file.toString(), "--budget", "40"), journalOf(file) + ": the disk");
            assertThat(r.stderr()).contains("full").contains("then continue with 'autotune resume'");
            Files.delete(disk.resolve("fill"));
            assertThat(Cli.runIn(dir, "export", disk.resolve("campaign.autotune").toString()).stdout())
                .isEqualTo(before);
        } finally {
            sh("umount", disk.toString());
        }
    }

    /** Mounts need root (chmod does not stop root, so a read-only mount stands in for it). */
    private static void assumeRootAndMount(Path point, String... mount) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")),
            "needs root to mount a read-only folder or a small tmpfs; as another user chmod would do, but this "
                + "test does not cover it");
        Files.createDirectories(point);
        assumeTrue(sh(mount) == 0, "mount is not allowed here (no CAP_SYS_ADMIN)");
    }

    private static int sh(String... command) throws Exception {
        var p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }
}
