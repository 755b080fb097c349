package org.autotune.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.autotune.InputError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Campaign files that are too large, too deep, out of range or cannot run get one line naming the
 * file, the key and the fix, before anything runs (found by feeding validate hostile files).
 */
class CampaignFileLimitsTest {
    @TempDir
    Path dir;

    private String check(String yaml) {
        return check(CampaignFiles.write(dir, yaml));
    }

    private String check(Path file) {
        var error = catchThrowableOfType(InputError.class, () -> Campaign.check(CampaignConfig.read(file)));
        assertThat(error).as("expected an InputError for " + file).isNotNull();
        assertThat(error.getMessage()).doesNotContain("\n");
        return error.getMessage().replace(dir.toString(), "DIR");
    }

    private static String edit(String from, String to) {
        assertThat(CampaignFiles.CAMPAIGN).contains(from);
        return CampaignFiles.CAMPAIGN.replace(from, to);
    }

    @Test
    void whole_numbers_too_large_for_their_key_name_the_key_and_the_range() {
        assertThat(check(edit("budget: 20", "budget: 1e23")))
            .isEqualTo("DIR/campaign.yaml:21: budget: 1.00e+23 is outside the allowed range [1, 10000000]; "
                + "fix: give a whole number from 1 to 10000000");
        assertThat(check(CampaignFiles.CAMPAIGN + "seed: 100000000000000000000000\n"))
            .isEqualTo("DIR/campaign.yaml:23: seed: 1.00e+23 is outside the allowed range [1, 2147483647]; "
                + "fix: give a whole number from 1 to 2147483647");
        assertThat(check(edit("events: 100", "events: 1e400")))
            .isEqualTo("DIR/campaign.yaml:22: events: the number is too large to hold (beyond ±1.8e308); "
                + "fix: give a whole number from 1 to 2147483647");
    }

    @Test
    void infinite_or_nan_bounds_are_refused() {
        assertThat(check(edit("max: 2.0", "max: .inf")))
            .isEqualTo("DIR/campaign.yaml:6: parameters.gain.max: expected a finite number, got the number Infinity; "
                + "fix: write a plain number between -1e308 and 1e308, such as 0.5 or 1e-3");
        assertThat(check(edit("start: 1.0", "start: .nan")))
            .startsWith("DIR/campaign.yaml:7: parameters.gain.start: expected a finite number, got the number NaN");
        assertThat(check(edit("start: 1.0", "start: \"NaN\"")))
            .startsWith("DIR/campaign.yaml:7: parameters.gain.start: expected a finite number, got the text 'NaN'");
    }

    @Test
    void bounds_whose_range_overflows_are_refused() {
        assertThat(check(edit("min: 0.5\n    max: 2.0\n    start: 1.0", "min: -1e308\n    max: 1e308\n    start: 0")))
            .isEqualTo("DIR/campaign.yaml:6: parameters.gain.max: the range from -1.0E308 to 1.0E308 is too wide to "
                + "compute with (max - min overflows); fix: narrow the bounds (max - min below 1e308), or use kind: log "
                + "for a range over many decades");
        assertThat(check(edit("min: 0.01", "min: 1e-320")))
            .startsWith("DIR/campaign.yaml:11: parameters.noise.max: the range from 1.0E-320 to 1.0 is too wide");
    }

    @Test
    void a_deeply_nested_or_very_long_cost_expression_is_refused_without_a_stack_overflow() {
        String deep = "(".repeat(50_000) + "gain" + ")".repeat(50_000);
        assertThat(check(CampaignFiles.CAMPAIGN + "cost: {expression: \"" + deep + "\", budget: 3}\n"))
            .startsWith("DIR/campaign.yaml:23: cost.expression: the expression has 100004 characters, more than 2000;");
        String nested = "(".repeat(150) + "gain" + ")".repeat(150);
        assertThat(check(CampaignFiles.CAMPAIGN + "cost: {expression: \"" + nested + "\", budget: 3}\n"))
            .startsWith("DIR/campaign.yaml:23: cost.expression: at character 101 of '…((((")
            .contains("': nested more than 100 levels deep (brackets, signs, powers, calls); fix: write arithmetic");
    }

    @Test
    void a_command_given_as_text_shows_the_list_form() {
        assertThat(check(edit("command: [sh, \"{{campaign_dir}}/sim.sh\", sim.mac]", "command: sh sim.sh sim.mac")))
            .isEqualTo("DIR/campaign.yaml:14: simulator.command: the command must be a list (the program, then each "
                + "argument), got the text 'sh sim.sh sim.mac'; fix: write command: [sh, sim.sh, sim.mac]");
    }

