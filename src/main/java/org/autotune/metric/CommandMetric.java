package org.autotune.metric;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.autotune.Template;

/**
 * Any program that prints a score: it runs in the sample folder as an argument list (never a
 * shell), with {@code {{sample_dir}}}, {@code {{sample_id}}}, {@code {{seed}}}, {@code {{events}}},
 * {@code {{campaign_dir}}} and, when a reference file is given, {@code {{reference}}} filled in.
 * Its standard output goes to {@code metric-stdout.txt} and its standard error to
 * {@code metric-stderr.txt} in the sample folder; see {@link MetricOutput} for what it must print.
 */
final class CommandMetric implements Metric {
    static final List<String> PLACEHOLDERS =
        List.of("sample_dir", "sample_id", "seed", "events", "campaign_dir", "reference");

    private final List<String> command;
    private final Optional<Path> reference;
    private final Path campaignDir;
    private final Duration timeout;

    CommandMetric(List<String> command, Optional<Path> reference, Path campaignDir, Duration timeout) {
        this.command = List.copyOf(command);
        this.reference = reference;
        this.campaignDir = campaignDir.toAbsolutePath();
        this.timeout = timeout;
    }

    @Override
    public Score score(SampleOutputs outputs) {
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
                throw new MetricException(program + " timed out after " + timeout.toSeconds() + " s; raise metric.timeout");
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

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new MetricException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static String tail(Path file) {
        var lines = read(file).lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }
}
