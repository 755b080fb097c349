package org.autotune.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Mutated campaign files through {@code validate} (30 s each): accepted files must then run
 * ({@code run --budget 2}) without an internal error; refused ones must exit 2 with one line on
 * stderr. Anything else is a crash (stack trace, "internal error", another exit code) or a hang.
 * Each case stays in its folder under the work folder, to be run again by hand.
 */
final class FuzzFamily {
    private static final Duration VALIDATE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);

    private FuzzFamily() {
    }

    /** How a case ended: fine, or one of the defects counted. */
    enum Kind { REFUSED, ACCEPTED, CRASH, HANG, UNRUNNABLE }

    private record Case(int index, Path file, String marker, List<String> what) {
    }

    private record Verdict(Kind kind, String text) {
    }

    static ChaosBench.Row run(ChaosBench.Settings settings) throws Exception {
        var rng = new SplittableRandom(settings.seed() * 7919);
        var cases = new ArrayList<Case>();
        for (int i = 0; i < settings.fuzzCases(); i++) {   // drawn in order, so the cases depend on the seed only
            var dir = settings.work().resolve("fuzz").resolve("case-" + i);
            String marker = "chaos-fuzz-" + settings.seed() + "-" + i;
            var what = new ArrayList<String>();
            byte[] mutated = CampaignMutations.mutate(ChaosCampaign.text(marker, 2, 1 + i), rng, what);
            var file = ChaosCampaign.write(dir, "");
            write(file, mutated);
            cases.add(new Case(i, file, marker, what));
        }
        // two at a time: most of a case is a JVM starting, and the verdicts do not depend on the order
        var pool = Executors.newFixedThreadPool(2);
        var verdicts = new ArrayList<Future<Verdict>>();
        for (var c : cases) {
            verdicts.add(pool.submit(() -> check(c)));
        }
        var counts = new EnumMap<Kind, Integer>(Kind.class);
        var offending = new ArrayList<String>();
        for (var c : cases) {
            var v = verdicts.get(c.index()).get();
            counts.merge(v.kind(), 1, Integer::sum);
            boolean bad = v.kind() != Kind.REFUSED && v.kind() != Kind.ACCEPTED;
            if (bad) {
                offending.add(c.file() + " (" + String.join("; ", c.what()) + "): " + v.text());
            }
            if (bad || c.index() < 12) {
                System.out.printf("  case %3d %-60s %s%n", c.index(), clip(String.join("; ", c.what()), 60), v.text());
            }
        }
        pool.shutdown();
        int crashes = counts.getOrDefault(Kind.CRASH, 0);
        int hangs = counts.getOrDefault(Kind.HANG, 0);
        int unrunnable = counts.getOrDefault(Kind.UNRUNNABLE, 0);
        int accepted = counts.getOrDefault(Kind.ACCEPTED, 0) + unrunnable;
        System.out.printf(Locale.ROOT, "  ... %d cases: %d accepted, %d refused with one line, %d crashes, %d hangs, "
            + "%d accepted but unrunnable%n", settings.fuzzCases(), accepted, counts.getOrDefault(Kind.REFUSED, 0),
            crashes, hangs, unrunnable);
        offending.forEach(o -> System.out.println("  offending: " + o));
        String measured = String.format(Locale.ROOT, "%d mutated files (%d accepted): %d crashes, %d hangs, "
            + "%d accepted-but-unrunnable", settings.fuzzCases(), accepted, crashes, hangs, unrunnable);
        return new ChaosBench.Row("fuzz", measured, crashes + hangs + unrunnable == 0);
    }

    /** validate, then for an accepted file {@code run --budget 2}. */
    private static Verdict check(Case c) {
        var dir = c.file().getParent();
        var v = ChaosCli.run(dir.resolve("log-validate"), VALIDATE_TIMEOUT, "validate", c.file().toString());
        if (v.timedOut()) {
            return new Verdict(Kind.HANG, "HANG in validate");
        }
        if (v.internalError() || v.exitCode() != 0 && !(v.exitCode() == 2 && oneLine(v))) {
            return new Verdict(Kind.CRASH, "CRASH in validate: exit " + v.exitCode() + ", " + clip(v.lastErrorLine()));
        }
        if (v.exitCode() != 0) {
            return new Verdict(Kind.REFUSED, "refused: " + clip(v.lastErrorLine()));
        }
        var r = ChaosCli.run(dir.resolve("log-run"), RUN_TIMEOUT, "run", c.file().toString(), "--budget", "2");
        ChaosCli.endMarked(c.marker());
        if (r.internalError() || r.timedOut()) {
            return new Verdict(Kind.UNRUNNABLE, "ACCEPTED BUT UNRUNNABLE: run " + (r.timedOut() ? "hung"
                : "exit " + r.exitCode() + ", " + clip(firstInternal(r))));
        }
        return new Verdict(Kind.ACCEPTED, "accepted, run exit " + r.exitCode() + (r.exitCode() == 0 ? ""
            : ": " + clip(r.lastErrorLine())));
    }

    /** Exactly one line on stderr besides log lines. */
    private static boolean oneLine(ChaosCli.Result r) {
        return r.stderr().strip().lines().filter(l -> !l.matches("\\d\\d:\\d\\d:\\d\\d (INFO|WARN) .*")).count() == 1;
    }

    private static String firstInternal(ChaosCli.Result r) {
        return (r.stdout() + r.stderr()).lines().filter(ChaosCli::internalError).findFirst().orElse("");
    }

    private static String clip(String s) {
        return clip(s, 140);
    }

    private static String clip(String s, int n) {
        var flat = s.replaceAll("\\p{Cntrl}", "?");
        return flat.length() > n ? flat.substring(0, n) + "..." : flat;
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (var p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static List<String> lines(String text) {
        return new ArrayList<>(text.lines().toList());
    }
}
