package org.autotune.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

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

    static ChaosBench.Row run(ChaosBench.Settings settings) {
        int crashes = 0;
        int hangs = 0;
        int unrunnable = 0;
        int accepted = 0;
        var offending = new ArrayList<String>();
        var rng = new SplittableRandom(settings.seed() * 7919);
        for (int i = 0; i < settings.fuzzCases(); i++) {
            var dir = settings.work().resolve("fuzz").resolve("case-" + i);
            String marker = "chaos-fuzz-" + settings.seed() + "-" + i;
            var base = ChaosCampaign.text(marker, 2, 1 + i);
            var what = new ArrayList<String>();
            byte[] mutated = CampaignMutations.mutate(base, rng, what);
            var file = ChaosCampaign.write(dir, "");
            write(file, mutated);
            var v = ChaosCli.run(dir.resolve("log-validate"), VALIDATE_TIMEOUT, "validate", file.toString());
            String verdict;
            if (v.timedOut()) {
                hangs++;
                verdict = "HANG in validate";
            } else if (v.internalError() || v.exitCode() != 0 && !(v.exitCode() == 2 && oneLine(v))) {
                crashes++;
                verdict = "CRASH in validate: exit " + v.exitCode() + ", " + clip(v.lastErrorLine());
            } else if (v.exitCode() == 0) {
                accepted++;
                var r = ChaosCli.run(dir.resolve("log-run"), RUN_TIMEOUT, "run", file.toString(), "--budget", "2");
                ChaosCli.endMarked(marker);
                if (r.internalError() || r.timedOut()) {
                    unrunnable++;
                    verdict = "ACCEPTED BUT UNRUNNABLE: run " + (r.timedOut() ? "hung" : "exit " + r.exitCode()
                        + ", " + clip(firstInternal(r)));
                } else {
                    verdict = "accepted, run exit " + r.exitCode();
                }
            } else {
                verdict = "refused: " + clip(v.lastErrorLine());
            }
            boolean bad = verdict.startsWith("HANG") || verdict.startsWith("CRASH") || verdict.startsWith("ACCEPTED");
            if (bad) {
                offending.add(file + " (" + String.join("; ", what) + "): " + verdict);
            }
            if (bad || i < 12) {
                System.out.printf("  case %3d %-60s %s%n", i, clip(String.join("; ", what), 60), verdict);
            }
        }
        System.out.printf(Locale.ROOT, "  ... %d cases: %d accepted, %d refused with one line, %d crashes, %d hangs, "
            + "%d accepted but unrunnable%n", settings.fuzzCases(), accepted,
            settings.fuzzCases() - accepted - crashes - hangs, crashes, hangs, unrunnable);
        offending.forEach(o -> System.out.println("  offending: " + o));
        String measured = String.format(Locale.ROOT, "%d mutated files (%d accepted): %d crashes, %d hangs, "
            + "%d accepted-but-unrunnable", settings.fuzzCases(), accepted, crashes, hangs, unrunnable);
        return new ChaosBench.Row("fuzz", measured, crashes + hangs + unrunnable == 0);
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
