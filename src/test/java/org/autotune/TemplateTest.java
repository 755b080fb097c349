package org.autotune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {

    @Test
    void every_placeholder_is_replaced_with_its_value_spaces_inside_the_braces_allowed() {
        var text = "/gun/energy {{energy}} MeV\n/det/gap {{ gap.mm }}\n/run/beamOn {{events}}\n";
        var rendered = Template.render(text, Map.of("energy", "2.5", "gap.mm", "0.071", "events", "1000"));
        assertThat(rendered).isEqualTo("/gun/energy 2.5 MeV\n/det/gap 0.071\n/run/beamOn 1000\n");
    }

    @Test
    void a_placeholder_used_twice_gets_the_same_value_twice() {
        assertThat(Template.render("{{x}}-{{ x }}", Map.of("x", "7"))).isEqualTo("7-7");
    }

    @Test
    void a_placeholder_without_a_value_is_an_error_naming_it_and_the_known_names() {
        var values = new LinkedHashMap<String, String>();
        values.put("energy", "2.5");
        values.put("seed", "42");
        assertThatThrownBy(() -> Template.render("E={{energy}} gap={{ gap }}", values))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("unknown placeholder {{gap}}; known: energy, seed");
    }

    @Test
    void values_are_inserted_literally_even_with_dollars_backslashes_and_braces() {
        var rendered = Template.render("a={{a}} b={{b}} c={{c}}",
            Map.of("a", "$1", "b", "C:\\runs\\n", "c", "{{a}}"));
        // $ and \ are not regex group references, and a value is not rendered a second time
        assertThat(rendered).isEqualTo("a=$1 b=C:\\runs\\n c={{a}}");
    }

    @Test
    void text_without_placeholders_is_returned_unchanged() {
        var text = "single {braces} and ${shell} stay as they are";
        assertThat(Template.render(text, Map.of())).isEqualTo(text);
        assertThat(Template.placeholders(text)).isEmpty();
    }

    @Test
    void placeholders_are_listed_once_each_in_order_of_first_use() {
        assertThat(Template.placeholders("{{ b }} {{a}} {{b}} {{seed}} {{run-id}}"))
            .containsExactly("b", "a", "seed", "run-id");
    }
}
