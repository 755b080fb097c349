package org.autotune.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.autotune.InputError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each malformed campaign file gets its own message naming the file, the line, the key and the fix. */
class CampaignFileErrorsTest {
    @TempDir
    Path dir;

    private String check(String yaml) {
        var file = CampaignFiles.write(dir, yaml);
        var error = catchThrowableOfType(InputError.class, () -> Campaign.check(CampaignConfig.read(file)));
        assertThat(error).as("expected an InputError for:\n" + yaml).isNotNull();
        return error.getMessage().replace(dir.toString(), "DIR");
    }

    private static String edit(String from, String to) {
        assertThat(CampaignFiles.CAMPAIGN).contains(from);
        return CampaignFiles.CAMPAIGN.replace(from, to);
    }

    @Test
    void the_valid_campaign_passes() {
        var file = CampaignFiles.write(dir, CampaignFiles.CAMPAIGN);
        assertThatCode(() -> Campaign.check(CampaignConfig.read(file))).doesNotThrowAnyException();
    }

    @Test
    void a_misspelt_top_level_key_suggests_the_right_one() {
        assertThat(check(edit("budget: 20", "budgte: 20")))
            .isEqualTo("DIR/campaign.yaml:21: budgte: unknown key 'budgte'; fix: did you mean 'budget'?");
    }

    @Test
    void min_above_max_says_to_swap_them() {
        assertThat(check(edit("min: 0.5\n    max: 2.0", "min: 2.0\n    max: 0.5")))
            .isEqualTo("DIR/campaign.yaml:6: parameters.gain.max: min 2 is not below max 0.5; fix: swap them");
    }

    @Test
    void a_start_outside_the_bounds_is_refused() {
        assertThat(check(edit("start: 1.0", "start: 3.5")))
            .isEqualTo("DIR/campaign.yaml:7: parameters.gain.start: start 3.5 lies outside [0.5, 2]; "
                + "fix: choose a start between min and max");
    }

    @Test
    void a_log_parameter_needs_a_positive_minimum() {
        assertThat(check(edit("min: 0.01", "min: 0")))
            .isEqualTo("DIR/campaign.yaml:10: parameters.noise.min: a log parameter needs min > 0, got 0; "
                + "fix: use a positive min or kind: real");
    }

    @Test
    void an_unknown_parameter_kind_lists_the_kinds() {
        assertThat(check(edit("kind: real", "kind: float")))
            .isEqualTo("DIR/campaign.yaml:4: parameters.gain.kind: 'float' is not one of real, log, integer, "
                + "choice; fix: use one of real, log, integer, choice");
    }

    @Test
    void a_number_written_as_words_is_a_type_error() {
        assertThat(check(edit("budget: 20", "budget: twenty")))
            .isEqualTo("DIR/campaign.yaml:21: budget: expected a whole number, got the text 'twenty'; "
                + "fix: write a whole number such as 10");
    }

    @Test
    void a_missing_template_file_is_named() {
        assertThat(check(edit("[sim.mac.template]", "[run.mac.template]")))
            .isEqualTo("DIR/campaign.yaml:13: simulator.templates: template file DIR/run.mac.template not found; "
                + "fix: check the name; template paths are relative to the campaign file's folder");
    }

    @Test
    void a_template_placeholder_that_is_no_parameter_points_at_the_template_line() throws IOException {
        var file = CampaignFiles.write(dir, CampaignFiles.CAMPAIGN);
        Files.writeString(dir.resolve("sim.mac.template"), "/det/gain {{gain}}\n/det/tc {{gian}}\n");
        var e = catchThrowableOfType(InputError.class, () -> Campaign.check(CampaignConfig.read(file)));
        assertThat(e.getMessage().replace(dir.toString(), "DIR"))
            .isEqualTo("DIR/sim.mac.template:2: {{gian}}: placeholder is not a parameter of the campaign; "
                + "fix: did you mean {{gain}}?");
    }

    @Test
    void a_command_placeholder_that_is_no_parameter_is_refused() {
        assertThat(check(edit("sim.mac]", "\"{{macro}}\"]")))
            .startsWith("DIR/campaign.yaml:14: simulator.command: placeholder {{macro}} is not a parameter of the "
                + "campaign; fix: declare a parameter 'macro' or use one of: gain, noise, seed,");
    }

    @Test
    void a_missing_simulator_section_says_where_to_add_it() {
        var yaml = CampaignFiles.CAMPAIGN.replaceAll("(?s)simulator:.*?metric:", "metric:");
        assertThat(check(yaml)).isEqualTo("DIR/campaign.yaml: simulator: missing (a mapping is required here); "
            + "fix: add 'simulator:' under the top level");
    }

    @Test
    void an_unknown_optimizer_suggests_the_closest_name() {
        assertThat(check(CampaignFiles.CAMPAIGN + "optimizer:\n  type: coordinate-decent\n"))
            .isEqualTo("DIR/campaign.yaml:24: optimizer.type: 'coordinate-decent' is not one of auto, coordinate-descent, "
                + "cma-es, nelder-mead, bobyqa, surrogate, bayesian, local-surrogate, enumerate; fix: did you mean 'coordinate-descent'?");
    }

