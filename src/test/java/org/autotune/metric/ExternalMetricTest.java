package org.autotune.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.autotune.InputError;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.autotune.score.Score;

/** Metrics computed by other programs: real sh scripts and a real Python module. */
class ExternalMetricTest {
    @TempDir
    Path dir;

    Path sample;

    @BeforeEach
    void sampleFolder() throws Exception {
        sample = Files.createDirectories(dir.resolve("samples/000001"));
        Files.writeString(dir.resolve("ref.csv"), "e\n1\n");
    }

    private Score commandScore(String script) throws Exception {
        Files.writeString(dir.resolve("m.sh"), script);
        var metric = MetricFixture.metric(dir,
            "{type: command, command: [sh, \"{{campaign_dir}}/m.sh\", \"{{sample_dir}}\", \"{{reference}}\"], "
                + "reference: ref.csv, timeout: 2s}");
        return metric.score(MetricFixture.sample(sample));
    }

    @Test
    void a_command_that_prints_a_number_gives_the_score() throws Exception {
        var s = commandScore("echo 'some log line'\necho 12.5\n");
        assertThat(s.value()).isEqualTo(12.5);
        assertThat(s.standardError()).isEmpty();
    }

    @Test
    void a_command_can_print_value_and_error_and_gets_its_arguments() throws Exception {
        var s = commandScore("[ \"$1\" = \"$PWD\" ] && [ -f \"$2\" ] && echo '3.0 0.5'\n");
        assertThat(s.value()).isEqualTo(3.0);
        assertThat(s.standardError()).hasValue(0.5);
    }

    @Test
    void a_command_can_print_json_with_components() throws Exception {
        var s = commandScore("echo '{\"value\": 4, \"error\": 1, \"components\": {\"rise\": 3, \"fall\": 1}}'\n");
        assertThat(s.value()).isEqualTo(4);
        assertThat(s.components()).containsEntry("rise", 3.0).containsEntry("fall", 1.0);
    }

    @Test
    void a_failing_command_fails_the_sample_with_its_stderr() {
        var e = catchThrowableOfType(MetricException.class, () -> commandScore("echo 'no such column: rise' >&2\nexit 4\n"));
        assertThat(e.getMessage()).isEqualTo("metric command 'sh' failed with exit code 4:\nno such column: rise");
    }

    @Test
    void a_hanging_command_is_stopped_at_its_timeout() {
        var e = catchThrowableOfType(MetricException.class, () -> commandScore("sleep 30\n"));
        assertThat(e.getMessage()).isEqualTo("metric command 'sh' timed out after 2 s; raise metric.timeout");
    }

    @Test
    void a_command_that_prints_more_than_the_limit_fails_with_one_line_naming_the_file_and_the_limit() {
        // 5 MB of log lines, then a score: more than the coordinator reads
        var e = catchThrowableOfType(MetricException.class, () -> commandScore(
            "head -c 5000000 /dev/zero | tr '\\0' x | fold -w 99\necho 12.5\n"));
        assertThat(e.getMessage()).isEqualTo(sample.toAbsolutePath().resolve("metric-stdout.txt")
            + " is larger than 4 MB, the most a metric command may print; print less (only the last line, the "
            + "score, is read)");
    }

    @Test
    void a_long_stderr_is_reported_by_its_last_lines() {
        var e = catchThrowableOfType(MetricException.class, () -> commandScore(
            "for i in $(seq 1 5000); do echo \"error line $i\" >&2; done\nexit 4\n"));
        assertThat(e.getMessage().lines()).hasSize(21).endsWith("error line 5000");
    }

    @Test
    void nan_is_not_a_score() {
        var e = catchThrowableOfType(MetricException.class, () -> commandScore("echo nan\n"));
        assertThat(e.getMessage()).contains("returned NaN");
    }

    @Test
    void an_infinite_value_is_not_a_score_either() {
        for (var printed : new String[] {"inf", "-inf", "-Infinity", "{\"value\": 1e999}"}) {
            var e = catchThrowableOfType(MetricException.class, () -> commandScore("echo '" + printed + "'\n"));
            assertThat(e).as(printed).isNotNull();
            assertThat(e.getMessage()).as(printed).contains("a score must be a finite number");
        }
    }

    @Test
    void an_unknown_placeholder_in_the_command_is_bad_input() {
        var e = catchThrowableOfType(InputError.class, () -> MetricFixture.metric(dir,
            "{type: command, command: [sh, m.sh, \"{{sampledir}}\"]}"));
        assertThat(e.getMessage()).endsWith("campaign.yaml:1: command: unknown placeholder {{sampledir}}; fix: use sample_dir, "
            + "sample_id, seed, events, campaign_dir, reference");
    }

    private static boolean python() {
        try {
            return new ProcessBuilder("python3", "--version").start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Tag("slow")
    @Test
    void an_existing_python_function_is_the_metric() throws Exception {
        assumeThat(python()).as("python3 is needed for the python metric; install it to run this test").isTrue();
        Files.writeString(dir.resolve("mymetrics.py"), """
            import os
            def chi2(sample_dir, reference):
                assert os.path.isdir(sample_dir) and open(reference).read().startswith('e')
                return {'value': 2.5, 'error': 0.25, 'components': {'a': 1}}
            def pair(sample_dir, reference):
                return (1.5, 0.1)
            def broken(sample_dir, reference):
                raise ValueError('column rise_time missing')
            """);
        var m = MetricFixture.metric(dir, "{type: python, function: 'mymetrics:chi2', reference: ref.csv}");
        var s = m.score(MetricFixture.sample(sample));
        assertThat(s.value()).isEqualTo(2.5);
        assertThat(s.standardError()).hasValue(0.25);
        assertThat(s.components()).containsEntry("a", 1.0);
        var pair = MetricFixture.metric(dir, "{type: python, function: 'mymetrics:pair'}").score(MetricFixture.sample(sample));
        assertThat(pair.value()).isEqualTo(1.5);
        var e = catchThrowableOfType(MetricException.class, () -> MetricFixture.metric(dir,
            "{type: python, function: 'mymetrics:broken'}").score(MetricFixture.sample(sample)));
        assertThat(e.getMessage()).contains("ValueError: column rise_time missing");
    }

    @Test
    void a_python_function_must_be_written_module_colon_function() {
        var e = catchThrowableOfType(InputError.class, () -> MetricFixture.metric(dir,
            "{type: python, function: mymetrics.chi2}"));
        assertThat(e.getMessage()).contains("campaign.yaml:1: function: 'mymetrics.chi2' is not module:function");
    }
}
