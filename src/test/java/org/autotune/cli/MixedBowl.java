package org.autotune.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A campaign with an integer parameter n and two real ones, x and y, whose simulator (awk, a real
 * process) scores the exact bowl (x − 0.5)² + (y + 0.2)² + 0.1 (n − 2)²: the analysis finds its minimum
 * exactly, and a neighbour of n = 2 scores exactly 0.1 more at the same x, y.
 */
final class MixedBowl {
    private MixedBowl() {
    }

    /** Writes bowl.awk and mixed.yaml (n from 1 to {@code maxN}, budget 60, 2 local slots) into dir. */
    static Path write(Path dir, int maxN) throws IOException {
        Files.writeString(dir.resolve("bowl.awk"), """
            BEGIN { printf "%.12g\\n", (x - 0.5) ^ 2 + (y + 0.2) ^ 2 + 0.1 * (n - 2) ^ 2 > "score.txt" }
            """);
        var file = dir.resolve("mixed.yaml");
        Files.writeString(file, """
            parameters:
              n: {kind: integer, min: 1, max: %d, start: 1}
              x: {kind: real, min: -1, max: 1, start: 0, step: 0.1}
              y: {kind: real, min: -1, max: 1, start: 0, step: 0.1}
            simulator:
              command: [awk, -v, "n={{n}}", -v, "x={{x}}", -v, "y={{y}}", -f, "{{campaign_dir}}/bowl.awk"]
              outputs: [score.txt]
            metric: {type: command, command: [cat, score.txt]}
            executor: {type: local, slots: 2}
            budget: 60
            """.formatted(maxN));
        return file;
    }
}
