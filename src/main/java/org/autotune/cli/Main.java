package org.autotune.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.autotune.InputError;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code autotune} command: parses arguments, runs a subcommand, maps errors to exit codes. */
@Command(name = "autotune", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
    description = "Tunes simulation parameters until simulated output matches measured data.",
    subcommands = {ValidateCommand.class, RunCommand.class, ResumeCommand.class, StatusCommand.class,
        ScanCommand.class, CheckCommand.class, AnchorsCommand.class, AnalyzeCommand.class, ScreenCommand.class,
        BestCommand.class, ExportCommand.class, ReportCommand.class, ServeCommand.class, PluginsCommand.class,
        FitExampleCommand.class, EnqueueCommand.class, RefitCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Bad input (campaign file, reference data, arguments). */
    public static final int EXIT_INPUT = 2;
    /** Columns of --help when the width of the terminal is unknown (a pipe, a file). */
    static final int HELP_WIDTH = 100;

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
        // picocli wraps each description paragraph: to the terminal's width, else to HELP_WIDTH columns
        cli.setUsageHelpWidth(HELP_WIDTH);
        cli.setUsageHelpAutoWidth(true);
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
        var problem = e instanceof InputError ie ? Optional.of(ie) : unwritable(e);
        if (problem.isPresent()) {
            err.println(problem.get().getMessage());
            err.flush();
            return EXIT_INPUT;
        }
        err.println("autotune: internal error (please report it with the lines below):");
        e.printStackTrace(err);
        err.flush();
        return 1;
    }

    /**
     * A file the command could not write because of where it is (a read-only folder or mount, no
     * permission, a full disk) is the user's to fix, not a bug: one line naming the file.
     */
    private static Optional<InputError> unwritable(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FileSystemException fse && fse.getFile() != null) {
                String reason = t instanceof AccessDeniedException ? "permission denied"
                    : String.valueOf(fse.getReason());
                boolean full = reason.contains("No space left");
                if (!full && !reason.contains("Read-only") && !(t instanceof AccessDeniedException)) {
                    return Optional.empty();
                }
                String what = e instanceof UncheckedIOException && e.getMessage() != null
                    ? e.getMessage().replace(fse.getFile(), "").strip() + ": " : "";
                return Optional.of(new InputError(Path.of(fse.getFile()), "", what + reason.toLowerCase(Locale.ROOT),
                    full ? "free space on that disk, then run the command again ('autotune resume' continues it)"
                        : "copy the campaign folder somewhere writable and use the copy (run and resume take "
                        + "--dir, analyze takes --output), or fix the permissions"));
            }
        }
        return Optional.empty();
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
