package org.autotune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose output is no terminal (a batch job): stderr has progress lines, the first failure of
 * each kind and no line per sample, unless -v asks for them; autotune.log keeps every line.
 */
class BatchLogTest {
    private static final Pattern SAMPLE_LINE =
        Pattern.compile("(?m)^.*sample=\\S+ (job=\\S+ )?state=(RUNNING|FINISHED)");
    private static final Pattern FAILED_LINE = Pattern.compile("(?m)^.*sample=\\S+ state=FAILED");

    @TempDir
    Path dir;

    /** A small quickstart-like campaign whose samples above gain 1.75 crash (exit 3). */
    private Path campaign() throws IOException {
        for (var name : new String[] {"sim.sh", "sim.mac.template"}) {
            try (var in = getClass().getResourceAsStream("/testsim/" + name)) {
                Files.copy(in, dir.resolve(name));
            }
        }
        Files.writeString(dir.resolve("reference.csv"), "amplitude\n1.1\n1.3\n1.2\n1.5\n1.0\n1.4\n");
        var file = dir.resolve("campaign.yaml");
        Files.writeString(file, """
            parameters:
              gain: {min: 0.7, max: 2.0, start: 1.5, step: 0.3}
              noise: {kind: log, min: 0.05, max: 0.7, start: 0.1, step: 1.5}
            simulator:
              templates: [sim.mac.template]
              command: [sh, "{{campaign_dir}}/sim.sh", sim.mac, "{{campaign_dir}}/invocations.log"]
              outputs: [events.csv]
              environment: {SIM_FAILURES: '1'}
            metric: {type: mean-std, output: events.csv, reference: reference.csv, columns: [amplitude]}
            optimizer: {type: coordinate-descent}
            budget: 30
            events: 50
            retries: 0
            """);
        return file;
    }

    @Test
    void a_batch_run_logs_progress_and_the_first_failure_but_no_line_per_sample() throws IOException {
        var r = Cli.runIn(dir, "run", campaign().toString(), "--dir", dir.resolve("quiet").toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(count(SAMPLE_LINE.matcher(r.stderr()))).as(r.stderr()).isZero();
        assertThat(r.stderr()).contains("progress done=");
        assertThat(count(FAILED_LINE.matcher(r.stderr()))).as(r.stderr()).isEqualTo(1);
        assertThat(r.stdout()).containsPattern("samples: \\d+ finished, [1-9]\\d* failed");
        // the budget cut the descent short: the summary says so, not "converged"
        assertThat(r.stdout()).contains("budget-spent: the budget of 30 samples is spent before the optimizer "
            + "converged; ");
        var log = Files.readString(dir.resolve("quiet/autotune.log"));
        assertThat(count(SAMPLE_LINE.matcher(log))).isGreaterThan(10);
    }

    @Test
    void with_v_a_batch_run_logs_every_sample_state_change() throws IOException {
        var r = Cli.runIn(dir, "run", campaign().toString(), "--dir", dir.resolve("verbose").toString(), "-v");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(count(SAMPLE_LINE.matcher(r.stderr()))).isGreaterThan(10);
        assertThat(r.stderr()).contains("progress done=");
        var failed = Pattern.compile("samples: \\d+ finished, (\\d+) failed").matcher(r.stdout());
        assertThat(failed.find()).isTrue();
        assertThat(count(FAILED_LINE.matcher(r.stderr()))).isEqualTo(Integer.parseInt(failed.group(1)));
    }

    private static int count(Matcher m) {
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
