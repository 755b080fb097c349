package org.autotune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.autotune.campaign.CampaignView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/** The command line as a user meets it: exit codes, the lines printed, the files written. */
class CliTest {
    @TempDir
    Path dir;

    private record Out(int code, String out, String err) {
    }

    private static Out autotune(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Out(code, out.toString(), err.toString());
    }

    private Path quickCampaign() throws Exception {
        var file = dir.resolve("campaign.yaml");
        try (var in = getClass().getResourceAsStream("/testsim/sim.sh")) {
            Files.copy(in, dir.resolve("sim.sh"));
        }
        try (var in = getClass().getResourceAsStream("/testsim/sim.mac.template")) {
            Files.copy(in, dir.resolve("sim.mac.template"));
        }
        Files.writeString(dir.resolve("reference.csv"), "amplitude\n1.1\n1.3\n1.2\n1.5\n1.0\n1.4\n");
        Files.writeString(file, """
            parameters:
              gain: {min: 0.5, max: 2.0, start: 1.0, step: 0.2, unit: V}
              noise: {kind: log, min: 0.05, max: 1.0, start: 0.1, step: 1.5}
              mode: {kind: choice, choices: [fast, slow], start: slow}
            simulator:
              templates: [sim.mac.template]
              command: [sh, "{{campaign_dir}}/sim.sh", sim.mac, "{{campaign_dir}}/invocations.log"]
              outputs: [events.csv]
            metric: {type: mean-std, output: events.csv, reference: reference.csv, columns: [amplitude]}
            budget: 12
            events: 50
            """);
        return file;
    }

