package org.autotune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A campaign whose every sample fails reports no minimum, not the optimizer's start as an "estimate" (real processes). */
class NothingFinishedTest {
    @TempDir
    Path dir;

    @Test
    void when_no_sample_finished_the_summary_offers_no_estimate_of_the_minimum() throws Exception {
        var file = dir.resolve("broken.yaml");
        Files.writeString(file, """
            parameters:
              a: {kind: real, min: -2, max: 2, start: -1, step: 0.4}
              b: {kind: real, min: -2, max: 2, start: 1, step: 0.4}
            simulator:
              command: [sh, -c, "exit 3"]
              outputs: [score.txt]
            metric: {type: command, command: [cat, score.txt]}
            optimizer: {type: coordinate-descent}   # its estimate is where it stands: the start, before any result
            executor: {type: local, slots: 1}
            budget: 3
            retries: 0
            """);
        var run = Cli.runIn(dir, "run", file.toString());
        assertThat(run.stdout()).as(run.stdout() + run.stderr()).contains("no sample finished")
            .doesNotContain("estimate of the minimum");
    }
}
