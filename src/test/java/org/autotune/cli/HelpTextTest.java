package org.autotune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * {@code autotune COMMAND --help} as a batch job or a pipe shows it (no terminal: 100 columns):
 * each description paragraph whole, wrapped by picocli only where the next word would not fit.
 */
class HelpTextTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"run", "resume", "scan", "check", "analyze", "anchors", "screen", "report", "serve",
        "enqueue", "refit"})
    void help_wraps_each_paragraph_to_the_width_without_ragged_breaks(String command) {
        var r = Cli.runIn(dir, command, "--help");
        assertThat(r.exitCode()).isZero();
        var lines = r.stdout().lines().toList();
        assertThat(lines).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(Main.HELP_WIDTH));

        var description = description(lines);
        for (int i = 0; i + 1 < description.size(); i++) {
            String line = description.get(i);
            String nextWord = description.get(i + 1).split(" ")[0];
            // a line ends early only where a paragraph ends: else the next word would have fitted on it
            if (line.length() + 1 + nextWord.length() < Main.HELP_WIDTH) {   // picocli keeps the last column free
                assertThat(line).as("line %d of '%s --help' ends before the next word '%s'%n%s", i, command,
                    nextWord, r.stdout()).endsWith(".");
            }
        }
        String joined = String.join(" ", description);
        var paragraphs = new CommandLine(new Main()).getSubcommands().get(command).getCommandSpec().usageMessage()
            .description();
        assertThat(paragraphs).isNotEmpty().allSatisfy(p -> assertThat(joined).contains(p));
    }

    /** The lines between the synopsis (with its indented continuation) and the first indented option. */
    private static List<String> description(List<String> lines) {
        var out = new ArrayList<String>();
        int i = 1;
        while (i < lines.size() && lines.get(i).startsWith(" ")) {
            i++;
        }
        for (; i < lines.size() && !lines.get(i).isEmpty() && !lines.get(i).startsWith(" "); i++) {
            out.add(lines.get(i));
        }
        return out;
    }
}