    @ParameterizedTest
    @ValueSource(strings = {"validate", "run", "resume", "scan", "check", "analyze", "screen", "status", "best", "export", "plugins", "enqueue", "refit"})
    void every_subcommand_has_help(String command) {
        var r = autotune(command, "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("Usage: autotune " + command);
    }

    @Test
    void run_accepts_the_quick_overrides() {
        var r = autotune("run", "--help");
        assertThat(r.out()).contains("--budget=N", "--slots=N", "--seed=N", "--dir=PATH", "--force-new");
    }

    @Test
    void a_bad_campaign_file_exits_2_with_one_line_naming_file_line_key_and_fix() throws Exception {
        var file = quickCampaign();
        Files.writeString(file, Files.readString(file).replace("budget: 12", "budgett: 12"));
        var r = autotune("validate", file.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo(file + ":10: budgett: unknown key 'budgett'; fix: did you mean 'budget'?");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void validate_prints_the_parameters_of_a_good_file() throws Exception {
        var r = autotune("validate", quickCampaign().toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("valid campaign 'campaign'").contains("mode").contains("choice").contains("slow");
    }

    @Test
    void a_cost_expression_with_an_unknown_name_is_one_line_naming_the_character() throws Exception {
        var file = quickCampaign();
        Files.writeString(file, Files.readString(file) + "cost: {expression: \"2*gian\", budget: 3}\n");
        var r = autotune("validate", file.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo(file + ":12: cost.expression: at character 3 of '2*gian': 'gian' is "
            + "neither a parameter (gain, noise, mode) nor pi; fix: write arithmetic (+ - * / ^, parentheses, numbers) "
            + "over the parameters [gain, noise, mode] and the functions " + org.autotune.design.CostExpression.FUNCTIONS
            .keySet());
    }

    @Test
    void an_enumerating_design_run_prints_the_table_of_choices() throws Exception {
        var file = quickCampaign();
        Files.writeString(file, Files.readString(file).replace("budget: 12", "budget: 16") + """
            optimizer: {type: enumerate, samples: 8, inner: {type: cma-es, population: 4}}
            cost: {expression: "gain + mode", budget: 2}
            """);
        var r = autotune("run", file.toString(), "--slots", "2");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("combinations (best first):").containsPattern("mode=fast +best [0-9.]+ +samples +8")
            .containsPattern("mode=slow +best [0-9.]+ +samples +8");
        var csv = autotune("export", file.toString(), "--format", "csv");
        assertThat(csv.out().lines().findFirst().orElseThrow()).contains("budget", "cost", "metric");
    }

    @Test
    void plugins_lists_each_kind_of_built_in_with_one_line() {
        var r = autotune("plugins");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("optimizers:", "coordinate-descent", "cma-es", "surrogate", "nelder-mead", "bobyqa",
            "enumerate", "local-surrogate", "metrics:", "mean-std", "chi2-histogram",
            "command", "python", "executors:", "local", "simulators:");
    }

    @Test
    void run_prints_the_best_point_and_status_best_and_export_agree_with_the_journal() throws Exception {
        var file = quickCampaign();
        var run = autotune("run", file.toString(), "--slots", "2");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("best: sample").containsPattern("gain += [0-9.]+ V");

        var status = autotune("status", file.toString());
        assertThat(status.code()).isZero();
        assertThat(status.out()).contains("campaign campaign: ").contains("of budget 12 done");

        var best = autotune("best", "--json", file.toString());
        assertThat(best.code()).isZero();
        var json = JsonMapper.builder().build().readTree(best.out());
        assertThat(json.get("parameters").get("mode").asString()).isIn("fast", "slow");
        // the same numbers as export --format json: JSON numbers, exactly as journaled
        assertThat(json.get("parameters").get("gain").isNumber()).as(best.out()).isTrue();
        assertThat(json.get("parameters").get("noise").isNumber()).as(best.out()).isTrue();
        assertThat(json.get("score").isNumber()).as(best.out()).isTrue();

        var csv = dir.resolve("samples.csv");
        assertThat(autotune("export", file.toString(), "--format", "csv", "-o", csv.toString()).code()).isZero();
        var jsonExport = autotune("export", file.toString(), "--format", "json");
        var rows = JsonMapper.builder().build().readTree(jsonExport.out());
        List<String> lines = Files.readAllLines(csv);
        try (var view = CampaignView.open(file, java.util.Optional.empty())) {
            var samples = view.samples();
            assertThat(lines).hasSize(samples.size() + 1);
            assertThat(rows.size()).isEqualTo(samples.size());
            for (int i = 0; i < samples.size(); i++) {
                var s = samples.get(i);
                var row = rows.get(i);
                assertThat(row.get("sample").asString()).isEqualTo(s.name());
                assertThat(row.get("status").asString()).isEqualTo(s.status().name());
                assertThat(row.get("gain").isNumber()).isTrue();
                assertThat(row.get("gain").asDouble()).isEqualTo(s.point().get("gain"));
                assertThat(row.get("noise").asDouble()).isEqualTo(s.point().get("noise"));
                assertThat(row.get("mode").asString()).isEqualTo(view.format(s).get("mode"));
                assertThat(row.get("score").asDouble()).isEqualTo(s.score().getAsDouble());
                assertThat(row.get("seed").asLong()).isEqualTo(s.seed());
                if (s.name().equals(json.get("sample").asString())) {
                    assertThat(json.get("parameters").get("gain").asDouble()).isEqualTo(s.point().get("gain"));
                    assertThat(json.get("parameters").get("noise").asDouble()).isEqualTo(s.point().get("noise"));
                }
                var cells = lines.get(i + 1).split(",", -1);
                assertThat(Double.parseDouble(cells[4])).isEqualTo(s.point().get("gain"));
                assertThat(Double.parseDouble(cells[7])).isEqualTo(s.score().getAsDouble());
            }
        }
        assertThat(lines.get(0)).startsWith("sample,status,seed,events,gain,noise,mode,score,score_error,");
    }

    @Test
    void a_changed_outcome_setting_is_refused_on_resume_naming_it_and_the_ways_on() throws Exception {
        var file = quickCampaign();
        assertThat(autotune("run", file.toString()).code()).isZero();
        Files.writeString(file, Files.readString(file).replace("events: 50", "events: 80"));
        var r = autotune("resume", file.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo(file + ": this campaign's samples were simulated with other settings: "
            + "events was 50, is now 80; fix: undo the change to continue it; or add --force-new to start afresh "
            + "(the old folder is kept); or save the file under a new name with 'reuse: ["
            + dir.resolve("campaign.autotune") + "]', so that a new campaign takes every sample whose key still "
            + "matches from this one");
        var fresh = autotune("resume", file.toString(), "--force-new");
        assertThat(fresh.code()).as(fresh.err()).isZero();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("campaign.autotune-"));
        }
    }

    @Test
    void a_widened_range_continues_the_campaign_as_a_revision_that_status_lists() throws Exception {
        var file = quickCampaign();
        assertThat(autotune("run", file.toString()).code()).isZero();
        Files.writeString(file, Files.readString(file).replace("max: 2.0", "max: 3.0"));
        var r = autotune("resume", file.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("revision 2 of the campaign file (parameters edited): the campaign continues; "
            + "the optimizer starts a new phase at optimizer/");
        var status = autotune("status", file.toString());
        assertThat(status.out()).contains("revisions of the campaign file: 2", "  1  ", "first run",
            "  2  ", "(parameters edited)");
    }

    @Test
    void several_campaigns_run_at_once_each_with_its_own_journal() throws Exception {
        var a = quickCampaign();
        var other = Files.createDirectories(dir.resolve("other"));
        for (var f : new String[] {"sim.sh", "sim.mac.template", "reference.csv"}) {
            Files.copy(dir.resolve(f), other.resolve(f));
        }
        var b = Files.writeString(other.resolve("campaign.yaml"), Files.readString(a).replace("budget: 12", "budget: 7"));
        var r = autotune("run", a.toString(), b.toString(), "--slots", "4");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("2 slots", "== campaign");
        try (var va = CampaignView.open(a, java.util.Optional.empty());
             var vb = CampaignView.open(b, java.util.Optional.empty())) {
            assertThat(va.samples()).hasSize(12).allMatch(s -> s.folder().startsWith(dir.resolve("campaign.autotune").toString()));
            assertThat(vb.samples()).hasSize(7).allMatch(s -> s.folder().startsWith(other.toString()));
        }
    }

    @Test
    void campaigns_run_together_must_use_one_executor_type() throws Exception {
        var a = quickCampaign();
        var b = Files.writeString(dir.resolve("b.yaml"), Files.readString(a) + "executor: {type: slurm}\n");
        var r = autotune("run", a.toString(), b.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("b.yaml:12: executor.type: campaigns run together share one executor");
    }

    @Test
    void resume_of_a_campaign_that_never_ran_says_to_run_it() throws Exception {
        var file = quickCampaign();
        var r = autotune("resume", file.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("this campaign has not been run yet").contains("fix: start it with 'autotune run");
    }

    @Test
    void scan_needs_a_run_campaign_and_continuous_parameters() throws Exception {
        var file = quickCampaign();
        var never = autotune("scan", file.toString());
        assertThat(never.code()).isEqualTo(2);
        assertThat(never.err()).contains("this campaign has not been run yet");
        // only a choice parameter: nothing to scan (with real ones too, the choice is held at its best value)
        Files.writeString(dir.resolve("choice.awk"),
            "BEGIN { print \"amplitude\" > \"events.csv\"; "
                + "for (i = 0; i < 20; i++) print 1 + i / 20 > \"events.csv\" }\n");
        var only = Files.writeString(dir.resolve("choice.yaml"), """
            parameters:
              mode: {kind: choice, choices: [fast, slow], start: slow}
            simulator:
              command: [awk, -f, "{{campaign_dir}}/choice.awk"]
              outputs: [events.csv]
            metric: {type: mean-std, output: events.csv, reference: reference.csv, columns: [amplitude]}
            budget: 12
            """);
        assertThat(autotune("run", only.toString(), "--budget", "2").code()).isZero();
        var choice = autotune("scan", only.toString());
        assertThat(choice.code()).isEqualTo(2);
        assertThat(choice.err()).contains("scan needs at least one real or log parameter").contains("fix: ");
        var width = autotune("scan", file.toString(), "--width", "0");
        assertThat(width.code()).isEqualTo(2);
        assertThat(width.err()).contains("--width: 0.0 is not a positive number");
    }
}
