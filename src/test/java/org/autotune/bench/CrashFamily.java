package org.autotune.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Crash and resume: the coordinator is killed with SIGKILL at a random moment, then resumed until
 * its campaign is done. Counts samples lost (fewer FINISHED than the budget), samples re-run (a
 * sample FINISHED at the kill whose simulator ran again), simulator processes left running and
 * internal errors. Then SIGTERM at a random moment: exit 143 and no RUNNING or PENDING sample.
 */
final class CrashFamily {
    static final int BUDGET = 16;

    private CrashFamily() {
    }

    static ChaosBench.Row run(ChaosBench.Settings settings) throws InterruptedException {
        int lost = 0;
        int rerun = 0;
        int orphans = 0;
        int errors = 0;
        int midRun = 0;
        for (int i = 0; i < settings.trials(); i++) {
            var rng = new SplittableRandom(settings.seed() * 1000 + i);
            var t = killTrial(settings.work().resolve("crash").resolve("kill-" + i), "chaos-kill-" + settings.seed()
                + "-" + i, 1.0 + 4.5 * rng.nextDouble(), i + 1);
            lost += t[0];
            rerun += t[1];
            orphans += t[2];
            errors += t[3];
            midRun += t[4];
        }
        int badExit = 0;
        int unfinishedRows = 0;
        for (int i = 0; i < settings.sigtermTrials(); i++) {
            var rng = new SplittableRandom(settings.seed() * 1000 + 500 + i);
            var t = termTrial(settings.work().resolve("crash").resolve("term-" + i), "chaos-term-" + settings.seed()
                + "-" + i, 3.0 + 5.0 * rng.nextDouble(), i + 1);
            badExit += t[0];
            unfinishedRows += t[1];
            orphans += t[2];
            errors += t[3];
        }
        String measured = String.format(Locale.ROOT, "%d kill -9 trials (%d mid-run): %d lost, %d re-run, "
            + "%d orphans, %d internal errors; %d SIGTERM trials: %d exits not 143, %d RUNNING/PENDING rows left",
            settings.trials(), midRun, lost, rerun, orphans, errors, settings.sigtermTrials(), badExit, unfinishedRows);
        return new ChaosBench.Row("crash/resume", measured, lost + rerun + orphans + errors + badExit
            + unfinishedRows == 0);
    }

    /** {lost, re-run, orphans, internal errors, 1 if killed before the run ended} of one kill -9 trial. */
    private static int[] killTrial(Path dir, String marker, double killAt, long seed) throws InterruptedException {
        var file = ChaosCampaign.write(dir, ChaosCampaign.text(marker, BUDGET, seed));
        var journal = ChaosCampaign.journal(file);
        var p = ChaosCli.start(dir.resolve("log-run"), List.of("run", file.toString()));
        boolean endedFirst = p.waitFor((long) (killAt * 1000), TimeUnit.MILLISECONDS);
        if (!endedFirst) {
            p.destroyForcibly().waitFor();   // SIGKILL: no shutdown hook runs, simulators are orphaned
        }
        int errors = ChaosCli.internalError(ChaosCli.read(dir.resolve("log-run").resolve("stderr.txt"))) ? 1 : 0;
        var before = new HashMap<String, Long>();
        ChaosCli.statuses(journal).forEach((folder, status) -> {
            if (status.equals("FINISHED")) {
                before.put(folder, runs(Path.of(folder)));
            }
        });
        int resumes = 0;
        String command = "resume";
        for (int k = 0; k < 4; k++) {
            var r = ChaosCli.run(dir.resolve("log-resume-" + k), Duration.ofMinutes(2), command, file.toString());
            resumes++;
            errors += r.internalError() ? 1 : 0;
            if (r.exitCode() == 0) {
                break;
            }
            System.out.printf("  %s: %s exit %d: %s%n", dir.getFileName(), command, r.exitCode(), r.lastErrorLine());
            // killed before its journal held the campaign: do what the message says
            command = r.lastErrorLine().contains("has not been run yet") ? "run" : "resume";
        }
        var after = ChaosCli.statuses(journal);
        int finished = (int) after.values().stream().filter("FINISHED"::equals).count();
        int lost = Math.max(0, BUDGET - finished);
        int rerun = (int) before.entrySet().stream().filter(e -> runs(Path.of(e.getKey())) > e.getValue()).count();
        Thread.sleep(300);
        int orphans = ChaosCli.marked(marker).size();
        ChaosCli.endMarked(marker);
        System.out.printf(Locale.ROOT, "  %s: kill at %.2f s%s, %d finished before, %d resume(s) or run(s), "
            + "%d finished after: %d lost, %d re-run, %d orphans, %d internal errors%n", dir.getFileName(), killAt,
            endedFirst ? " (the run had ended)" : "", before.size(), resumes, finished, lost, rerun, orphans, errors);
        return new int[] {lost, rerun, orphans, errors, endedFirst ? 0 : 1};
    }

    /** {exit not 143, RUNNING/PENDING rows, orphans, internal errors} of one SIGTERM trial. */
    private static int[] termTrial(Path dir, String marker, double termAt, long seed) throws InterruptedException {
        var file = ChaosCampaign.write(dir, ChaosCampaign.text(marker, BUDGET, seed));
        var p = ChaosCli.start(dir.resolve("log-run"), List.of("run", file.toString()));
        boolean endedFirst = p.waitFor((long) (termAt * 1000), TimeUnit.MILLISECONDS);
        if (!endedFirst) {
            p.destroy();   // SIGTERM, as from kill or scancel
        }
        boolean ended = p.waitFor(30, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly().waitFor();
        }
        int exit = p.exitValue();
        int badExit = !ended || (endedFirst ? exit != 0 : exit != 143) ? 1 : 0;
        Thread.sleep(300);
        int orphans = ChaosCli.marked(marker).size();
        ChaosCli.endMarked(marker);
        var statuses = ChaosCli.statuses(ChaosCampaign.journal(file)).values();
        int open = (int) statuses.stream().filter(s -> s.equals("RUNNING") || s.equals("PENDING")).count();
        int errors = ChaosCli.internalError(ChaosCli.read(dir.resolve("log-run").resolve("stderr.txt"))) ? 1 : 0;
        System.out.printf(Locale.ROOT, "  %s: SIGTERM at %.2f s%s: exit %d%s, %d samples journaled, "
            + "%d RUNNING/PENDING, %d orphans, %d internal errors%n", dir.getFileName(), termAt,
            endedFirst ? " (the run had ended)" : "", exit, ended ? "" : " (did not end within 30 s)", statuses.size(),
            open, orphans, errors);
        return new int[] {badExit, open, orphans, errors};
    }

    /** How often the simulator ran in a sample folder (lines of its count file). */
    private static long runs(Path folder) {
        var count = folder.resolve("count.txt");
        try {
            return Files.exists(count) ? Files.readAllLines(count).size() : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
