package org.autotune.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SplittableRandom;
import org.autotune.campaign.CampaignView;
import org.autotune.campaign.EmulatorExport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code export --emulators} after a real campaign and scan (real processes): the file, evaluated
 * only by the rules docs/iterating.md gives, predicts what the in-process emulators do, with the
 * same prediction errors; and since the simulator's means are exactly linear in the unit-cube
 * coordinates (events x = a + ln b + e_k, y = a − ln(b)/2 + f_k with b a log parameter, and fixed
 * noise patterns of mean zero over 40 events), the exported x.mean and y.mean emulators give
 * a + ln b and a − ln(b)/2 to rounding.
 */
class ExportEmulatorsTest {
    @TempDir
    Path dir;

    @Tag("slow")
    @Test
    void exported_emulators_predict_what_the_in_process_ones_do() throws Exception {
        Files.writeString(dir.resolve("lin.awk"), """
            BEGIN {
                print "x,y" > "events.csv"
                for (k = 0; k < n; k++)
                    printf "%.12g,%.12g\\n", a + log(b) + (k % 10 - 4.5) / 3, a - 0.5 * log(b) + ((7 * k) % 10 - 4.5) / 3 > "events.csv"
            }
            """);
        var ref = new StringBuilder("x,y\n");
        for (int k = 0; k < 1000; k++) {
            ref.append(2.2 + (k % 10 - 4.5) / 3).append(',').append(1.15 + ((7 * k) % 10 - 4.5) / 3).append('\n');
        }
        Files.writeString(dir.resolve("ref.csv"), ref);
        var file = dir.resolve("lin.yaml");
        Files.writeString(file, """
            parameters:
              a: {kind: real, min: 0, max: 4, start: 1.2, step: 0.2}
              b: {kind: log, min: 0.5, max: 4, start: 2.4, step: 1.2}
            simulator:
              command: [awk, -v, "a={{a}}", -v, "b={{b}}", -v, "n={{events}}", -f, "{{campaign_dir}}/lin.awk"]
              outputs: [events.csv]
            metric: {type: mean-std, output: events.csv, reference: ref.csv, columns: [x, y]}
            executor: {type: local, slots: 2}
            events: 40
            budget: 30
            """);
        assertThat(Cli.runIn(dir, "run", file.toString()).exitCode()).isZero();
        assertThat(Cli.runIn(dir, "scan", file.toString()).exitCode()).isZero();
        var out = dir.resolve("emulators.json");
        var export = Cli.runIn(dir, "export", file.toString(), "--emulators", out.toString());
        assertThat(export.exitCode()).as(export.stderr()).isZero();
        assertThat(export.stdout()).contains("written: " + out, "4 observables over a, b", "the region of scan 1");
        JsonNode json = JsonMapper.builder().build().readTree(out.toFile());
        assertThat(json.get("format").asString()).isEqualTo("autotune-emulators/1");
        EmulatorExport inProcess;
        try (var view = CampaignView.open(file, Optional.empty())) {
            inProcess = EmulatorExport.of(view);
        }
        var random = new SplittableRandom(3);
        var lower = json.get("trusted").get("lower");
        var upper = json.get("trusted").get("upper");
        for (int trial = 0; trial < 20; trial++) {
            double[] u = new double[2];
            double[] values = new double[2];
            for (int i = 0; i < 2; i++) {
                u[i] = lower.get(i).doubleValue() + random.nextDouble() * (upper.get(i).doubleValue()
                    - lower.get(i).doubleValue());
                values[i] = value(json.get("parameters").get(i), u[i]);
            }
            double[] predicted = inProcess.emulator().predict(u);
            double[] variance = inProcess.emulator().variance(u);
            for (int k = 0; k < predicted.length; k++) {
                var o = json.get("observables").get(k);
                double[] fromFile = evaluate(json, o, values);
                String where = o.get("name").asString() + " at a=" + values[0] + ", b=" + values[1];
                assertThat(fromFile[0]).as(where).isCloseTo(predicted[k], within(1e-9 * (1 + Math.abs(predicted[k]))));
                assertThat(json.get("variance_scale").doubleValue() * (o.get("fixed_variance").doubleValue() + fromFile[1]))
                    .as(where).isCloseTo(variance[k], within(1e-9 * variance[k]));
                // the simulator's means are exactly a + b and a - b/2: the emulator learnt them to rounding
                if (o.get("name").asString().equals("x.mean")) {
                    assertThat(fromFile[0]).as(where).isCloseTo(values[0] + Math.log(values[1]), within(1e-6));
                } else if (o.get("name").asString().equals("y.mean")) {
                    assertThat(fromFile[0]).as(where).isCloseTo(values[0] - 0.5 * Math.log(values[1]), within(1e-6));
                }
            }
        }
    }

    /** A parameter's value at unit coordinate u, as the format's "parameters" entry says. */
    private static double value(JsonNode p, double u) {
        double min = p.get("min").doubleValue();
        double max = p.get("max").doubleValue();
        return p.get("kind").asString().equals("log") ? min * Math.pow(max / min, u) : min + u * (max - min);
    }

    /** {prediction, prediction variance} of one observable at parameter values, by the documented rules only. */
    private static double[] evaluate(JsonNode json, JsonNode observable, double[] values) {
        int n = values.length;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            var p = json.get("parameters").get(i);
            double min = p.get("min").doubleValue();
            double max = p.get("max").doubleValue();
            double u = p.get("kind").asString().equals("log") ? Math.log(values[i] / min) / Math.log(max / min)
                : (values[i] - min) / (max - min);
            x[i] = (u - json.get("frame").get("center").get(i).doubleValue())
                / json.get("frame").get("scale").get(i).doubleValue();
        }
        var terms = json.get("terms");
        double[] phi = new double[terms.size()];
        for (int t = 0; t < phi.length; t++) {
            phi[t] = 1;
            for (int i = 0; i < n; i++) {
                phi[t] *= Math.pow(x[i], terms.get(t).get(i).intValue());
            }
        }
        double m = 0;
        for (int t = 0; t < phi.length; t++) {
            m += observable.get("coefficients").get(t).doubleValue() * phi[t];
        }
        double q = 0;
        var inverse = json.get("inverse_normal");
        for (int a = 0; a < phi.length; a++) {
            for (int b = 0; b < phi.length; b++) {
                q += phi[a] * inverse.get(a).get(b).doubleValue() * phi[b];
            }
        }
        return new double[] {m, observable.get("residual_variance").doubleValue() * q};
    }
}
