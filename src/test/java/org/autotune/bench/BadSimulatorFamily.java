package org.autotune.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Misbehaving simulators, each as a small campaign (budget 3, timeout 3 s): counts simulator
 * processes left running after the campaign, internal errors, and runs that did not end with a
 * one-line reason ({@code state: why}) on stdout.
 */
final class BadSimulatorFamily {
    private static final String GOOD_OUTPUT = "printf 'amplitude\\n1.2\\n1.3\\n1.1\\n' > events.csv\n";
    private static final String METRIC = "metric: {type: command, command: [sh, \"{{campaign_dir}}/metric.sh\"]}";
    private static final Pattern REASON = Pattern.compile("^[a-z][a-z-]*: .+");

    /** A simulator body (sh, run in the sample folder) and what its campaign adds. */
    private record Case(String script, String extra, String metricScript) {
    }

    private BadSimulatorFamily() {
    }

    static Map<String, Case> cases() {
        var cases = new LinkedHashMap<String, Case>();
        cases.put("exits 3", new Case("echo 'boom: simulated crash' >&2\nexit 3\n", "", ""));
        cases.put("hangs past its timeout", new Case("sleep 60\n", "", ""));
        cases.put("leaves ( sleep 30; echo late > late.txt ) &",
            new Case("( sleep 30; echo late > late.txt ) &\n" + GOOD_OUTPUT, "", ""));
        cases.put("leaves setsid sleep 30 &", new Case("setsid sleep 30 &\n" + GOOD_OUTPUT, "", ""));
        cases.put("prints 5 MB to stdout", new Case("head -c 5000000 /dev/zero | tr '\\000' x\necho\n" + GOOD_OUTPUT,
            "", ""));
        cases.put("writes binary garbage as its output", new Case("head -c 20000 /dev/urandom > events.csv\n", "",
            ""));
        cases.put("writes no output file", new Case("exit 0\n", "", ""));
        cases.put("command metric prints inf", new Case(GOOD_OUTPUT, METRIC, "echo inf\n"));
        cases.put("command metric prints nan", new Case(GOOD_OUTPUT, METRIC, "echo nan\n"));
        return cases;
    }

    static ChaosBench.Row run(ChaosBench.Settings settings) {
        int leftovers = 0;
        int errors = 0;
        int noReason = 0;
        int n = 0;
        for (var c : cases().entrySet()) {
            var dir = settings.work().resolve("bad").resolve("case-" + n);
            String marker = "chaos-bad-" + settings.seed() + "-" + n++;
            var file = ChaosCampaign.write(dir, ChaosCampaign.text(marker, "[sh, \"{{campaign_dir}}/bad.sh\", " + marker
                + "]", "3s", 3, settings.seed(), c.getValue().extra()));
            write(dir.resolve("bad.sh"), "#!/bin/sh\n" + c.getValue().script());
            write(dir.resolve("metric.sh"), "#!/bin/sh\n" + c.getValue().metricScript());
            var r = ChaosCli.run(dir.resolve("log-run"), Duration.ofMinutes(2), "run", file.toString());
            sleep();
            var left = ChaosCli.marked(marker);
            ChaosCli.endMarked(marker);
            var reason = reason(r);
            leftovers += left.size();
            errors += r.internalError() ? 1 : 0;
            noReason += reason.isEmpty() ? 1 : 0;
            System.out.printf(Locale.ROOT, "  %-45s exit %d%s, %d leftover processes%s, %s%n", c.getKey(),
                r.exitCode(), r.timedOut() ? " (timed out)" : "", left.size(),
                r.internalError() ? ", INTERNAL ERROR" : "", reason.map(s -> "'" + clip(s) + "'")
                    .orElse("NO ONE-LINE REASON"));
        }
        String measured = String.format(Locale.ROOT, "%d simulators: %d leftover processes, %d internal errors, "
            + "%d runs without a one-line reason", n, leftovers, errors, noReason);
        return new ChaosBench.Row("bad simulators", measured, leftovers + errors + noReason == 0);
    }

    /** The run's one-line reason: the line after the campaign line on stdout, else the one-line error. */
    static Optional<String> reason(ChaosCli.Result r) {
        var lines = r.stdout().lines().toList();
        if (lines.size() > 1 && lines.get(0).startsWith("campaign ") && REASON.matcher(lines.get(1)).matches()) {
            return Optional.of(lines.get(1));
        }
        String last = r.lastErrorLine();
        return r.exitCode() == 2 && !last.isEmpty() && !r.internalError() ? Optional.of(last) : Optional.empty();
    }

    private static String clip(String s) {
        return s.length() > 110 ? s.substring(0, 110) + "..." : s;
    }

    private static void sleep() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
