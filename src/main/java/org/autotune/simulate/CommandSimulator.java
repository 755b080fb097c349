package org.autotune.simulate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.autotune.Sample;
import org.autotune.Template;
import org.autotune.execute.Job;
import org.autotune.space.Space;

/**
 * Runs an external program (a Geant4 application, a script) once per sample: renders the
 * templates into the sample folder, then runs the command there as an argument list, never
 * through a shell. Placeholders: every parameter name, {@code seed}, {@code events},
 * {@code sample_dir}, {@code sample_id} and {@code campaign_dir}.
 */
public final class CommandSimulator implements Simulator {
    /** Placeholders every sample provides besides the parameter names. */
    public static final List<String> BUILT_IN = List.of("seed", "events", "sample_dir", "sample_id", "campaign_dir");

    private final Space space;
    private final List<String> command;
    private final List<TemplateFile> templates;
    private final List<String> outputs;
    private final Map<String, String> environment;
    private final Duration timeout;
    private final Path campaignDir;
    private final String fingerprint;

    CommandSimulator(Space space, List<String> command, List<TemplateFile> templates, List<String> outputs,
                     Map<String, String> environment, Duration timeout, Path campaignDir) {
        this.space = space;
        this.command = List.copyOf(command);
        this.templates = List.copyOf(templates);
        this.outputs = List.copyOf(outputs);
        this.environment = Map.copyOf(environment);
        this.timeout = timeout;
        this.campaignDir = campaignDir.toAbsolutePath().normalize();
        this.fingerprint = hash();
    }

    @Override
    public Job prepare(Sample sample) {
        Path folder = sample.folder().toAbsolutePath();
        var values = values(sample, folder);
        try {
            clean(folder);
            Files.createDirectories(folder);
            for (var t : templates) {
                Files.writeString(folder.resolve(t.target()), Template.render(t.text(), values));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing inputs of sample " + sample.id() + " into " + folder, e);
        }
        return job(sample);
    }

    @Override
    public Job job(Sample sample) {
        Path folder = sample.folder().toAbsolutePath();
        var values = values(sample, folder);
        var args = new ArrayList<String>();
        for (String arg : command) {
            args.add(Template.render(arg, values));
        }
        return new Job(sample.id(), folder, args, environment, timeout, outputs);
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    private Map<String, String> values(Sample sample, Path folder) {
        var values = new LinkedHashMap<>(space.format(sample.point()));
        values.put("seed", Long.toString(sample.seed()));
        values.put("events", Integer.toString(sample.events()));
        values.put("sample_dir", folder.toString());
        values.put("sample_id", Long.toString(sample.id()));
        values.put("campaign_dir", campaignDir.toString());
        return values;
    }

    /** Empties a folder left by an earlier attempt, so no stale output passes for a new one. */
    private static void clean(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(folder)) {
                    Files.delete(p);
                }
            }
        }
    }

    private String hash() {
        try {
            var md = MessageDigest.getInstance("SHA-256");
            var parts = new ArrayList<String>();
            parts.add("command=" + command);
            for (var t : templates) {
                parts.add("template " + t.target() + "=" + t.text());
            }
            parts.add("outputs=" + outputs);
            parts.add("environment=" + new TreeMap<>(environment));
            for (String p : parts) {
                md.update(p.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
