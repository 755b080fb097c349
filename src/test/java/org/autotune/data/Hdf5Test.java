package org.autotune.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads HDF5 files written by the reference HDF5 library through h5py ({@code src/test/resources/hdf5/
 * make-files.py}); the values follow the formulas in that script: energy = 0.5 i, amplitude = 0.25 i
 * (float32), rise = 1e-6 (i + 1), hits = 3 i for i = 0..49; trace k = (k + 1) exp(-t/8) for t >= 16.
 */
class Hdf5Test {
    @TempDir
    Path dir;

    static Path file(String name) {
        try {
            return Path.of(Hdf5Test.class.getResource("/hdf5/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path at(String name, String node) {
        return Path.of(file(name) + "#" + node);
    }

    private static void assertFormulas(Table t) {
        assertThat(t.rows()).isEqualTo(50);
        for (int i = 0; i < 50; i++) {
            assertThat(t.column("energy")[i]).isEqualTo(0.5 * i);
            assertThat(t.column("amplitude")[i]).isEqualTo(0.25 * i);
            assertThat(t.column("rise")[i]).isEqualTo(1e-6 * (i + 1));
            assertThat(t.column("hits")[i]).isEqualTo(3.0 * i);
        }
    }

    @Test
    void a_compound_dataset_is_read_as_a_table_with_or_without_its_path() {
        var named = Table.read(at("features-table.h5", "/events"), List.of());
        assertThat(named.columns()).containsExactly("energy", "amplitude", "rise", "hits");
        assertFormulas(named);
        assertFormulas(Table.read(file("features-table.h5"), List.of("energy", "amplitude", "rise", "hits")));
    }

    @Test
    void a_group_of_one_dimensional_datasets_is_a_table_of_its_numeric_columns() {
        var t = Table.read(at("features-columns.h5", "run1/features"), List.of("energy", "amplitude", "rise", "hits"));
        assertFormulas(t);
        assertThat(Table.read(at("features-columns.h5", "/run1/features"), List.of()).columns())
            .containsExactlyInAnyOrder("energy", "amplitude", "rise", "hits");
    }

    @Test
    void one_dimensional_datasets_at_the_root_are_the_default_table() {
        var t = Table.read(file("root-columns.h5"), List.of("energy", "hits"));
        assertThat(t.column("energy")).hasSize(50);
        assertThat(t.column("hits")[49]).isEqualTo(147.0);
    }

    @Test
    void columns_of_different_lengths_are_refused_with_their_names() {
        assertThatThrownBy(() -> Table.read(file("root-columns.h5"), List.of("energy", "short")))
            .isInstanceOf(DataException.class).hasMessageContaining("column 'short' has 10 rows")
            .hasMessageContaining("equal lengths");
    }

    @Test
    void a_missing_column_names_the_dataset_and_suggests_the_closest() {
        assertThatThrownBy(() -> Table.read(at("features-table.h5", "/events"), List.of("energie")))
            .isInstanceOf(DataException.class).hasMessageContaining("features-table.h5#/events: no column 'energie'")
            .hasMessageContaining("did you mean 'energy'");
    }

    @Test
    void a_missing_path_lists_what_the_file_holds() {
        assertThatThrownBy(() -> Table.read(at("features-columns.h5", "/run2/features"), List.of()))
            .isInstanceOf(DataException.class).hasMessageContaining("no such group or dataset")
            .hasMessageContaining("/run1/features/energy").hasMessageContaining("/run1/traces");
    }

    @Test
    void a_file_without_a_root_table_asks_for_a_path() {
        assertThatThrownBy(() -> Table.read(file("traces-only.h5"), List.of()))
            .isInstanceOf(DataException.class).hasMessageContaining("no table at the root")
            .hasMessageContaining("traces-only.h5#/path").hasMessageContaining("/pulses");
    }

    @Test
    void a_text_dataset_is_not_a_column() {
        assertThatThrownBy(() -> Table.read(at("features-columns.h5", "/run1/labels"), List.of()))
            .isInstanceOf(DataException.class).hasMessageContaining("/run1/labels").hasMessageContaining("not numbers");
    }

    @Test
    void traces_are_the_rows_of_a_two_dimensional_dataset() {
        var traces = Traces.read(at("features-columns.h5", "/run1/traces"));
        assertThat(traces).hasSize(5);
        for (int k = 0; k < 5; k++) {
            assertThat(traces.get(k)).hasSize(64);
            assertThat(traces.get(k)[15]).isZero();
            assertThat(traces.get(k)[20]).isCloseTo((k + 1) * Math.exp(-20 / 8.0), org.assertj.core.api.Assertions.within(1e-6));
        }
        // traces-only.h5 holds the float32 traces widened to float64
        assertThat(Traces.read(file("traces-only.h5")).get(2)[16]).isEqualTo((double) (float) (3.0 * Math.exp(-2.0)));
    }

    @Test
    void two_candidate_trace_datasets_must_be_named() {
        assertThatThrownBy(() -> Traces.read(file("features-columns.h5")))
            .isInstanceOf(DataException.class).hasMessageContaining("2 2-D datasets")
            .hasMessageContaining("/run1/noise").hasMessageContaining("features-columns.h5#/path/to/dataset");
        assertThatThrownBy(() -> Traces.read(at("features-columns.h5", "/run1/features/energy")))
            .isInstanceOf(DataException.class).hasMessageContaining("not a 2-D numeric dataset");
    }

    @Test
    void a_file_that_is_not_hdf5_or_missing_is_named_in_the_error() throws Exception {
        Path fake = dir.resolve("out.h5");
        Files.writeString(fake, "energy\n1\n");
        assertThatThrownBy(() -> Table.read(fake, List.of())).isInstanceOf(DataException.class)
            .hasMessageContaining(fake + ": cannot read as HDF5");
        assertThatThrownBy(() -> Table.read(dir.resolve("none.h5#/x"), List.of())).isInstanceOf(DataException.class)
            .hasMessageContaining(dir.resolve("none.h5") + ": file not found");
    }
}
