package org.autotune.web;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless chromium through chromedriver, for the browser tests of the dashboard and the
 * report. Both are named explicitly so that Selenium Manager never tries to download a browser or
 * driver (no network here); a test that needs them is skipped, saying how to install them, when
 * they are absent.
 */
public final class Chromium {
    private Chromium() {
    }

    /** Skips the calling test, saying how to install them, when chromium or chromedriver is absent. */
    public static void assumeInstalled() {
        Assumptions.assumeTrue(onPath("chromium").isPresent() && onPath("chromedriver").isPresent(),
            "no chromium/chromedriver on PATH: install them with 'apt-get install -y chromium chromium-driver'");
    }

    /** A headless browser whose profile lives in {@code profile}; skips the calling test without chromium. */
    public static ChromeDriver start(Path profile) throws Exception {
        assumeInstalled();
        var chromium = onPath("chromium");
        var chromedriver = onPath("chromedriver");
        var options = new ChromeOptions();
        options.setBinary(chromium.get().toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
            "--user-data-dir=" + Files.createDirectories(profile), "--window-size=1100,1250");
        // the console, so that a test can see what the Content-Security-Policy blocked
        var logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        var service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.get().toFile())
            .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static Optional<Path> onPath(String program) {
        for (var folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            var candidate = Path.of(folder, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
