package org.autotune.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Damaged journals through status, best, export and resume: truncated, garbage, empty (0 bytes),
 * and a journal whose file is deleted while its campaign runs. Counts stack traces, and silent
 * losses: a command that exits 0 although the journaled results are gone.
 */
final class JournalFamily {
    private static final List<String> COMMANDS = List.of("status", "best", "export", "resume");

    private JournalFamily() {
    }

    static ChaosBench.Row run(ChaosBench.Settings settings) throws Exception {
        var root = settings.work().resolve("journal");
        int traces = 0;
        int silent = 0;
        int n = 0;
        for (var fault : List.of("truncated", "garbage", "empty")) {
            var dir = root.resolve(fault);
            String marker = "chaos-journal-" + settings.seed() + "-" + fault;
            var file = ChaosCampaign.write(dir, ChaosCampaign.text(marker, 6, settings.seed()));
            var r = ChaosCli.run(dir.resolve("log-run"), Duration.ofMinutes(2), "run", file.toString());
            if (r.exitCode() != 0) {
                throw new IllegalStateException("the campaign to damage did not run: " + r.lastErrorLine());
            }
            var journal = ChaosCampaign.journal(file);
            byte[] whole = Files.readAllBytes(journal);
            Files.deleteIfExists(journal.resolveSibling("journal.sqlite-wal"));
            Files.deleteIfExists(journal.resolveSibling("journal.sqlite-shm"));
            Files.write(journal, switch (fault) {
                case "truncated" -> Arrays.copyOf(whole, whole.length / 2);
                case "garbage" -> FuzzFamily.bytes("not a database at all\n".repeat(300));
                default -> new byte[0];
            });
            int[] t = commands(dir, file, fault);
            traces += t[0];
            silent += t[1];
            n += COMMANDS.size();
            ChaosCli.endMarked(marker);
        }
        int[] t = deletedMidRun(root.resolve("deleted"), "chaos-journal-" + settings.seed() + "-deleted", settings);
        traces += t[0];
        silent += t[1];
        n += COMMANDS.size() + 1;
        String measured = String.format(Locale.ROOT, "4 faults x %d commands (%d runs): %d silent losses, "
            + "%d stack traces", COMMANDS.size(), n, silent, traces);
        return new ChaosBench.Row("journal faults", measured, traces + silent == 0);
    }

    /** {stack traces, silent losses} of every command on the damaged journal of {@code file}. */
    private static int[] commands(Path dir, Path file, String fault) {
        int traces = 0;
        int silent = 0;
        for (var command : COMMANDS) {
            var r = ChaosCli.run(dir.resolve("log-" + command), Duration.ofMinutes(2), command, file.toString());
            boolean trace = r.internalError();
            // the results are gone: exit 0 would pass that off as a campaign (a fresh one, for resume)
            boolean lost = r.exitCode() == 0;
            traces += trace ? 1 : 0;
            silent += lost ? 1 : 0;
            System.out.printf("  %-10s %-7s exit %d%s%s: %s%n", fault, command, r.exitCode(),
                trace ? ", STACK TRACE" : "", lost ? ", SILENT LOSS" : "", clip(r.exitCode() == 0
                    ? firstLine(r.stdout()) : r.lastErrorLine()));
        }
        return new int[] {traces, silent};
    }

    /** The journal is deleted once two samples finished; the run, then every command. */
    private static int[] deletedMidRun(Path dir, String marker, ChaosBench.Settings settings) throws Exception {
        var file = ChaosCampaign.write(dir, ChaosCampaign.text(marker, 16, settings.seed()));
        var journal = ChaosCampaign.journal(file);
        var p = ChaosCli.start(dir.resolve("log-run"), List.of("run", file.toString()));
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline && p.isAlive() && ChaosCli.statuses(journal).values().stream()
            .filter("FINISHED"::equals).count() < 2) {
            Thread.sleep(50);
        }
        boolean deletedWhileRunning = p.isAlive();
        Files.deleteIfExists(journal);
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly().waitFor();
        }
        var stdout = ChaosCli.read(dir.resolve("log-run").resolve("stdout.txt"));
        var stderr = ChaosCli.read(dir.resolve("log-run").resolve("stderr.txt"));
        int traces = ChaosCli.internalError(stdout + stderr) ? 1 : 0;
        // exit 0 with the journal gone: the user is told the campaign finished, its results are unreachable
        int silent = p.exitValue() == 0 && !Files.exists(journal) ? 1 : 0;
        var lines = stderr.strip().lines().toList();
        String said = p.exitValue() == 0 ? stdout.lines().skip(1).findFirst().orElse("")
            : lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        System.out.printf("  %-10s %-7s exit %d%s%s%s: %s%n", "deleted", "run", p.exitValue(),
            deletedWhileRunning ? "" : " (had ended before the delete)", traces > 0 ? ", STACK TRACE" : "",
            silent > 0 ? ", SILENT LOSS (journal gone)" : "", clip(said));
        ChaosCli.endMarked(marker);
        int[] t = commands(dir, file, "deleted");
        return new int[] {traces + t[0], silent + t[1]};
    }

    private static String firstLine(String s) {
        return s.lines().findFirst().orElse("");
    }

    private static String clip(String s) {
        return s.length() > 130 ? s.substring(0, 130) + "..." : s;
    }
}
