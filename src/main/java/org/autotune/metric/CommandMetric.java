package org.autotune.metric;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.autotune.Template;
import org.autotune.TextTail;
import org.autotune.score.Score;

/**
 * Any program that prints a score: it runs in the sample folder as an argument list (never a
 * shell), with {@code {{sample_dir}}}, {@code {{sample_id}}}, {@code {{seed}}}, {@code {{events}}},
 * {@code {{campaign_dir}}} and, when a reference file is given, {@code {{reference}}} filled in.
 * Its standard output goes to {@code metric-stdout.txt} and its standard error to
 * {@code metric-stderr.txt} in the sample folder; see {@link MetricOutput} for what it must print.
 *
 * <p>With {@code inJob}, the program runs inside the sample's job instead (right after the
 * simulator, on the compute node for a cluster executor), and scoring only reads what it wrote.
 */
final class CommandMetric implements Metric {
    static final List<String> PLACEHOLDERS =
        List.of("sample_dir", "sample_id", "seed", "events", "campaign_dir", "reference");

    /** The most a metric command's output file may hold, in bytes. */
    static final int MAX_OUTPUT = 4 << 20;

    private final List<String> command;
    private final Optional<Path> reference;
    private final Path campaignDir;
    private final Duration timeout;
    private final boolean inJob;

    CommandMetric(List<String> command, Optional<Path> reference, Path campaignDir, Duration timeout, boolean inJob) {
        this.command = List.copyOf(command);
        this.reference = reference;
        this.campaignDir = campaignDir.toAbsolutePath();
        this.timeout = timeout;
        this.inJob = inJob;
    }

    @Override
    public Optional<List<String>> jobCommand(SampleOutputs outputs) {
        return inJob ? Optional.of(arguments(outputs)) : Optional.empty();
    }

    @Override
    public Score score(SampleOutputs outputs) {
        return inJob ? fromJob(outputs.folder().toAbsolutePath()) : run(outputs);
    }

    /** Reads what the metric wrote when it ran inside the job. */
    private Score fromJob(Path folder) {
        String program = "metric command '" + command.get(0) + "' (run inside the job)";
        Path status = folder.resolve("metric-status");
        if (!Files.isRegularFile(status)) {
            throw new MetricException(program + " left no metric-status in " + folder
                + "; did the job run it? (see the sample's stderr.txt)");
        }
        int exit;
        try {
            exit = Integer.parseInt(read(status).strip());
        } catch (NumberFormatException e) {
            throw new MetricException(status + " does not hold an exit status");
        }
        if (exit != 0) {
            throw new MetricException(program + " failed with exit code " + exit + ":\n"
                + tail(folder.resolve("metric-stderr.txt")));
        }
        return MetricOutput.parse(read(folder.resolve("metric-stdout.txt")), program);
    }

    private List<String> arguments(SampleOutputs outputs) {
        Path folder = outputs.folder().toAbsolutePath();
        var values = new LinkedHashMap<String, String>();
        values.put("sample_dir", folder.toString());
        values.put("sample_id", Long.toString(outputs.sampleId()));
        values.put("seed", Long.toString(outputs.seed()));
        values.put("events", Integer.toString(outputs.events()));
        values.put("campaign_dir", campaignDir.toString());
        reference.ifPresent(r -> values.put("reference", r.toAbsolutePath().toString()));
        var args = new ArrayList<String>();
        for (String a : command) {
            args.add(Template.render(a, values));
        }
        return args;
    }

    private Score run(SampleOutputs outputs) {
        Path folder = outputs.folder().toAbsolutePath();
        var args = arguments(outputs);
        Path out = folder.resolve("metric-stdout.txt");
        Path err = folder.resolve("metric-stderr.txt");
        String program = "metric command '" + command.get(0) + "'";
        Process p;
        try {
            p = new ProcessBuilder(args).directory(folder.toFile()).redirectInput(new File("/dev/null"))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        } catch (IOException e) {
            throw new MetricException("cannot start " + program + ": " + e.getMessage()
                + "; check metric.command (or metric.python)");
        }
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new MetricException(
                    program + " timed out after " + timeout.toSeconds() + " s; raise metric.timeout");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new MetricException(program + " was interrupted");
        }
        if (p.exitValue() != 0) {
            throw new MetricException(program + " failed with exit code " + p.exitValue() + ":\n" + tail(err));
        }
        return MetricOutput.parse(read(out), program);
    }

    /**
     * A file the metric command wrote, read whole only up to {@link #MAX_OUTPUT}: a command that
     * prints without end must not take the coordinator's memory (the score is its last line).
     */
    private static String read(Path file) {
        try (var in = Files.newInputStream(file)) {
            var bytes = in.readNBytes(MAX_OUTPUT + 1);
            if (bytes.length > MAX_OUTPUT) {
                throw new MetricException(file + " is larger than " + (MAX_OUTPUT >> 20) + " MB, the most a "
                    + "metric command may print; print less (only the last line, the score, is read)");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MetricException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static String tail(Path file) {
        return TextTail.of(file, 20, 4000);
    }
}