    @Test
    void an_environment_variable_name_with_an_equals_sign_is_refused() {
        assertThat(check(edit("  outputs: [events.csv]\n", "  outputs: [events.csv]\n  environment: {\"A=B\": x}\n")))
            .isEqualTo("DIR/campaign.yaml:16: simulator.environment.A=B: 'A=B' is not an environment variable name; "
                + "fix: use letters, digits and underscores, not starting with a digit (e.g. OMP_NUM_THREADS: \"1\")");
    }

    @Test
    void a_metric_output_outside_the_sample_folder_is_refused() {
        assertThat(check(edit("output: events.csv", "output: ../../etc/passwd")))
            .isEqualTo("DIR/campaign.yaml:18: metric.output: '../../etc/passwd' is not a file name inside the sample "
                + "folder; fix: name the output file relative to the sample folder, e.g. events.csv");
        assertThat(check(edit("output: events.csv", "output: /etc/passwd"))).contains("metric.output: '/etc/passwd' is not");
    }

    @Test
    void a_second_yaml_document_is_one_line() {
        assertThat(check(CampaignFiles.CAMPAIGN + "---\nname: other\n"))
            .isEqualTo("DIR/campaign.yaml:24: a second YAML document starts here (after a '---' line); "
                + "fix: keep one campaign per file: remove the '---' line and what follows it");
    }

    @Test
    void control_characters_from_the_file_are_escaped_in_the_message() {
        assertThat(check(edit("budget: 20", "budget: \"\\e[31mred\\nline\"")))
            .isEqualTo("DIR/campaign.yaml:21: budget: expected a whole number, got the text '\\x1b[31mred\\nline'; "
                + "fix: write a whole number such as 10");
    }

    @Test
    void a_campaign_file_over_the_size_limit_is_refused_before_parsing() throws IOException {
        var file = CampaignFiles.write(dir, CampaignFiles.CAMPAIGN + "description: \"" + "x".repeat(2 << 20) + "\"\n");
        long start = System.nanoTime();
        assertThat(check(file)).isEqualTo("DIR/campaign.yaml: the campaign file has " + Files.size(file)
            + " bytes, more than the limit of 1048576 bytes; fix: check that this is the campaign file; keep large "
            + "data in separate files");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(2);
    }

    @Test
    void a_campaign_file_in_latin1_or_utf16_is_said_not_to_be_utf8() throws IOException {
        var file = CampaignFiles.write(dir, CampaignFiles.CAMPAIGN);
        Files.writeString(file, CampaignFiles.CAMPAIGN.replace("name: test", "name: détecteur"),
            StandardCharsets.ISO_8859_1);
        String latin1 = check(file);
        Files.writeString(file, CampaignFiles.CAMPAIGN, StandardCharsets.UTF_16);
        assertThat(check(file)).isEqualTo(latin1).isEqualTo("DIR/campaign.yaml: not UTF-8 text (binary, or another "
            + "encoding such as Latin-1 or UTF-16); fix: save it as UTF-8 text (e.g. iconv -t UTF-8)");
    }

    @Test
    void a_folder_or_a_device_named_as_campaign_file_or_reference_says_what_it_is() throws IOException {
        CampaignFiles.write(dir, CampaignFiles.CAMPAIGN);
        assertThat(catchThrowableOfType(InputError.class, () -> CampaignConfig.read(dir)).getMessage())
            .isEqualTo(dir + ": is a folder, not a file; fix: name the campaign file itself");
        Files.createDirectory(dir.resolve("data"));
        assertThat(check(edit("reference: reference.csv", "reference: data")))
            .isEqualTo("DIR/campaign.yaml:19: metric.reference: DIR/data: is a folder, not a file; "
                + "fix: name the data file itself; it is relative to the campaign file's folder");
        assertThat(check(edit("reference: reference.csv", "reference: /dev/zero")))
            .isEqualTo("DIR/campaign.yaml:19: metric.reference: /dev/zero: is not a regular file (a device, pipe or "
                + "socket); fix: name the data file itself; it is relative to the campaign file's folder");
    }

    @Test
    void reference_data_that_is_not_utf8_is_said_to_be_so() throws IOException {
        var file = CampaignFiles.write(dir, CampaignFiles.CAMPAIGN);
        Files.write(dir.resolve("reference.csv"), new byte[] {'a', 'm', (byte) 0xe9, '\n', '1', '\n'});
        assertThat(check(file)).isEqualTo("DIR/campaign.yaml:19: metric.reference: DIR/reference.csv: not UTF-8 "
            + "text (binary, or another encoding such as Latin-1 or UTF-16); fix: save it as UTF-8 text "
            + "(e.g. iconv -t UTF-8)");
    }
}
