package org.autotune.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The chaos run as a repeatable benchmark: the real {@code autotune} command, in child JVMs,
 * against coordinator crashes and SIGTERM, misbehaving simulators, mutated campaign files,
 * damaged journals, a hostile dashboard client and hostile text in a report. All randomness comes
 * from {@code --seed}. Prints per-family details as it goes, then one summary table (markdown) in
 * which every count should be 0. Not a test: run it with {@code bench/chaos}.
 * <pre>
 * usage: bench/chaos [--quick] [--families crash,bad,fuzz,journal,dashboard,report] [--seed N]
 *                    [--trials N] [--fuzz M] [--work DIR]
 * </pre>
 */
public final class ChaosBench {
    static final List<String> FAMILIES = List.of("crash", "bad", "fuzz", "journal", "dashboard", "report");

    /** One family's outcome: its table row and whether every count in it is the target. */
    record Row(String family, String measured, boolean clean) {
    }

    /** The settings of one chaos run. */
    record Settings(long seed, int trials, int sigtermTrials, int fuzzCases, int idleSockets, Path work) {
    }

    private ChaosBench() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        Set<String> families = new LinkedHashSet<>(FAMILIES);
        long seed = 1;
        int trials = -1;
        int fuzz = -1;
        Path work = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--families" -> families = new LinkedHashSet<>(List.of(args[++i].split(",")));
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--trials" -> trials = Integer.parseInt(args[++i]);
                case "--fuzz" -> fuzz = Integer.parseInt(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                    + "; usage: bench/chaos [--quick] [--families " + String.join(",", FAMILIES)
                    + "] [--seed N] [--trials N] [--fuzz M] [--work DIR]");
            }
        }
        if (!FAMILIES.containsAll(families)) {
            throw new IllegalArgumentException("families are " + FAMILIES + ", got " + families);
        }
        var settings = new Settings(seed, trials > 0 ? trials : quick ? 3 : 10, quick ? 1 : 3,
            fuzz > 0 ? fuzz : quick ? 40 : 150, 300,
            work != null ? Files.createDirectories(work) : Files.createTempDirectory("autotune-chaos"));
        System.out.printf(Locale.ROOT, "chaos run: seed %d, %d crash trials, %d SIGTERM trials, %d fuzz cases, "
            + "work folder %s%n", settings.seed(), settings.trials(), settings.sigtermTrials(), settings.fuzzCases(),
            settings.work());
        var rows = new ArrayList<Row>();
        for (String family : families) {
            long t0 = System.nanoTime();
            System.out.printf("%n## %s%n", family);
            var row = switch (family) {
                case "crash" -> CrashFamily.run(settings);
                case "bad" -> BadSimulatorFamily.run(settings);
                case "fuzz" -> FuzzFamily.run(settings);
                case "journal" -> JournalFamily.run(settings);
                case "dashboard" -> DashboardFamily.run(settings);
                default -> ReportFamily.run(settings);
            };
            System.out.printf(Locale.ROOT, "(%s: %.0f s)%n", family, (System.nanoTime() - t0) / 1e9);
            rows.add(row);
        }
        System.out.println();
        System.out.println("| family | measured | verdict |");
        System.out.println("| --- | --- | --- |");
        for (var row : rows) {
            System.out.printf("| %s | %s | %s |%n", row.family(), row.measured(), row.clean() ? "ok" : "DEFECT");
        }
        System.exit(rows.stream().allMatch(Row::clean) ? 0 : 1);
    }
}
