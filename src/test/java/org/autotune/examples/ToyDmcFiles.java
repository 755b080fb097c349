package org.autotune.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The toy-DMC example for tests and benchmarks: its true values, and a clean copy of its folder. */
public final class ToyDmcFiles {
    /** The true values (examples/toy-dmc/README.md), in the campaign's units. */
    public static final Map<String, Double> TRUTH;

    static {
        var t = new LinkedHashMap<String, Double>();
        t.put("PhononAbsQET", 0.3);
        t.put("TESsubgapAbs", 0.02);
        t.put("Tc", 62.0);
        t.put("Tw", 1.2);
        t.put("Tsubst", 30.0);
        t.put("W_gamma", 90.0);
        t.put("W_sigma", 0.2e9);
        t.put("L", 200.0);
        TRUTH = Collections.unmodifiableMap(t);
    }

    private ToyDmcFiles() {
    }

    /** Copies examples/toy-dmc into {@code to}, without its build folder and campaign folders. */
    public static void copyExample(Path to) throws IOException {
        Path from = Path.of("examples/toy-dmc");
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                var rel = from.relativize(p).toString();
                if (rel.startsWith(".build") || rel.contains(".autotune")) {
                    continue;
                }
                var target = to.resolve(rel);
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
