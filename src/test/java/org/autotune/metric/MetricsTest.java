package org.autotune.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import org.autotune.InputError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mistakes in the metric section and in reference data are reported before anything runs. */
class MetricsTest {
    @TempDir
    Path dir;

    private String error(String yaml) {
        var e = catchThrowableOfType(InputError.class, () -> MetricFixture.metric(dir, yaml));
        assertThat(e).isNotNull();
        return e.getMessage().replace(dir.toString(), "DIR");
    }

    @Test
    void an_unknown_metric_type_suggests_the_closest() {
        assertThat(error("type: mean_std")).isEqualTo(
            "DIR/campaign.yaml:1: type: 'mean_std' is not one of mean-std, chi2-histogram, optimal-filter, command, "
                + "python, java, likelihood, expected-uncertainty; fix: did you mean 'mean-std'?");
    }

    @Test
    void a_missing_reference_file_names_the_key() {
        assertThat(error("{type: mean-std, output: o.csv, reference: nope.csv, columns: [e]}"))
            .isEqualTo("DIR/campaign.yaml:1: reference: DIR/nope.csv: file not found; "
                + "fix: check the path; it is relative to the campaign file's folder");
    }

    @Test
    void a_column_missing_from_the_reference_lists_the_columns_it_has() throws Exception {
        Files.writeString(dir.resolve("ref.csv"), "energy,rise_time\n1,2\n3,4\n");
        assertThat(error("{type: mean-std, output: o.csv, reference: ref.csv, columns: [rise]}"))
            .isEqualTo("DIR/campaign.yaml:1: reference: DIR/ref.csv: no column 'rise' (did you mean 'rise_time'?); "
                + "its columns are energy, rise_time; fix: name a column the file has, or add the column to the file");
    }

    @Test
    void a_cell_that_is_no_number_names_row_and_column() throws Exception {
        Files.writeString(dir.resolve("ref.csv"), "energy\n1\n2\nabc\n");
        assertThat(error("{type: mean-std, output: o.csv, reference: ref.csv, columns: [energy]}"))
            .contains("DIR/ref.csv: row 4, column energy: 'abc' is not a number");
    }

    @Test
    void an_unknown_key_in_the_metric_section_suggests_the_closest() throws Exception {
        Files.writeString(dir.resolve("ref.csv"), "e\n1\n2\n");
        assertThat(error("{type: mean-std, output: o.csv, reference: ref.csv, colums: [e]}"))
            .isEqualTo("DIR/campaign.yaml:1: colums: unknown key 'colums'; fix: did you mean 'columns'?");
    }

    @Test
    void a_sample_without_its_output_file_fails_with_the_path() throws Exception {
        Files.writeString(dir.resolve("ref.csv"), "e\n1\n2\n");
        var m = MetricFixture.metric(dir, "{type: mean-std, output: o.csv, reference: ref.csv, columns: [e]}");
        var e = catchThrowableOfType(MetricException.class, () -> m.score(MetricFixture.sample(dir.resolve("s"))));
        assertThat(e.getMessage()).isEqualTo(dir.resolve("s/o.csv") + ": file not found");
    }
}
