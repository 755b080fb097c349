package org.autotune.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/**
 * What {@code autotune --version} prints: the version and the git commit the jar was built from.
 * Both are recorded by the build in {@code build.properties} next to this class; a commit ending in
 * {@code -modified} means the checkout had uncommitted changes, and {@code unknown} that the jar was
 * not built from a git checkout.
 */
final class BuildVersion implements CommandLine.IVersionProvider {
    static final String RESOURCE = "build.properties";

    @Override
    public String[] getVersion() {
        var build = read();
        return new String[] {
            "autotune %s (commit %s)".formatted(
                build.getProperty("version", "unknown"), build.getProperty("commit", "unknown")),
            "Java %s, %s %s".formatted(
                System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.arch"))
        };
    }

    private static Properties read() {
        var build = new Properties();
        try (InputStream in = BuildVersion.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE + " from the jar", e);
        }
        return build;
    }
}
