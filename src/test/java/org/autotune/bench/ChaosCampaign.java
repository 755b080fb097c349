package org.autotune.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The small campaign the chaos benchmark runs: two parameters, a mean-std metric against six
 * reference values, and a simulator (sh + awk) that appends one line to {@code count.txt} in its
 * sample folder each time it runs, then sleeps 0.05-0.5 s (drawn from the sample's point and seed)
 * and writes {@code events.csv}. Every simulator process carries {@code marker} in its arguments
 * or environment, so that the benchmark can find the ones left running.
 */
final class ChaosCampaign {
    static final String SIMULATOR = """
        #!/bin/sh
        # usage: sim.sh MARKER GAIN NOISE SEED EVENTS
        echo "$1" >> count.txt
        awk -v gain="$2" -v noise="$3" -v seed="$4" -v events="$5" 'BEGIN {
            srand(seed + int(gain * 100003) + int(noise * 7919))
            system("sleep " (0.05 + 0.45 * rand()))
            print "amplitude" > "events.csv"
            for (i = 0; i < events; i++) {
                printf "%.6f\\n", gain + noise * (rand() + rand() + rand() - 1.5) * 2 > "events.csv"
            }
        }'
        """;

    static final String COMMAND = "[sh, \"{{campaign_dir}}/sim.sh\", %s, \"{{gain}}\", \"{{noise}}\", \"{{seed}}\", "
        + "\"{{events}}\"]";

    private ChaosCampaign() {
    }

    /** The campaign file text with the standard simulator. */
    static String text(String marker, int budget, long seed) {
        return text(marker, COMMAND.formatted(marker), "20s", budget, seed, "");
    }

    /**
     * The campaign file text.
     *
     * @param command the simulator command, as a YAML flow list
     * @param extra   appended at the end (e.g. a metric: line replacing the default, which comes last)
     */
    static String text(String marker, String command, String timeout, int budget, long seed, String extra) {
        String metric = extra.contains("metric:") ? ""
            : "metric: {type: mean-std, output: events.csv, reference: reference.csv, columns: [amplitude]}\n";
        return """
            name: chaos
            parameters:
              gain: {kind: real, min: 0.5, max: 2.0, start: 1.0, step: 0.2}
              noise: {kind: log, min: 0.05, max: 1.0, start: 0.1, step: 1.5}
            simulator:
              command: %s
              outputs: [events.csv]
              timeout: %s
              environment: {CHAOS_MARKER: %s}
            %soptimizer: {type: coordinate-descent}
            executor: {type: local, slots: 2}
            budget: %d
            events: 50
            seed: %d
            %s
            """.formatted(command, timeout, marker, metric, budget, seed, extra);
    }

    /** Writes the simulator, the reference data and {@code text} as {@code campaign.yaml} into {@code dir}. */
    static Path write(Path dir, String text) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("sim.sh"), SIMULATOR);
            Files.writeString(dir.resolve("reference.csv"), "amplitude\n1.1\n1.3\n1.2\n1.5\n1.0\n1.4\n");
            var file = dir.resolve("campaign.yaml");
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The journal of the campaign file {@code file} in its default folder. */
    static Path journal(Path file) {
        return file.resolveSibling("campaign.autotune").resolve("journal.sqlite");
    }
}
