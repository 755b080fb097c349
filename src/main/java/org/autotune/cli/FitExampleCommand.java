package org.autotune.cli;

import java.util.concurrent.Callable;
import org.autotune.likelihood.examples.PeakOnBackground;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code autotune fit-example}: the unbinned-likelihood fit of a peak on a flat background. */
@Command(name = "fit-example", mixinStandardHelpOptions = true,
    description = "Generate a peak-on-background dataset, fit it with the exact-gradient likelihood, "
        + "and print best ± σ, correlations and a profile interval (see docs/likelihood.md).")
final class FitExampleCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--seed", defaultValue = "1",
        description = "Seed of the generated dataset (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        PeakOnBackground.run(spec.commandLine().getOut(), seed);
        return 0;
    }
}
