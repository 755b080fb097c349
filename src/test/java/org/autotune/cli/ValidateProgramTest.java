package org.autotune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.autotune.campaign.CampaignView;
import org.autotune.journal.SampleStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validate} looks for the simulator's program as the local executor will start it, and a run
 * whose program does not exist stops at its first sample instead of trying again (real CLI, real
 * processes).
 */
class ValidateProgramTest {
    @TempDir
    Path dir;

    private Cli.Result autotune(String... args) {
        return Cli.runIn(dir, args);
    }

    /** The test campaign with its command's program replaced by {@code program}. */
    private Path campaignRunning(String program) throws Exception {
        var file = FlagsTest.campaign(dir);
        Files.writeString(file, Files.readString(file).replace("command: [sh, ", "command: [" + program + ", "));
        return file;
    }

    @Test
    void validate_says_where_it_found_the_program() throws Exception {
        var file = FlagsTest.campaign(dir);
        var r = autotune("validate", file.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("valid campaign")
            .containsPattern("simulator program /\\S*/sh \\(found on PATH\\)");
    }

    @Test
    void validate_notes_a_script_argument_of_the_campaign_folder_that_does_not_exist() throws Exception {
        var file = FlagsTest.campaign(dir);
        Files.writeString(file, Files.readString(file).replace("{{campaign_dir}}/sim.sh", "{{campaign_dir}}/sim2.sh"));
        var r = autotune("validate", file.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("note: simulator argument {{campaign_dir}}/sim2.sh (" + dir.resolve("sim2.sh")
            + ") does not exist (yet)").doesNotContain("{{campaign_dir}}/sim.sh (");
    }

    @Test
    void validate_refuses_a_program_that_does_not_exist_and_names_where_it_looked() throws Exception {
        var file = campaignRunning("\"{{campaign_dir}}/no-such-sim\"");
        var r = autotune("validate", file.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stdout()).doesNotContain("valid");
        assertThat(r.stderr().strip()).isEqualTo(file + ":6: simulator.command: the program '" + dir.resolve(
            "no-such-sim") + "' does not exist; fix: give its path from the campaign file's folder as "
            + "{{campaign_dir}}/no-such-sim (a relative path starts in the sample's folder), or an absolute path, "
            + "and make it executable (chmod +x)");
    }

    @Test
    void validate_refuses_a_program_not_on_path() throws Exception {
        var file = campaignRunning("no-such-simulator-on-path");
        var r = autotune("validate", file.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr().strip()).startsWith(file + ":6: simulator.command: the program "
            + "'no-such-simulator-on-path' was not found on PATH (").endsWith("); fix: install it or add its folder "
            + "to PATH, or give its path, e.g. {{campaign_dir}}/no-such-simulator-on-path");
    }

    @Test
    void a_run_whose_program_does_not_exist_stops_at_the_first_sample_with_one_line() throws Exception {
        var file = campaignRunning("\"{{campaign_dir}}/no-such-sim\"");
        var r = autotune("run", file.toString(), "--slots", "1");
        assertThat(r.exitCode()).isEqualTo(CampaignRunCommand.EXIT_FAILURES);
        assertThat(r.stdout()).contains("infrastructure-failed: stopped: sample optimizer/1 could not start: cannot "
            + "start '" + dir.resolve("no-such-sim") + "': No such file or directory; check simulator.command");
        try (var view = CampaignView.open(file, Optional.empty())) {
            assertThat(view.samples()).singleElement().extracting(s -> s.status())
                .isEqualTo(SampleStatus.INTERRUPTED);
        }
    }
}
