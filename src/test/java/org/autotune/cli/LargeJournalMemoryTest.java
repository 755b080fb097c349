package org.autotune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.autotune.bench.JournalScale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report and analyze read a journal in bounded memory: 20 000 samples with 100 observables each
 * hold about 190 MB of observables once parsed (100 × ~95 B per sample), more than the heap these
 * commands get here; the commands must read observables one sample at a time, not all at once.
 */
@Tag("slow")
class LargeJournalMemoryTest {
    private static final String HEAP = "-Xmx128m";

    @Test
    void report_and_analyze_of_20000_samples_with_100_observables_fit_in_a_128_mb_heap(@TempDir Path dir)
        throws Exception {
        Path folder = dir.resolve("scale.autotune");
        JournalScale.write(folder, 20_000, 100, 3);

        Path html = dir.resolve("report.html");
        var report = run(dir, "report", folder.toString(), "-o", html.toString());
        assertThat(report.code).as(report.err).isZero();
        String page = Files.readString(html);
        assertThat(page).contains("20000 samples").contains("Envelope of all samples")
            .contains("Data and simulation at the start and the best sample");
        assertThat(page).contains("19800 finished samples");   // one in a hundred failed: the envelope saw all others

        var analyze = run(dir, "analyze", folder.toString(), "--output", dir.resolve("analysis.json").toString());
        assertThat(analyze.code).as(analyze.err).isZero();
        assertThat(analyze.out).contains("gain");
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(Path dir, String... args) throws IOException, InterruptedException {
        var cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), HEAP,
            "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Path out = dir.resolve(args[0] + ".out");
        Path err = dir.resolve(args[0] + ".err");
        var p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("autotune " + String.join(" ", args) + " did not finish in 10 minutes");
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
