package org.autotune.bench;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A campaign whose name, description, a choice value, a unit and a parameter description hold a
 * script; its {@code autotune report} must hold none of them unescaped (a string check; the browser
 * check is HostileTextTest).
 */
final class ReportFamily {
    static final String SCRIPT = "<script>document.title='XSS'</script>";

    private ReportFamily() {
    }

    static ChaosBench.Row run(ChaosBench.Settings settings) throws Exception {
        var dir = settings.work().resolve("report");
        String marker = "chaos-report-" + settings.seed();
        String s = "\"" + SCRIPT + "\"";
        var text = ChaosCampaign.text(marker, "[sh, \"{{campaign_dir}}/sim.sh\", " + marker + ", \"{{gain}}\", "
            + "\"{{noise}}\", \"{{seed}}\", \"{{events}}\", \"{{mode}}\"]", "20s", 8, settings.seed(), "")
            .replace("name: chaos", "name: " + s + "\ndescription: " + s)
            .replace("gain: {kind: real,", "gain: {unit: " + s + ", description: " + s + ", kind: real,")
            .replace("parameters:\n", "parameters:\n  mode: {kind: choice, choices: [" + s + ", plain], unit: " + s
                + ", description: " + s + "}\n");
        var file = ChaosCampaign.write(dir, text);
        var run = ChaosCli.run(dir.resolve("log-run"), Duration.ofMinutes(2), "run", file.toString());
        var out = dir.resolve("report.html");
        var report = ChaosCli.run(dir.resolve("log-report"), Duration.ofMinutes(2), "report", file.toString(),
            "--output", out.toString());
        ChaosCli.endMarked(marker);
        String html = Files.exists(out) ? Files.readString(out) : "";
        long unescaped = Pattern.compile(Pattern.quote("<script>document.title"), Pattern.CASE_INSENSITIVE)
            .matcher(html).results().count();
        long escaped = Pattern.compile(Pattern.quote("&lt;script&gt;document.title")).matcher(html).results().count();
        boolean errors = run.internalError() || report.internalError();
        System.out.printf(Locale.ROOT, "  run exit %d, report exit %d%s; report %d bytes: %d unescaped payloads, "
            + "%d shown escaped%n", run.exitCode(), report.exitCode(), errors ? ", INTERNAL ERROR" : "", html.length(),
            unescaped, escaped);
        boolean ok = run.exitCode() == 0 && report.exitCode() == 0 && !errors && !html.isEmpty() && unescaped == 0;
        String measured = String.format(Locale.ROOT, "%d unescaped script payloads (%d shown escaped)%s", unescaped,
            escaped, ok ? "" : "; run exit " + run.exitCode() + ", report exit " + report.exitCode());
        return new ChaosBench.Row("report", measured, ok);
    }
}
