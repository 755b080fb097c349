package org.autotune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The typed view of a campaign file section, parsed from real YAML text with its line numbers. */
class OptionsTest {
    private static final Path FILE = Path.of("campaign.yaml");

    private static Options yaml(String text) {
        return YamlFile.parse(FILE, text);
    }

    private static Options metric(String body) {
        return yaml("name: t\nmetric:\n" + body).section("metric");
    }

    @Test
    void typed_getters_read_values_and_fall_back_when_a_key_is_absent() {
        var m = metric("""
              type: chi2
              scale: 0.5
              quoted: "1e-3"
              bins: 40
              log: true
              columns: [e, t]
              one: e
            """);
        assertThat(m.string("type")).isEqualTo("chi2");
        assertThat(m.number("scale")).isEqualTo(0.5);
        assertThat(m.number("quoted")).isEqualTo(1e-3);
        assertThat(m.integer("bins", 10)).isEqualTo(40);
        assertThat(m.bool("log", false)).isTrue();
        assertThat(m.strings("columns")).containsExactly("e", "t");
        assertThat(m.strings("one")).containsExactly("e");
        assertThat(m.string("missing", "x")).isEqualTo("x");
        assertThat(m.number("missing", 2.5)).isEqualTo(2.5);
        assertThat(m.integer("missing", 3)).isEqualTo(3);
        assertThat(m.optionalString("missing")).isEmpty();
        assertThat(m.strings("missing")).isEmpty();
        assertThat(m.keys()).containsExactly("type", "scale", "quoted", "bins", "log", "columns", "one");
        assertThat(m.keyPath("bins")).isEqualTo("metric.bins");
    }

    @Test
    void a_value_of_the_wrong_type_names_the_file_line_key_and_fix() {
        var m = metric("  type: chi2\n  bins: ten\n  log: yes please\n  scale: [1, 2]\n");
        assertThatThrownBy(() -> m.integer("bins", 10)).isInstanceOf(InputError.class)
            .hasMessage("campaign.yaml:4: metric.bins: expected a whole number, got the text 'ten'; "
                + "fix: write a whole number such as 10");
        assertThatThrownBy(() -> m.bool("log", false))
            .hasMessageStartingWith("campaign.yaml:5: metric.log: expected true or false");
        assertThatThrownBy(() -> m.number("scale"))
            .hasMessageStartingWith("campaign.yaml:6: metric.scale: expected a number, got a list");
    }

    @Test
    void a_missing_required_key_says_where_to_add_it() {
        var m = metric("  type: chi2\n");
        assertThatThrownBy(() -> m.string("output")).isInstanceOf(InputError.class)
            .hasMessage("campaign.yaml:2: metric.output: missing (a text value is required here); "
                + "fix: add 'output:' under 'metric'");
        assertThatThrownBy(() -> yaml("name: t\n").section("metric"))
            .hasMessage("campaign.yaml: metric: missing (a mapping is required here); "
                + "fix: add 'metric:' under the top level");
    }

    @Test
    void a_whole_number_outside_its_range_names_the_range() {
        var m = metric("  slots: 0\n");
        assertThatThrownBy(() -> m.integer("slots", 1, 1, 64))
            .hasMessageContaining("metric.slots: 0 is outside the allowed range [1, 64]")
            .hasMessageEndingWith("fix: give a whole number from 1 to 64");
        assertThat(metric("  slots: 8\n").integer("slots", 1, 1, 64)).isEqualTo(8);
    }

    @Test
    void allow_only_rejects_an_unknown_key_and_suggests_the_nearest_one() {
        var m = metric("  type: chi2\n  colums: [e]\n");
        assertThatThrownBy(() -> m.allowOnly("type", "columns", "output"))
            .isInstanceOf(InputError.class)
            .hasMessage("campaign.yaml:4: metric.colums: unknown key 'colums'; fix: did you mean 'columns'?");
        var far = metric("  type: chi2\n  zzz: 1\n");
        assertThatThrownBy(() -> far.allowOnly("type", "columns"))
            .hasMessageEndingWith("fix: use one of type, columns");
        assertThat(metric("  type: chi2\n").allowOnly("type", "columns").string("type")).isEqualTo("chi2");
    }

    @Test
    void one_of_accepts_only_the_listed_words() {
        var m = metric("  seeds: fresch\n");
        assertThat(m.oneOf("absent", List.of("fixed", "fresh"), "fixed")).isEqualTo("fixed");
        assertThatThrownBy(() -> m.oneOf("seeds", List.of("fixed", "fresh"), "fixed"))
            .hasMessage("campaign.yaml:3: metric.seeds: 'fresch' is not one of fixed, fresh; "
                + "fix: did you mean 'fresh'?");
    }

    @Test
    void durations_take_a_unit_or_mean_seconds_and_must_be_positive() {
        var m = metric("""
              a: 90s
              b: 5m
              c: 2h
              d: 500ms
              e: 1.5
              f: 1d
              g: soon
              h: 0s
            """);
        var none = Duration.ZERO;
        assertThat(m.duration("a", none)).isEqualTo(Duration.ofSeconds(90));
        assertThat(m.duration("b", none)).isEqualTo(Duration.ofMinutes(5));
        assertThat(m.duration("c", none)).isEqualTo(Duration.ofHours(2));
        assertThat(m.duration("d", none)).isEqualTo(Duration.ofMillis(500));
        assertThat(m.duration("e", none)).isEqualTo(Duration.ofMillis(1500));
        assertThat(m.duration("f", none)).isEqualTo(Duration.ofDays(1));
        assertThat(m.duration("absent", Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
        assertThatThrownBy(() -> m.duration("g", none))
            .hasMessage("campaign.yaml:9: metric.g: 'soon' is not a duration; "
                + "fix: write a number with a unit, such as 90s, 5m or 2h");
        assertThatThrownBy(() -> m.duration("h", none)).hasMessageContaining("metric.h: duration must be positive");
    }

    @Test
    void nested_sections_keep_their_dotted_path_and_lines() {
        var good = yaml("name: t\nmetric:\n  parts:\n    - {type: chi2, weight: 2}\n    - {type: chi2, weight: x}\n");
        var parts = good.section("metric").sections("parts");
        assertThat(parts).extracting(Options::path).containsExactly("metric.parts.0", "metric.parts.1");
        assertThat(parts.get(0).number("weight")).isEqualTo(2);
        assertThatThrownBy(() -> parts.get(1).number("weight"))
            .hasMessageStartingWith("campaign.yaml:5: metric.parts.1.weight: expected a number");

        var bad = yaml("name: t\nmetric:\n  parts:\n    - {type: chi2}\n    - oops\n");
        assertThatThrownBy(() -> bad.section("metric").sections("parts"))
            .hasMessage("campaign.yaml:5: metric.parts.1: entry 2 is the text 'oops', not a mapping; "
                + "fix: write the entry as key: value lines");
        assertThatThrownBy(() -> bad.section("name")).hasMessageContaining("name: expected a mapping");
    }

    @Test
    void a_list_where_a_plain_value_belongs_is_an_error_not_a_text() {
        var m = metric("  columns: [[e, t]]\n  output: {file: a}\n");
        assertThatThrownBy(() -> m.strings("columns")).hasMessageContaining("metric.columns: entry 1 is a list");
        assertThatThrownBy(() -> m.string("output")).hasMessageContaining("metric.output: expected a plain value");
    }
}
