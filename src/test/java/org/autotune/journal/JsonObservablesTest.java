package org.autotune.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.autotune.score.Observable;
import org.junit.jupiter.api.Test;

/** Observables read back as written, by the streaming reader and, for what it leaves, the tree reader. */
class JsonObservablesTest {
    @Test
    void observables_read_back_exactly_as_written_including_non_finite_values() {
        var rng = new SplittableRandom(8);
        for (int trial = 0; trial < 200; trial++) {
            var written = new ArrayList<Observable>();
            for (int k = 0; k < rng.nextInt(0, 30); k++) {
                double scale = Math.pow(10, rng.nextInt(-8, 9));
                double sim = trial % 10 == 3 && k == 2 ? Double.NaN : rng.nextGaussian() * scale;
                written.add(new Observable("bin \"" + k + "\"\\é", sim, rng.nextDouble(), 1e300 * rng.nextDouble(),
                    trial % 10 == 7 ? Double.POSITIVE_INFINITY : rng.nextDouble()));
            }
            var read = Json.readObservables(Json.writeObservables(written));
            assertThat(read).hasSameSizeAs(written);
            for (int k = 0; k < read.size(); k++) {
                var a = read.get(k);
                var b = written.get(k);
                assertThat(a.name()).isEqualTo(b.name());
                assertThat(List.of(a.simulated(), a.simulatedError(), a.reference(), a.referenceError()))
                    .isEqualTo(List.of(b.simulated(), b.simulatedError(), b.reference(), b.referenceError()));
            }
        }
    }
}
