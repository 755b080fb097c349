package org.autotune.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.autotune.campaign.EmulatorExport;
import org.autotune.campaign.Export;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code autotune export}: every sample of the journal as CSV or JSON, one row per sample; or, with
 * {@code --emulators}, the per-observable emulators of the analysed region as JSON.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Write every sample (point, seed, status, score, components, times, error) as CSV or JSON.",
        "With --emulators FILE, write instead the per-observable emulators (a polynomial per observable with "
            + "its prediction error, fitted to the samples of the analysed region) as JSON, to re-use for "
            + "weight studies without new samples; the format is in docs/iterating.md."})
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

    @Option(names = "--emulators", paramLabel = "FILE",
        description = "write the per-observable emulators of the analysed region to this JSON file")
    Path emulators;

    @Override
    public Integer call() {
        if (output != null) {
            Targets.outputFile(output, "--output");
        }
        if (emulators != null) {
            return emulators();
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

    private int emulators() {
        Targets.outputFile(emulators, "--emulators");
        EmulatorExport export;
        String name;
        try (var view = args.open()) {
            export = EmulatorExport.of(view);
            name = view.name();
        }
        String json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
            .writeValueAsString(export.toMap(name));
        try {
            Files.writeString(emulators, json + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + emulators, e);
        }
        var out = spec.commandLine().getOut();
        out.printf("written: %s (%d observables over %s, %s, from %d samples: %s)%n", emulators,
            export.emulator().observables(), String.join(", ", export.names()), export.emulator().basis(),
            export.emulator().samples(), export.region());
        out.flush();
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