    @Test
    void a_choice_start_must_be_one_of_the_choices() {
        assertThat(check(edit("  noise:\n    kind: log\n    min: 0.01\n    max: 1.0",
            "  noise:\n    kind: choice\n    choices: [low, high]\n    start: hihg")))
            .isEqualTo("DIR/campaign.yaml:11: parameters.noise.start: start 'hihg' is not one of the choices "
                + "[low, high]; fix: did you mean 'high'?");
    }

    @Test
    void an_unknown_seed_policy_lists_the_policies() {
        assertThat(check(CampaignFiles.CAMPAIGN + "seeds: random\n"))
            .isEqualTo("DIR/campaign.yaml:23: seeds: 'random' is not one of fixed, fresh; fix: use one of fixed, fresh");
    }

    @Test
    void an_integer_parameter_needs_whole_bounds() {
        assertThat(check(edit("kind: real\n    min: 0.5", "kind: integer\n    min: 0.5")))
            .isEqualTo("DIR/campaign.yaml:5: parameters.gain.min: an integer parameter needs whole numbers, got 0.5; "
                + "fix: round it");
    }

    @Test
    void a_duplicated_key_is_a_syntax_error_with_its_line() {
        assertThat(check(edit("budget: 20", "budget: 20\nbudget: 30")))
            .isEqualTo("DIR/campaign.yaml:22: not valid YAML: Duplicate Object property \"budget\"; fix: keep one of the two");
    }

    @Test
    void tabs_for_indentation_are_a_syntax_error() {
        assertThat(check(edit("    start: 1.0", "\tstart: 1.0")))
            .isEqualTo("DIR/campaign.yaml:7: the line is indented with a tab; fix: indent with spaces (YAML does not allow tabs)");
    }

    @Test
    void a_missing_campaign_file_is_named() {
        var e = catchThrowableOfType(InputError.class, () -> CampaignConfig.read(dir.resolve("nope.yaml")));
        assertThat(e.getMessage().replace(dir.toString(), "DIR")).startsWith("DIR/nope.yaml: file not found");
    }

    @Test
    void a_parameter_named_like_a_built_in_placeholder_is_refused() {
        assertThat(check(edit("  gain:\n", "  seed:\n").replace("{{gain}}", "{{seed}}")))
            .isEqualTo("DIR/campaign.yaml:3: parameters.seed: 'seed' is a built-in placeholder; fix: rename the parameter");
    }

    @Test
    void fidelity_events_must_rise_from_stage_to_stage() {
        assertThat(check(edit("events: 100", "fidelity:\n  events: [40, 160, 100]")))
            .isEqualTo("DIR/campaign.yaml:23: fidelity.events: stage 3 has 100 events, not more than stage 2 (160); "
                + "fix: list the events per sample in rising order, e.g. [40, 160, 640]");
    }

    @Test
    void a_fidelity_schedule_needs_two_stages_and_whole_numbers() {
        assertThat(check(edit("events: 100", "fidelity:\n  events: [100]")))
            .isEqualTo("DIR/campaign.yaml:23: fidelity.events: a schedule needs at least two stages, got 1; fix: list "
                + "rising events per sample, e.g. events: [40, 160, 640], or remove the fidelity section and set events: 100");
        assertThat(check(edit("events: 100", "fidelity:\n  events: [40, 100.5]")))
            .isEqualTo("DIR/campaign.yaml:23: fidelity.events: entry 2 ('100.5') is not a whole number of at least 1; "
                + "fix: write whole numbers, e.g. events: [40, 160, 640]");
    }

    @Test
    void fidelity_events_that_contradict_the_campaign_events_are_refused() {
        assertThat(check(edit("events: 100", "events: 100\nfidelity:\n  events: [40, 160]")))
            .isEqualTo("DIR/campaign.yaml:22: events: events: 100 differs from the last fidelity stage (160 events); "
                + "fix: remove events (the last stage of fidelity.events sets it), or make the two equal");
    }

    @Test
    void fidelity_samples_and_narrow_are_checked() {
        assertThat(check(edit("events: 100", "fidelity:\n  events: [40, 160]\n  samples: [5, 5, 5]")))
            .isEqualTo("DIR/campaign.yaml:24: fidelity.samples: 3 entries for 2 stages; fix: give one number of "
                + "samples per stage, or one per stage but the last (which then takes the rest of the budget)");
        assertThat(check(edit("events: 100", "fidelity:\n  events: [40, 160]\n  narrow: 0")))
            .isEqualTo("DIR/campaign.yaml:24: fidelity.narrow: narrow 0.0 must lie in (0, 1]: it is the width of each "
                + "stage's box relative to the one before; fix: use e.g. narrow: 0.5, or 1 to keep the whole range");
        assertThat(check(edit("events: 100", "fidelity:\n  events: [40, 160]\n  narow: 0.5")))
            .startsWith("DIR/campaign.yaml:24: fidelity.narow: unknown key 'narow'; fix: did you mean 'narrow'?");
    }
}
