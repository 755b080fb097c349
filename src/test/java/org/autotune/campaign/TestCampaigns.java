package org.autotune.campaign;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SplittableRandom;
import org.autotune.journal.SampleStatus;

/**
 * A real campaign for end-to-end tests: the test simulator (sh + awk, a real process writing real
 * files), reference data drawn at gain 1.3, noise 0.2, and a campaign file using mean-std.
 */
final class TestCampaigns {
    static final double TRUE_GAIN = 1.3;
    static final double TRUE_NOISE = 0.2;

    private TestCampaigns() {
    }

    /**
     * Writes the campaign into {@code dir}; {@code extra} is appended to the campaign file.
     *
     * @param env simulator environment lines (YAML, indented by 4), e.g. "SIM_SLEEP: '0.1'"
     */
    static Path write(Path dir, String env, String extra) {
        try {
            copy("sim.sh", dir);
            copy("sim.mac.template", dir);
            var rng = new SplittableRandom(99);
            var ref = new StringBuilder("amplitude\n");
            for (int i = 0; i < 4000; i++) {
                ref.append(TRUE_GAIN + TRUE_NOISE * rng.nextGaussian(0, 1)).append('\n');   // the "data"
            }
            Files.writeString(dir.resolve("reference.csv"), ref);
            var file = dir.resolve("campaign.yaml");
            Files.writeString(file, """
                name: e2e
                parameters:
                  gain: {kind: real, min: 0.5, max: 2.0, start: 1.0, step: 0.2}
                  noise: {kind: log, min: 0.05, max: 1.0, start: 0.1, step: 1.5}
                simulator:
                  templates: [sim.mac.template]
                  command: [sh, "{{campaign_dir}}/sim.sh", sim.mac, "{{campaign_dir}}/invocations.log"]
                  outputs: [events.csv]
                  timeout: 20s
                  environment:
                %s
                metric:
                  type: mean-std
                  output: events.csv
                  reference: reference.csv
                  columns: [amplitude]
                executor: {type: local, slots: 2}
                events: 400
                seed: 11
                %s
                """.formatted(env.isBlank() ? "    SIM_SLEEP: '0'" : env,
                // these tests describe coordinate descent's behaviour unless they name another optimizer
                extra.contains("optimizer:") ? extra : extra + "\noptimizer: {type: coordinate-descent}"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(String resource, Path dir) throws IOException {
        try (var in = TestCampaigns.class.getResourceAsStream("/testsim/" + resource)) {
            Files.copy(in, dir.resolve(resource));
        }
    }

    /** How often the simulator ran in each sample folder, from the marker file it appends to. */
    static java.util.Map<String, Long> invocations(Path campaignDir) throws IOException {
        var log = campaignDir.resolve("invocations.log");
        if (!Files.exists(log)) {
            return java.util.Map.of();
        }
        return Files.readAllLines(log).stream().collect(java.util.stream.Collectors.groupingBy(
            l -> Path.of(l).toAbsolutePath().normalize().toString(), java.util.stream.Collectors.counting()));
    }

    /** Waits (at most a minute) until the campaign's journal shows at least n samples in the status. */
    static void waitFor(Path campaignDir, SampleStatus status, int n) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.exists(campaignDir.resolve("journal.sqlite"))) {
                try (var view = CampaignView.open(campaignDir, Optional.empty())) {
                    if (view.counts().get(status) >= n) {
                        return;
                    }
                } catch (RuntimeException notReadyYet) {
                    // the journal is being created; look again
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("campaign did not reach " + n + " " + status + " samples within a minute");
    }
}
