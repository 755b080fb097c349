package org.autotune.optimize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An optimizer that stops is converged only when its own convergence test was met, not when it
 * reached a limit of its own (generations, evaluations, waves); the campaign words its ending on this.
 */
class ConvergedTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "type: cma-es, tolerance: 0.0001 | true",
        "type: cma-es, generations: 3 | false",
        "type: nelder-mead, noisy: no, evaluations: 15 | false",
        "type: bobyqa, noisy: no, tolerance: 0.000001 | true",
        "type: bobyqa, noisy: no, evaluations: 12 | false",
        "type: coordinate-descent | true",
        "type: bayesian, evaluations: 8, initial: 6 | false",
    })
    void converged_only_when_the_stopping_test_was_met(String settings, boolean converged) {
        var space = CmaEsTest.box(4, -5, 5, 4);
        var optimizer = CmaEsTest.create("{" + settings + "}", space, 1, 4);
        try (optimizer) {
            AskTellLoop.drive(optimizer, 4, 20_000, CmaEsTest::quadratic);
            assertThat(optimizer.done()).isTrue();
            assertThat(optimizer.converged()).isEqualTo(converged);
        }
    }
}
