package org.autotune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.autotune.campaign.CampaignView;
import org.autotune.journal.Journal;
import org.autotune.journal.SampleRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Command-line flags as a user meets them, through the real command in a child JVM: a flag out of
 * range is one line naming it (exit 2) and nothing is written; {@code --seed} starts a campaign with
 * that seed; a folder that is not a campaign says which file to pass.
 */
class FlagsTest {
    @TempDir
    Path dir;

    private Path campaign() throws Exception {
        return campaign(dir);
    }

    /** A small campaign of the test simulator (sim.sh, run with sh) in {@code dir}: 3 samples, seeds fresh. */
    static Path campaign(Path dir) throws Exception {
        var file = dir.resolve("campaign.yaml");
        try (var in = FlagsTest.class.getResourceAsStream("/testsim/sim.sh")) {
            Files.copy(in, dir.resolve("sim.sh"));
        }
        try (var in = FlagsTest.class.getResourceAsStream("/testsim/sim.mac.template")) {
            Files.copy(in, dir.resolve("sim.mac.template"));
        }
        Files.writeString(dir.resolve("reference.csv"), "amplitude\n1.1\n1.3\n1.2\n1.5\n1.0\n1.4\n");
        Files.writeString(file, """
            parameters:
              gain: {min: 0.5, max: 2.0, start: 1.0, step: 0.2, unit: V}
              noise: {kind: log, min: 0.05, max: 1.0, start: 0.1, step: 1.5}
            simulator:
              templates: [sim.mac.template]
              command: [sh, "{{campaign_dir}}/sim.sh", sim.mac, "{{campaign_dir}}/invocations.log"]
              outputs: [events.csv]
            metric: {type: mean-std, output: events.csv, reference: reference.csv, columns: [amplitude]}
            budget: 3
            events: 20
            seed: 7
            seeds: fresh
            """);
        return file;
    }

    private Cli.Result autotune(String... args) {
        return Cli.runIn(dir, args);
    }

    @Test
    void run_with_seed_flags_journals_each_seed_and_gives_different_samples() throws Exception {
        var file = campaign();
        var one = dir.resolve("one.autotune");
        var two = dir.resolve("two.autotune");
        var first = autotune("run", "--seed", "1", file.toString(), "--dir", one.toString());
        var second = autotune("run", file.toString(), "--dir", two.toString(), "--seed", "2");
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        assertThat(second.exitCode()).as(second.stderr()).isZero();
        try (var a = CampaignView.open(one, Optional.empty()); var b = CampaignView.open(two, Optional.empty())) {
            assertThat(a.journal().meta("seed")).contains("1");
            assertThat(b.journal().meta("seed")).contains("2");
            var seedsA = a.samples().stream().map(SampleRecord::seed).toList();
            var seedsB = b.samples().stream().map(SampleRecord::seed).toList();
            assertThat(seedsA).hasSize(3).doesNotContainAnyElementsOf(seedsB);
        }
    }

    @Tag("slow")
    @Test
    void resume_with_another_seed_is_refused_and_the_same_seed_continues() throws Exception {
        var file = campaign();
        assertThat(autotune("run", file.toString(), "--seed", "5", "--budget", "1").exitCode()).isZero();
        var other = autotune("resume", file.toString(), "--seed", "6");
        assertThat(other.exitCode()).isEqualTo(2);
        assertThat(other.stderr().strip()).isEqualTo(file + ": --seed: this campaign started with seed 5 and its "
            + "seed cannot change (it is part of the campaign's identity); fix: drop --seed 6 to continue it, or "
            + "add --force-new to start a new campaign with that seed");
        var same = autotune("resume", file.toString(), "--seed", "5", "--budget", "2");
        assertThat(same.exitCode()).as(same.stderr()).isZero();
        try (var view = CampaignView.open(file, Optional.empty())) {
            assertThat(view.journal().meta("seed")).contains("5");
            assertThat(view.samples()).hasSize(2);
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
        "run, --slots, 0, '0 is outside the allowed range [1, 100000]; fix: give a whole number from 1 to 100000'",
        "run, --budget, -5, '-5 is outside the allowed range [1, 10000000]; fix: give a whole number from 1 to "
            + "10000000'",
        "run, --budget, 0, '0 is outside the allowed range [1, 10000000]; fix: give a whole number from 1 to "
            + "10000000'",
        "run, --seed, 0, '0 is outside the allowed range [1, 2147483647]; fix: give a whole number from 1 to "
            + "2147483647'",
        "resume, --budget, 0, '0 is outside the allowed range [1, 10000000]; fix: give a whole number from 1 to "
            + "10000000'",
        "scan, --grid-points, 2, '2 is outside the allowed range [3, 101]; fix: give a whole number from 3 to 101'",
        "scan, --grid-span, 0, '0.0 is not a positive number; fix: give a positive number such as --grid-span 2'",
        "scan, --width, -1, '-1.0 is not a positive number; fix: give a positive number such as --width 1'",
        "scan, --replicates, -1, '-1 is outside the allowed range [0, 1000]; fix: give a whole number from 0 to "
            + "1000'",
        "check, --points, 1, '1 is outside the allowed range [2, 1000000]; fix: give a whole number from 2 to "
            + "1000000'",
        "check, --width, NaN, 'NaN is not a positive number; fix: give a positive number such as --width 0.5 "
            + "(the whole space) or 0.1'",
        "screen, --trajectories, 1, '1 is outside the allowed range [2, 10000]; fix: give a whole number from 2 "
            + "to 10000'",
        "analyze, --level, 0, '0.0 is not a positive number; fix: give a positive number such as --level 1 "
            + "(1 sigma) or --level 4 (2 sigma)'",
    })
    void a_flag_out_of_range_is_one_line_exit_2_and_nothing_is_written(String command, String flag, String value,
                                                                        String message) throws Exception {
        var file = campaign();
        var r = autotune(command, file.toString(), flag + "=" + value);
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(2);
        assertThat(r.stderr().strip()).isEqualTo(file + ": " + flag + ": " + message);
        assertThat(dir.resolve("campaign.autotune")).doesNotExist();
        assertThat(dir.resolve("campaign.screen")).doesNotExist();
    }

