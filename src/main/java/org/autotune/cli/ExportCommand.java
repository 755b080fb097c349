package org.autotune.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.autotune.campaign.Export;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code autotune export}: every sample of the journal as CSV or JSON, one row per sample. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Write every sample (point, seed, status, score, components, times, error) as CSV or JSON.")
final class ExportCommand implements Callable<Integer> {
    enum Format { csv, json }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    JournalArguments args;

    @Option(names = "--format", defaultValue = "csv", description = "csv or json (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write to this file instead of stdout")
    Path output;

    @Override
    public Integer call() {
        if (output != null) {
            Targets.outputFile(output, "--output");
        }
        try (var view = args.open(); var out = writer()) {
            if (format == Format.csv) {
                Export.csv(view, out);
            } else {
                Export.json(view, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + (output == null ? "stdout" : output), e);
        }
        return 0;
    }

    private Writer writer() throws IOException {
        if (output == null) {
            var stdout = spec.commandLine().getOut();
            return new FilterWriter(stdout) {
                @Override
                public void close() {
                    stdout.flush();   // never close stdout
                }
            };
        }
        return Files.newBufferedWriter(output, StandardCharsets.UTF_8);
    }
}
