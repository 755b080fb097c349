package org.autotune.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.autotune.execute.Executors;
import org.autotune.metric.Metrics;
import org.autotune.optimize.Optimizers;
import org.autotune.simulate.Simulators;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code autotune plugins}: the built-in optimizers, metrics, simulators and executors. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
    description = "List the built-in optimizers, metrics, simulators and executors, one line each.")
final class PluginsCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        section(out, "optimizers", Optimizers.descriptions());
        section(out, "metrics", Metrics.descriptions());
        section(out, "simulators", Simulators.descriptions());
        section(out, "executors", Executors.descriptions());
        out.flush();
        return 0;
    }

    private static void section(PrintWriter out, String title, Map<String, String> entries) {
        out.println(title + ":");
        int width = entries.keySet().stream().mapToInt(String::length).max().orElse(1);
        entries.forEach((name, line) -> out.printf("  %-" + width + "s  %s%n", name, line));
    }
}
