package org.autotune.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.autotune.InputError;
import org.autotune.space.Parameter;
import org.autotune.space.ParameterKind;
import org.autotune.space.Space;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Nelder-Mead and BOBYQA (Hipparchus, through the ask/tell adapter). */
class PullOptimizersTest {
    @ParameterizedTest
    @ValueSource(strings = {"type: nelder-mead\ntolerance: 1e-12", "type: bobyqa\ntolerance: 1e-7"})
    void find_the_minimum_of_a_correlated_quadratic(String yaml) {
        var space = CmaEsTest.box(4, -5, 5, 4);
        var opt = CmaEsTest.create(yaml, space, 1, 4);
        var asked = CoordinateDescentTest.drive(opt, 4, 50_000, CmaEsTest::quadratic);
        assertThat(opt.done()).isTrue();
        assertThat(asked.size()).isLessThan(50_000);
        var est = opt.estimate().orElseThrow();
        CmaEsTest.assertAtQuadraticMinimum(est, 1e-3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"type: nelder-mead\ntolerance: 1e-14", "type: bobyqa\ntolerance: 1e-8"})
    void find_the_minimum_of_rosenbrock(String yaml) {
        var space = CmaEsTest.box(3, -2, 2, -1);
        var rosenbrock = CmaEsTest.rosenbrock(3);
        var opt = CmaEsTest.create(yaml, space, 2, 1);
        CoordinateDescentTest.drive(opt, 1, 50_000, rosenbrock);
        var est = opt.estimate().orElseThrow();
        for (int i = 0; i < 3; i++) {
            assertThat(est.get("x" + i)).isCloseTo(1, within(1e-2));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"type: nelder-mead", "type: bobyqa"})
    void the_same_scores_give_the_same_proposals(String yaml) {
        var space = CmaEsTest.box(3, -5, 5, 4);
        var rng = new SplittableRandom(4);
        var first = CoordinateDescentTest.drive(CmaEsTest.create(yaml, space, 1, 2), 2, 300,
            p -> CmaEsTest.quadratic3(p) + 0.1 * rng.nextGaussian());
        var rng2 = new SplittableRandom(4);
        var again = CoordinateDescentTest.drive(CmaEsTest.create(yaml, space, 1, 2), 2, 300,
            p -> CmaEsTest.quadratic3(p) + 0.1 * rng2.nextGaussian());
        assertThat(again).isEqualTo(first).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"nelder-mead", "bobyqa"})
    void integer_parameters_are_refused(String type) {
        var space = new Space(List.of(Parameter.real("a", 0, 1, 0.5),
            new Parameter("n", ParameterKind.INTEGER, 1, 5, 2, 1, "", "", List.of())));
        assertThatThrownBy(() -> CmaEsTest.create("type: " + type, space, 1, 2)).isInstanceOf(InputError.class)
            .hasMessageContaining(type + " needs real or log parameters, but 'n' is integer");
    }

    /**
     * Noisy scores (seeds: fresh): both trust single scores, so they would stop on noise and report
     * the luckiest draw; a campaign gets a clear refusal instead, unless it says the noise is negligible.
     */
    @ParameterizedTest
    @ValueSource(strings = {"nelder-mead", "bobyqa"})
    void noisy_scores_are_refused_unless_the_campaign_says_the_noise_is_negligible(String type) {
        var space = CmaEsTest.box(3, -5, 5, 4);
        var yaml = org.autotune.YamlFile.parse(java.nio.file.Path.of("c.yaml"), "type: " + type);
        assertThatThrownBy(() -> Optimizers.create(yaml, space, 1, 2, true)).isInstanceOf(InputError.class)
            .hasMessageContaining("c.yaml:1: type: " + type + " compares single scores, and with seeds: fresh (or "
                + "replicates) every score is a noisy draw: it would stop on noise and report the luckiest draw; fix: use "
                + "type: surrogate, bayesian or cma-es");
        var forced = org.autotune.YamlFile.parse(java.nio.file.Path.of("c.yaml"), "type: " + type + "\nnoisy: no");
        var opt = Optimizers.create(forced, space, 1, 2, true);
        CoordinateDescentTest.drive(opt, 2, 2000, CmaEsTest::quadratic3);
        assertThat(CmaEsTest.quadratic3(opt.estimate().orElseThrow())).isLessThan(1e-6);
    }
}
