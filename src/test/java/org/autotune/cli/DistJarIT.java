package org.autotune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The self-contained jar as a user on a cluster meets it: copied away from the source tree and run
 * with {@code java -jar} from the campaign's folder. Runs in {@code mvn verify} (failsafe), after
 * {@code package} has built {@code target/autotune.jar}.
 */
class DistJarIT {
    private static Path jar;

    @TempDir
    Path dir;

    private record Out(int code, String out, String err) {
    }

    @BeforeAll
    static void find_the_jar() {
        jar = Path.of(System.getProperty("autotune.jar", "target/autotune.jar")).toAbsolutePath();
        assertThat(jar)
            .withFailMessage("%s is missing: run 'mvn verify', which builds it in the package phase first", jar)
            .isRegularFile();
    }

    @Test
    void version_option_prints_the_version_and_the_commit_it_was_built_from() throws Exception {
        var r = java(dir, "--version");

        assertThat(r.code()).isZero();
        var version = System.getProperty("autotune.version", "");
        assertThat(r.out().lines().findFirst().orElseThrow())
            .startsWith("autotune " + version + " (commit ")
            .matches("autotune \\S+ \\(commit ([0-9a-f]{7,}(-modified)?|unknown)\\)");
    }

    @Test
    void copied_jar_validates_and_runs_the_quickstart_from_the_campaign_folder() throws Exception {
        var copy = Files.copy(jar, dir.resolve("autotune-copy.jar"));
        var campaign = Files.createDirectory(dir.resolve("quickstart"));
        try (var files = Files.list(Path.of("examples/quickstart"))) {
            for (var file : files.toList()) {
                Files.copy(file, campaign.resolve(file.getFileName()));
            }
        }

        var validate = java(campaign, copy, "validate", "campaign.yaml");
        assertThat(validate.code()).as(validate.err()).isZero();
        assertThat(validate.out()).startsWith("campaign.yaml: valid campaign 'quickstart'");

        var run = java(campaign, copy, "run", "campaign.yaml", "--budget", "2");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("samples: 2 finished, 0 failed");
        assertThat(campaign.resolve("campaign.autotune/journal.sqlite")).isNotEmptyFile();
    }

    @Test
    void jar_carries_the_licence_the_notices_and_the_third_party_list() throws IOException {
        try (var zip = new ZipFile(jar.toFile())) {
            assertThat(text(zip, "META-INF/LICENSE")).contains("Apache License", "Version 2.0, January 2004");
            assertThat(text(zip, "META-INF/NOTICE").strip())
                .startsWith("Autotune\nCopyright the Autotune authors")
                .contains("Hipparchus", "Jackson");
            assertThat(text(zip, "META-INF/THIRD-PARTY.txt")).contains("org.xerial:sqlite-jdbc", "MIT License");
        }
    }

    @Test
    void jar_bundles_sqlite_for_linux_and_macos_only() throws IOException {
        try (var zip = new ZipFile(jar.toFile())) {
            var natives = zip.stream().map(e -> e.getName())
                .filter(n -> n.startsWith("org/sqlite/native/") && !n.endsWith("/")).toList();
            assertThat(natives).contains(
                "org/sqlite/native/Linux/x86_64/libsqlitejdbc.so",
                "org/sqlite/native/Linux/aarch64/libsqlitejdbc.so",
                "org/sqlite/native/Mac/aarch64/libsqlitejdbc.dylib");
            assertThat(natives).noneMatch(n -> n.contains("/Windows/") || n.contains("/FreeBSD/"));
        }
    }

    private static String text(ZipFile zip, String entry) throws IOException {
        var e = zip.getEntry(entry);
        assertThat(e).as(entry + " in the jar").isNotNull();
        try (var in = zip.getInputStream(e)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Out java(Path workDir, String... args) throws Exception {
        return java(workDir, jar, args);
    }

    private static Out java(Path workDir, Path jarFile, String... args) throws Exception {
        var command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Djava.awt.headless=true", "-jar", jarFile.toString()));
        command.addAll(List.of(args));
        var out = workDir.resolve("stdout.txt");
        var err = workDir.resolve("stderr.txt");
        var process = new ProcessBuilder(command).directory(workDir.toFile())
            .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("autotune finished within 2 minutes").isTrue();
        return new Out(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
