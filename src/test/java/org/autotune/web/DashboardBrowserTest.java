package org.autotune.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (Debian's headless chromium through chromedriver): a real
 * campaign's row, best score and plots appear, and the open page follows the journal as a resumed
 * campaign adds samples, without a reload. Leaves a screenshot in target/dashboard.png.
 */
@Tag("slow")
class DashboardBrowserTest {
    @TempDir
    Path dir;

    @Test
    void the_page_shows_a_campaign_and_updates_live_as_samples_land() throws Exception {
        Chromium.assumeInstalled();
        var ws = dir.resolve("ws");
        var file = LinCampaign.write(ws.resolve("lin"), 6);
        LinCampaign.autotune(dir.resolve("log-run"), "run", file.toString());

        try (var dashboard = Dashboard.start(ws, Listen.loopback(0))) {
            var driver = Chromium.start(dir.resolve("chromium-profile"));
            try {
                var wait = new WebDriverWait(driver, Duration.ofSeconds(30));
                driver.get(dashboard.url().toString());
                var row = By.cssSelector("#campaigns tr[data-id='lin/lin.autotune']");
                wait.until(d -> !d.findElements(row).isEmpty());
                assertThat(driver.findElement(row).getText()).contains("lin").contains("6 / 6");
                String firstBest = driver.findElement(By.cssSelector("tr[data-id='lin/lin.autotune'] td.best")).getText();
                assertThat(firstBest).matches("[0-9.e+-]+");

                driver.findElement(By.linkText("lin")).click();
                wait.until(d -> d.findElement(By.id("done")).getText().equals("6"));
                wait.until(d -> !d.findElements(By.cssSelector("#score-chart canvas")).isEmpty());
                assertThat(driver.findElement(By.id("best-score")).getText()).isEqualTo(firstBest);
                assertThat(driver.findElements(By.cssSelector("#param-charts canvas"))).hasSize(2);
                assertThat(driver.findElement(By.id("best-point")).getText()).contains("a").contains("b").contains("mm");

                // more samples land while the page stays open: it must follow without a reload
                ((JavascriptExecutor) driver).executeScript("window.notReloaded = true;");
                var resume = CompletableFuture.runAsync(() -> LinCampaign.autotune(dir.resolve("log-resume"),
                    "resume", file.toString(), "--budget", "24"));
                new WebDriverWait(driver, Duration.ofSeconds(90))
                    .until(d -> Integer.parseInt(d.findElement(By.id("done")).getText()) > 6);
                resume.get();
                new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> {
                    var done = d.findElement(By.id("done")).getText();
                    return done.equals(d.findElement(By.id("budget")).getText()) || d.findElement(By.id("state"))
                        .getText().equals("converged");
                });
                assertThat(((JavascriptExecutor) driver).executeScript("return window.notReloaded === true;"))
                    .isEqualTo(true);
                assertThat(driver.findElement(By.id("budget")).getText()).isEqualTo("24");
                assertThat(driver.findElement(By.id("best-score")).getText()).isNotEqualTo(firstBest);
                int points = ((Number) ((JavascriptExecutor) driver)
                    .executeScript("return scorePlot.data[0].length;")).intValue();
                assertThat(points).isGreaterThan(6);

                Thread.sleep(500);   // let uPlot finish drawing before the picture
                File shot = driver.getScreenshotAs(OutputType.FILE);
                Files.createDirectories(Path.of("target"));
                Files.copy(shot.toPath(), Path.of("target", "dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
            } finally {
                driver.quit();
            }
        }
    }
}
