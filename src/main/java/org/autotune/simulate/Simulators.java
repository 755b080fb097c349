package org.autotune.simulate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.autotune.InputError;
import org.autotune.Options;
import org.autotune.Template;
import org.autotune.TextFile;
import org.autotune.space.Space;

/** Builds the simulator a campaign file's {@code simulator:} section describes, checking it first. */
public final class Simulators {
    private static final List<String> KEYS =
        List.of("type", "command", "templates", "outputs", "timeout", "environment");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private Simulators() {
    }

    /** Built-in simulator types with one line each, for {@code autotune plugins}. */
    public static Map<String, String> descriptions() {
        return Map.of("command", "renders {{placeholder}} templates (e.g. a Geant4 macro) into the sample folder "
            + "and runs a program there, without a shell");
    }

    public static Simulator create(Options sim, Space space, Path campaignDir) {
        sim.allowOnly(KEYS);
        sim.oneOf("type", List.of("command"), "command");
        if (sim.raw("command").isValueNode() && !sim.raw("command").isNull()) {
            // never split: the command runs without a shell, so a text would be one program name
            var words = List.of(sim.string("command").trim().split("\\s+"));
            throw sim.error("command", "the command must be a list (the program, then each argument), got the text '"
                + sim.string("command") + "'", "write command: [" + String.join(", ", words) + "]");
        }
        var command = sim.strings("command");
        if (command.isEmpty()) {
            throw sim.error("command", "no command to run",
                "give the program and its arguments as a list, e.g. [./mysim, run.mac]");
        }
        var known = known(space);
        var templates = templates(sim, campaignDir, known);
        for (String arg : command) {
            checkPlaceholders(arg, known, sim, "command");
        }
        var outputs = sim.strings("outputs");
        for (String out : outputs) {
            if (out.isBlank() || Path.of(out).isAbsolute() || out.contains("..")) {
                throw sim.error("outputs", "'" + out + "' is not a file name inside the sample folder",
                    "list output files relative to the sample folder, e.g. events.csv");
            }
        }
        Duration timeout = sim.duration("timeout", Duration.ofHours(1));
        return new CommandSimulator(space, command, templates, outputs, environment(sim), timeout, campaignDir);
    }

    private static Set<String> known(Space space) {
        var known = new LinkedHashSet<>(space.names());
        known.addAll(CommandSimulator.BUILT_IN);
        return known;
    }

    private static List<TemplateFile> templates(Options sim, Path campaignDir, Set<String> known) {
        var out = new ArrayList<TemplateFile>();
        var targets = new LinkedHashSet<String>();
        for (String name : sim.strings("templates")) {
            Path source = campaignDir.resolve(name).normalize();
            var problem = TextFile.problem(source);
            if (problem.isPresent()) {
                throw sim.error("templates", "template file " + source + (problem.get().equals("file not found")
                    ? " not found" : " " + problem.get()),
                    "check the name; template paths are relative to the campaign file's folder");
            }
            String text;
            try {
                text = Files.readString(source);
            } catch (IOException e) {
                throw sim.error("templates", "template " + source + ": " + TextFile.describe(e), TextFile.fix(e));
            }
            checkTemplate(source, text, known);
            var target = TemplateFile.targetName(source);
            if (!targets.add(target)) {
                throw sim.error("templates", "two templates would both be written as " + target,
                    "rename one of them");
            }
            out.add(new TemplateFile(source, target, text));
        }
        return out;
    }

    /** Every placeholder in a template must be a parameter or a built-in; the error names its line. */
    private static void checkTemplate(Path source, String text, Set<String> known) {
        var lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            for (String name : Template.placeholders(lines[i])) {
                if (!known.contains(name)) {
                    throw new InputError(source, i + 1, "{{" + name + "}}",
                        "placeholder is not a parameter of the campaign", fixFor(name, known));
                }
            }
        }
    }

    private static void checkPlaceholders(String text, Set<String> known, Options sim, String key) {
        for (String name : Template.placeholders(text)) {
            if (!known.contains(name)) {
                throw sim.error(key, "placeholder {{" + name + "}} is not a parameter of the campaign",
                    fixFor(name, known));
            }
        }
    }

    private static String fixFor(String name, Set<String> known) {
        return Options.closest(name, known).map(n -> "did you mean {{" + n + "}}?")
            .orElse("declare a parameter '" + name + "' or use one of: " + String.join(", ", known));
    }

    private static Map<String, String> environment(Options sim) {
        var env = new LinkedHashMap<String, String>();
        sim.optionalSection("environment").ifPresent(e -> {
            for (String k : e.keys()) {
                if (!ENV_NAME.matcher(k).matches()) {
                    throw e.error(k, "'" + k + "' is not an environment variable name",
                        "use letters, digits and underscores, not starting with a digit (e.g. OMP_NUM_THREADS: \"1\")");
                }
                env.put(k, e.string(k));
            }
        });
        return env;
    }
}
