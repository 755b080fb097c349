package org.autotune.cli;

import java.io.PrintWriter;
import org.autotune.InputError;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code autotune} command: parses arguments, runs a subcommand, maps errors to exit codes. */
@Command(name = "autotune", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
    description = "Tunes simulation parameters until simulated output matches measured data.",
    subcommands = {ValidateCommand.class, RunCommand.class, ResumeCommand.class, StatusCommand.class,
        ScanCommand.class, CheckCommand.class, AnchorsCommand.class, AnalyzeCommand.class, ScreenCommand.class,
        BestCommand.class, ExportCommand.class, ReportCommand.class, ServeCommand.class, PluginsCommand.class,
        FitExampleCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Bad input (campaign file, reference data, arguments). */
    public static final int EXIT_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (0 ok, 1 bug or stopped campaign, 2 bad input). */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** As {@link #execute(String...)}, printing to the given writers (for tests and embedding). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        var cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> handle(e, cmd.getErr()));
        cli.setParameterExceptionHandler((e, a) -> {
            var stderr = e.getCommandLine().getErr();
            stderr.println("autotune: " + e.getMessage());
            stderr.println("fix: see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'");
            return EXIT_INPUT;
        });
        return cli.execute(args);
    }

    private static int handle(Exception e, PrintWriter err) {
        if (e instanceof InputError ie) {
            err.println(ie.getMessage());
            err.flush();
            return EXIT_INPUT;
        }
        err.println("autotune: internal error (please report it with the lines below):");
        e.printStackTrace(err);
        err.flush();
        return 1;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
