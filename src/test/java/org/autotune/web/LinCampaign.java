package org.autotune.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.autotune.cli.CliAccess;

/**
 * A small real campaign for the dashboard tests (as in campaign.ScanTest): an awk program, run as
 * a real process, writes events x = a + b + e, y = a − b/2 + f; the mean-std metric compares them
 * with reference data at a = 1.5, b = 2. Run through the real command line in a child JVM.
 */
final class LinCampaign {
    private LinCampaign() {
    }

    /** Writes lin.awk, ref.csv and lin.yaml into {@code dir}; returns the campaign file. */
    static Path write(Path dir, int budget) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("lin.awk"), """
            BEGIN {
                print "x,y" > "events.csv"
                for (k = 0; k < n; k++)
                    printf "%.12g,%.12g\\n", a + b + (k % 10 - 4.5) / 3, a - 0.5 * b + ((7 * k) % 10 - 4.5) / 3 > "events.csv"
            }
            """);
        var ref = new StringBuilder("x,y\n");
        for (int k = 0; k < 200; k++) {
            ref.append(3.5 + (k % 10 - 4.5) / 3).append(',').append(0.5 + ((7 * k) % 10 - 4.5) / 3).append('\n');
        }
        Files.writeString(dir.resolve("ref.csv"), ref);
        var file = dir.resolve("lin.yaml");
        Files.writeString(file, """
            name: lin
            parameters:
              a: {kind: real, min: 0, max: 4, start: 1.2, step: 0.2}
              b: {kind: real, min: 0, max: 4, start: 2.4, step: 0.2, unit: mm}
            simulator:
              command: [awk, -v, "a={{a}}", -v, "b={{b}}", -v, "n={{events}}", -f, "{{campaign_dir}}/lin.awk"]
              outputs: [events.csv]
            metric: {type: mean-std, output: events.csv, reference: ref.csv, columns: [x, y]}
            optimizer: {type: coordinate-descent}
            executor: {type: local, slots: 2}
            events: 40
            budget: %d
            seed: 5
            """.formatted(budget));
        return file;
    }

    /** Runs {@code autotune ARGS} to its end and checks it succeeded. */
    static CliAccess.Result autotune(Path logDir, String... args) {
        var result = CliAccess.run(logDir, args);
        assertThat(result.exitCode()).as("autotune %s\n%s", String.join(" ", args), result.stderr()).isZero();
        return result;
    }

    /** GET of a dashboard address; the body. */
    static HttpResponse<String> get(URI uri) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
