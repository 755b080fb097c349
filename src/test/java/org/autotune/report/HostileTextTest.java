package org.autotune.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.autotune.cli.CliAccess;
import org.autotune.web.Chromium;
import org.autotune.web.Dashboard;
import org.autotune.web.Listen;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.w3c.dom.Element;

/**
 * A campaign whose every free-text string holds markup and a script: its name and description, a
 * parameter's unit and description, a choice value, the observable (column) name, the folder it
 * lives in (so every sample folder path) and the simulator's stderr, which fails the samples with
 * {@code a > 2}. Parameter names cannot hold markup (validation allows letters, digits and '_').
 * It runs for real (awk processes); then the report and the dashboard must show the text as
 * text: nothing unescaped in the file, and in chromium the title unchanged and no element added.
 */
class HostileTextTest {
    static final String SCRIPT = "<script>document.title='XSS'</script>";
    static final String IMG = "<img src=x onerror=\"document.title='XSS'\">";
    static final String HOSTILE = "a<b & \"c\" 'd' " + SCRIPT + IMG;

    @TempDir
    static Path dir;
    static Path workspace;
    static Path campaign;
    static Path plots;
    static String html;

    @BeforeAll
    static void run_the_campaign_and_write_its_report() throws Exception {
        // a folder name cannot hold '/', so it gets the image tag only
        workspace = dir.resolve("ws " + IMG + " & '");
        var folder = Files.createDirectories(workspace.resolve("c"));
        Files.writeString(folder.resolve("header.csv"), csv(HOSTILE) + "\n");
        Files.writeString(folder.resolve("sim.awk"), """
            BEGIN {
                if (a > 2) {
                    print msg > "/dev/stderr"
                    exit 3
                }
                getline header < (dir "/header.csv")
                print header > "events.csv"
                for (k = 0; k < n; k++)
                    printf "%.12g\\n", a + (k % 10 - 4.5) / 3 > "events.csv"
            }
            """);
        var ref = new StringBuilder(csv(HOSTILE)).append('\n');
        for (int k = 0; k < 100; k++) {
            ref.append(50 + (k % 10 - 4.5) / 3).append('\n');   // far from any sample: outside the envelope
        }
        Files.writeString(folder.resolve("ref.csv"), ref);
        String text = yaml(HOSTILE);
        campaign = folder.resolve("hostile.yaml");
        Files.writeString(campaign, """
            name: %1$s
            description: %1$s
            parameters:
              a: {kind: real, min: 0, max: 4, start: 1.2, step: 0.9, unit: %1$s, description: %1$s}
              mode: {kind: choice, choices: [%1$s, plain], unit: %1$s, description: %1$s}
            simulator:
              command: [awk, -v, "a={{a}}", -v, "n={{events}}", -v, "dir={{campaign_dir}}", -v, %2$s,
                        -f, "{{campaign_dir}}/sim.awk"]
              outputs: [events.csv]
            metric: {type: mean-std, output: events.csv, reference: ref.csv, columns: [%1$s]}
            executor: {type: local, slots: 2}
            events: 20
            budget: 12
            seed: 3
            """.formatted(text, yaml("msg=simulator says " + HOSTILE)));
        var run = CliAccess.run(dir.resolve("log-run"), "run", campaign.toString());
        assertThat(run.exitCode()).as(run.stderr()).isIn(0, 3);
        var out = dir.resolve("report.html");
        plots = dir.resolve("plots");
        var report = CliAccess.run(dir.resolve("log-report"), "report", campaign.toString(), "--output",
            out.toString(), "--plots", plots.toString());
        assertThat(report.exitCode()).as(report.stderr()).isZero();
        html = Files.readString(out);
    }

    @Test
    void the_report_file_holds_every_user_string_escaped_and_no_markup_of_its_own() {
        assertThat(html).doesNotContain(SCRIPT).doesNotContain(IMG).doesNotContain("<img src=x")
            .doesNotContainIgnoringCase("<script>document.title").doesNotContain("onerror=\"");
        // the text is there, as text: in the title, a failure's stderr, a unit, a folder, an observable
        assertThat(html).contains("<title>Autotune report: a&lt;b &amp; &quot;c&quot; &#39;d&#39; &lt;script&gt;");
        var title = Pattern.compile("document\\.title").matcher(html);
        int shown = 0;
        while (title.find()) {
            String before = html.substring(Math.max(0, title.start() - 14), title.start());
            assertThat(before).as("text before a payload at %d", title.start())
                .matches(".*(&lt;script&gt;|onerror=&quot;)");
            shown++;
        }
        assertThat(shown).as("payloads shown in the report").isGreaterThan(20);
        assertThat(html).contains("simulator says a&lt;b").contains("ws &lt;img src=x onerror=");
        // the page's own markup: one script (table sorting), images only as embedded PNG
        assertThat(Pattern.compile("<script").matcher(html).results().count()).isEqualTo(1);
        assertThat(Pattern.compile("<img\\b[^>]*>").matcher(html).results().map(m -> m.group()))
            .isNotEmpty().allMatch(tag -> tag.startsWith("<img alt=\"") && tag.contains(" src=\"data:image/png;"));
    }

