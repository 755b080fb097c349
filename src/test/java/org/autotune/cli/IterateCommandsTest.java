package org.autotune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.autotune.campaign.CampaignView;
import org.autotune.campaign.Enqueued;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code enqueue} and {@code refit} through the real command line, with the test simulator's real processes. */
class IterateCommandsTest {
    @TempDir
    Path dir;

    private static Cli.Result autotune(String... args) {
        return Cli.inProcess(args);
    }

    private Path campaign(String metric) throws Exception {
        for (var name : new String[] {"sim.sh", "sim.mac.template"}) {
            try (var in = getClass().getResourceAsStream("/testsim/" + name)) {
                Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.writeString(dir.resolve("reference.csv"), "amplitude\\n1.1\\n1.3\\n1.2\\n1.5\\n1.0\\n1.4\\n".translateEscapes());
        var file = dir.resolve("campaign.yaml");
        Files.writeString(file, """
            parameters:
              gain: {min: 0.5, max: 2.0, start: 1.0, step: 0.2}
              noise: {kind: log, min: 0.05, max: 1.0, start: 0.1, step: 1.5}
            simulator:
              templates: [sim.mac.template]
              command: [sh, "{{campaign_dir}}/sim.sh", sim.mac, "{{campaign_dir}}/invocations.log"]
              outputs: [events.csv]
            metric: %s
            optimizer: {type: coordinate-descent}
            budget: 6
            events: 50
            """.formatted(metric));
        return file;
    }

    private static final String MEAN_STD =
        "{type: mean-std, output: events.csv, reference: reference.csv, columns: [amplitude]}";

    @Test
    void enqueued_points_run_first_and_are_journaled_as_enqueued() throws Exception {
        var file = campaign(MEAN_STD);
        Files.writeString(dir.resolve("points.csv"), "noise,gain\n0.2,1.3\n");
        var q = autotune("enqueue", file.toString(), "--point", "gain=1.2,noise=0.3", "--point", "gain=1.7",
            "--points", dir.resolve("points.csv").toString());
        assertThat(q.exitCode()).as(q.stderr()).isZero();
        assertThat(q.stdout()).contains("queued 3 points");
        var r = autotune("run", file.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        try (var view = CampaignView.open(file, Optional.empty())) {
            var first = view.samples().subList(0, 3);
            assertThat(first).allMatch(s -> s.origin().equals(Enqueued.ORIGIN));
            assertThat(first.stream().map(s -> s.point().get("gain") + "," + s.point().get("noise")).toList())
                .containsExactly("1.2,0.3", "1.7,0.1", "1.3,0.2");   // 0.1: noise's start
            assertThat(view.samples().stream().filter(s -> s.origin().equals("optimizer"))).hasSize(6);
        }
        var again = autotune("run", file.toString());   // nothing runs twice: all answered from the journal
        assertThat(again.exitCode()).as(again.stderr()).isZero();
        assertThat(Files.readAllLines(dir.resolve("invocations.log"))).hasSize(9);
    }

    @Test
    void a_point_outside_the_space_is_one_line_naming_the_flag_and_the_range() throws Exception {
        var file = campaign(MEAN_STD);
        var r = autotune("enqueue", file.toString(), "--point", "gain=2.5");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr().strip()).isEqualTo(file + ": --point: gain=2.5 lies outside its range [0.5, 2]; fix: give "
            + "a value in the range, or widen parameters.gain in the campaign file");
        var typo = autotune("enqueue", file.toString(), "--point", "gian=1.0");
        assertThat(typo.stderr().strip()).isEqualTo(file + ": --point: 'gian' is not a parameter of the campaign; fix: "
            + "did you mean 'gain'?");
    }

    @Test
    void refit_rescores_every_finished_sample_from_its_outputs_and_runs_none() throws Exception {
        var file = campaign("{sum: [{name: shape, weight: 1, metric: " + MEAN_STD + "}]}");
        assertThat(autotune("run", file.toString()).exitCode()).isZero();
        int ran = Files.readAllLines(dir.resolve("invocations.log")).size();
        Files.writeString(file, Files.readString(file).replace("weight: 1,", "weight: 0.5,"));
        var r = autotune("refit", file.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("re-scored " + ran + " finished samples from their stored outputs, ran none");
        assertThat(Files.readAllLines(dir.resolve("invocations.log"))).hasSize(ran);
        var status = autotune("status", file.toString());
        assertThat(status.stdout()).contains("revisions of the campaign file: 2", "(metric edited)");
    }
}