    @Tag("slow")
    @Test
    void a_journal_holding_slots_0_is_one_line_and_run_with_slots_repairs_it() throws Exception {
        var file = campaign();
        assertThat(autotune("run", file.toString(), "--budget", "1").exitCode()).isZero();
        var journalFile = dir.resolve("campaign.autotune").resolve(Journal.FILE_NAME);
        try (var journal = Journal.open(journalFile)) {
            journal.putMeta(Map.of("slots", "0"));
        }
        var broken = autotune("run", file.toString(), "--budget", "2");
        assertThat(broken.exitCode()).isEqualTo(2);
        assertThat(broken.stderr().strip()).isEqualTo(journalFile + ": slots: the journal holds slots = '0', outside "
            + "the allowed range [1, 100000]; fix: run 'autotune run " + file + " --slots N' to replace it");
        var repaired = autotune("run", file.toString(), "--budget", "2", "--slots", "2");
        assertThat(repaired.exitCode()).as(repaired.stderr()).isZero();
        assertThat(repaired.stdout()).contains("2 slots");
        try (var journal = Journal.read(journalFile)) {
            assertThat(journal.meta("slots")).contains("2");
        }
    }

    @Tag("slow")
    @Test
    void read_only_commands_given_a_plain_folder_name_the_campaign_file_in_it() throws Exception {
        var file = campaign();
        for (var command : new String[] {"status", "best", "report", "export", "analyze"}) {
            var r = autotune(command, dir.toString());
            assertThat(r.exitCode()).as(command + ": " + r.stderr()).isEqualTo(2);
            assertThat(r.stderr().strip()).as(command).isEqualTo(dir + ": is a folder, not a campaign file or "
                + "campaign folder; fix: did you mean " + file + "?");
        }
        var scan = autotune("scan", dir.toString());
        assertThat(scan.exitCode()).isEqualTo(2);
        assertThat(scan.stderr().strip()).isEqualTo(dir + ": is a folder, not a campaign file; fix: did you mean "
            + file + "?");
    }

    @Test
    void a_folder_with_several_campaigns_lists_them() throws Exception {
        var file = campaign();
        Files.copy(file, dir.resolve("other.yaml"));
        assertThat(autotune("run", file.toString(), "--budget", "1").exitCode()).isZero();
        var r = autotune("status", dir.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr().strip()).endsWith("fix: did you mean one of " + dir.resolve("campaign.autotune") + ", "
            + file + ", " + dir.resolve("other.yaml") + "?");
        var status = autotune("status", dir.resolve("campaign.autotune").toString());
        assertThat(status.exitCode()).as(status.stderr()).isZero();
        var scan = autotune("scan", dir.resolve("campaign.autotune").toString());
        assertThat(scan.exitCode()).isEqualTo(2);
        assertThat(scan.stderr().strip()).isEqualTo(dir.resolve("campaign.autotune") + ": is a campaign folder, not "
            + "a campaign file; fix: did you mean " + file.toAbsolutePath() + "?");
    }

    @Tag("slow")
    @Test
    void path_flags_that_name_the_wrong_kind_of_thing_are_one_line_each() throws Exception {
        var file = campaign();
        var aFile = Files.writeString(dir.resolve("notes.txt"), "not a folder");
        var run = autotune("run", file.toString(), "--dir", aFile.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr().strip()).isEqualTo(aFile + ": --dir: is a file, not a folder; fix: give a folder (it "
            + "is created when missing)");
        assertThat(dir.resolve("campaign.autotune")).doesNotExist();

        assertThat(autotune("run", file.toString(), "--budget", "1").exitCode()).isZero();
        var missingDir = dir.resolve("elsewhere");
        var status = autotune("status", file.toString(), "--dir", missingDir.toString());
        assertThat(status.exitCode()).isEqualTo(2);
        assertThat(status.stderr().strip()).isEqualTo(missingDir + ": --dir: no campaign journal in this folder "
            + "(journal.sqlite); fix: pass the campaign's folder (<file name>.autotune by default), or leave out "
            + "--dir");
        var journal = dir.resolve("nothere.sqlite");
        var best = autotune("best", journal.toString());
        assertThat(best.exitCode()).isEqualTo(2);
        assertThat(best.stderr().strip()).isEqualTo(journal + ": no such journal file; fix: pass the campaign file or "
            + "its campaign folder");
        var csv = missingDir.resolve("samples.csv");
        var export = autotune("export", file.toString(), "-o", csv.toString());
        assertThat(export.exitCode()).isEqualTo(2);
        assertThat(export.stderr().strip()).isEqualTo(csv + ": --output: the folder " + missingDir + " does not "
            + "exist; fix: create it first, or write somewhere else");
        var plots = autotune("report", file.toString(), "--plots", aFile.toString());
        assertThat(plots.exitCode()).isEqualTo(2);
        assertThat(plots.stderr().strip()).startsWith(aFile + ": --plots: is a file, not a folder");
    }
}
