package org.autotune.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.autotune.InputError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Metrics read HDF5 reference data and outputs (files written by h5py, see src/test/resources/hdf5). */
class Hdf5MetricTest {
    @TempDir
    Path dir;

    private Path copy(String name, Path to) throws Exception {
        Files.createDirectories(to.getParent());
        return Files.copy(Path.of(getClass().getResource("/hdf5/" + name).toURI()), to, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void mean_std_scores_an_hdf5_output_against_an_hdf5_reference_as_it_scores_the_same_csv() throws Exception {
        copy("features-table.h5", dir.resolve("ref.h5"));
        copy("features-columns.h5", dir.resolve("s/out.h5"));
        var h5 = MetricFixture.metric(dir, "{type: mean-std, output: 'out.h5#/run1/features', reference: ref.h5,"
            + " columns: [energy, hits]}").score(MetricFixture.sample(dir.resolve("s")));
        // The same numbers written as CSV: both files hold rows i = 0..49.
        var ref = new StringBuilder("energy,hits\n");
        var out = new StringBuilder("energy,hits\n");
        for (int i = 0; i < 50; i++) {
            ref.append(0.5 * i).append(',').append(3 * i).append('\n');
            out.append(0.5 * i).append(',').append(3 * i).append('\n');
        }
        Files.writeString(dir.resolve("ref.csv"), ref);
        Files.writeString(dir.resolve("s/out.csv"), out);
        var csv = MetricFixture.metric(dir, "{type: mean-std, output: out.csv, reference: ref.csv, columns: [energy, hits]}")
            .score(MetricFixture.sample(dir.resolve("s")));
        assertThat(h5.value()).isEqualTo(csv.value()).isZero();
        assertThat(h5.components()).isEqualTo(csv.components());
    }

    @Test
    void a_wrong_dataset_path_in_the_reference_is_bad_input_naming_the_key() throws Exception {
        copy("features-columns.h5", dir.resolve("ref.h5"));
        assertThatThrownBy(() -> MetricFixture.metric(dir,
            "{type: mean-std, output: out.csv, reference: 'ref.h5#/run1/featurs', columns: [energy]}"))
            .isInstanceOf(InputError.class).hasMessageContaining("reference").hasMessageContaining("no such group or dataset")
            .hasMessageContaining("/run1/features/energy");
    }

    @Test
    void a_sample_output_that_is_not_hdf5_fails_the_sample() throws Exception {
        copy("features-table.h5", dir.resolve("ref.h5"));
        Files.createDirectories(dir.resolve("s"));
        Files.writeString(dir.resolve("s/out.h5"), "not hdf5");
        var metric = MetricFixture.metric(dir, "{type: mean-std, output: out.h5, reference: ref.h5, columns: [energy]}");
        assertThatThrownBy(() -> metric.score(MetricFixture.sample(dir.resolve("s"))))
            .isInstanceOf(MetricException.class).hasMessageContaining("cannot read as HDF5");
    }
}