    @Test
    void svg_figures_hold_user_strings_as_text_only() throws Exception {
        try (var files = Files.list(plots)) {
            var svgs = files.filter(f -> f.toString().endsWith(".svg")).toList();
            assertThat(svgs).isNotEmpty();
            var text = new StringBuilder();
            for (var svg : svgs) {
                var factory = DocumentBuilderFactory.newInstance();
                // the SVG names its DTD by URL: parse without fetching it
                factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
                var doc = factory.newDocumentBuilder().parse(svg.toFile());
                text.append(doc.getDocumentElement().getTextContent());
                var all = doc.getElementsByTagName("*");
                for (int i = 0; i < all.getLength(); i++) {
                    var e = (Element) all.item(i);
                    assertThat(e.getTagName()).as(svg.toString()).isNotIn("script", "img", "foreignObject");
                    for (int k = 0; k < e.getAttributes().getLength(); k++) {
                        assertThat(e.getAttributes().item(k).getNodeName()).as(svg.toString()).doesNotStartWith("on");
                    }
                }
            }
            // VectorGraphics2D draws text as glyph outlines: the units and observable names in axis and
            // panel titles are shapes, not characters a browser could parse
            assertThat(text.toString()).doesNotContain("document.title");
        }
    }

    @Test
    @Tag("slow")
    void in_chromium_the_report_keeps_its_title_gains_no_element_and_its_own_script_runs() throws Exception {
        var driver = Chromium.start(dir.resolve("profile-report"));
        try {
            driver.get(dir.resolve("report.html").toUri().toString());
            assertUntouched(driver, "Autotune report: " + HOSTILE, 1);
            assertThat(driver.findElement(By.cssSelector("#best")).getText()).contains(HOSTILE);
            assertThat(driver.findElement(By.cssSelector("#failures")).getText()).contains("simulator says " + HOSTILE);
            // the sorting script is allowed by the page's policy: a click on a header sorts the samples
            driver.findElement(By.cssSelector("#samples th")).click();
            assertThat(driver.findElement(By.cssSelector("#samples th")).getAttribute("data-order")).isEqualTo("up");
            assertThat(driver.manage().logs().get(LogType.BROWSER).getAll())
                .noneMatch(entry -> entry.getMessage().contains("Content Security Policy"));
        } finally {
            driver.quit();
        }
    }

    @Test
    @Tag("slow")
    void in_chromium_a_script_that_escaping_missed_is_blocked_by_the_page_policy() throws Exception {
        var tampered = dir.resolve("tampered.html");
        Files.writeString(tampered, html.replaceFirst("<body>", "<body>" + SCRIPT + IMG));
        var driver = Chromium.start(dir.resolve("profile-tampered"));
        try {
            driver.get(tampered.toUri().toString());
            new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(d -> "complete".equals(js(d, "return document.readyState;")));
            Thread.sleep(300);   // the broken image's error event fires after the load
            assertThat(driver.getTitle()).isEqualTo("Autotune report: " + HOSTILE);
        } finally {
            driver.quit();
        }
    }

    @Test
    @Tag("slow")
    void in_chromium_the_dashboard_shows_user_strings_as_text() throws Exception {
        Chromium.assumeInstalled();
        try (var dashboard = Dashboard.start(workspace, Listen.loopback(0))) {
            var driver = Chromium.start(dir.resolve("profile-dashboard"));
            try {
                var wait = new WebDriverWait(driver, Duration.ofSeconds(30));
                driver.get(dashboard.url().toString());
                wait.until(d -> !d.findElements(By.cssSelector("#campaigns tbody tr")).isEmpty());
                assertUntouched(driver, "Autotune dashboard", 1);
                assertThat(driver.findElement(By.cssSelector("#campaigns tbody tr")).getText()).contains(HOSTILE);

                driver.findElement(By.cssSelector("#campaigns tbody a")).click();
                wait.until(d -> d.findElement(By.id("name")).getText().equals(HOSTILE));
                wait.until(d -> !d.findElements(By.cssSelector("#best-point tbody tr")).isEmpty());
                assertUntouched(driver, "Autotune: " + HOSTILE, 2);
                assertThat(driver.findElement(By.id("best-point")).getText()).contains(HOSTILE);
                assertThat(driver.findElement(By.id("last-failure")).getText()).contains("ws " + IMG + " & '");
            } finally {
                driver.quit();
            }
        }
    }

    /** The page's title is ours, it has only its own scripts, and no element the text could have added. */
    private static void assertUntouched(ChromeDriver driver, String title, int scripts) throws Exception {
        new WebDriverWait(driver, Duration.ofSeconds(10))
            .until(d -> "complete".equals(js(d, "return document.readyState;")));
        Thread.sleep(300);   // a broken image's error event fires after the load
        assertThat(driver.getTitle()).isEqualTo(title);
        assertThat(driver.findElements(By.tagName("script"))).hasSize(scripts);
        assertThat(driver.findElements(By.cssSelector("[onerror], img[src='x'], img:not([src^='data:'])")))
            .isEmpty();
    }

    private static Object js(WebDriver driver, String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    /** A YAML single-quoted scalar. */
    private static String yaml(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** A CSV field, quoted. */
    private static String csv(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
