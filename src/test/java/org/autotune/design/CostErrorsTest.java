package org.autotune.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.autotune.InputError;
import org.autotune.YamlFile;
import org.autotune.space.Parameter;
import org.autotune.space.Point;
import org.autotune.space.Space;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cost expressions evaluate like arithmetic, and mistakes name the file, the key and the fix. */
class CostErrorsTest {
    private static final Space SPACE = new Space(List.of(Parameter.real("span1", 0, 4, 2),
        Parameter.real("span2", 0, 4, 3), Parameter.real("planes", 2, 4, 2)));
    private static final Point AT = new Point(SPACE.names(), new double[] {2, 3, 4});

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "2*span1*span2 + 0.5*planes; 14",
        "-span1^2; -4",
        "2^3^2; 512",
        "(span1 + span2) * 2 - 1e1; 0",
        "sqrt(planes) + max(span1, span2) + pow(2, 3) / 4; 7",
        "10 - 4 - 3; 3",
        "12 / 3 / 2; 2",
        "2 * pi; 6.283185307179586"})
    void expressions_evaluate_like_arithmetic(String text, double expected) {
        assertThat(CostExpression.parse(text, SPACE.names()).cost(AT)).isCloseTo(expected, within(1e-12));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "{expression: \"2*span1*spam\"}; cost.expression: at character 9 of '2*span1*spam': 'spam' is neither a parameter",
        "{expression: \"2*(span1\"}; cost.expression: at character 9 of '2*(span1': expected ')' but the expression ends",
        "{expression: \"foo(span1)\"}; cost.expression: at character 1 of 'foo(span1)': unknown function 'foo'",
        "{expression: \"span1 span2\"}; cost.expression: at character 7 of 'span1 span2': unexpected 's'",
        "{budget: 3}; cost.expression: the cost needs an expression or a class",
        "{expression: span1, steepness: 3}; cost.steepness: steepness needs a budget",
        "{expression: span1, budget: -1}; cost.budget: budget -1.0 must be a positive number",
        "{expression: span1, budget: 1, coefficient: often}; cost.coefficient: expected a number or auto",
        "{expression: span1, budget: 1, fixed-budget: planks}; cost.fixed-budget: 'planks' is not a parameter",
        "{expression: span1*span2, budget: 100, fixed-budget: span2}; cost.fixed-budget: no value of 'span2' in [0.0, 4.0]",
        "{expression: span1, class: my.Cost}; cost.class: both expression and class are given",
        "{class: no.such.Cost}; cost.class: class no.such.Cost not found",
        "{expression: span1, budgte: 1}; cost.budgte: unknown key 'budgte'"})
    void mistakes_name_the_key_and_the_fix(String yaml, String message) {
        var root = YamlFile.parse(Path.of("campaign.yaml"), "cost: " + yaml);
        assertThatThrownBy(() -> Costs.read(root.optionalSection("cost"), SPACE, Path.of(".")))
            .isInstanceOf(InputError.class)
            .satisfies(e -> {
                assertThat(e.getMessage()).startsWith("campaign.yaml:1: " + message);
                assertThat(((InputError) e).fix()).isNotBlank();
            });
    }
}
