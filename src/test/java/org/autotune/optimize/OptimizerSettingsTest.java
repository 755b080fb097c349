package org.autotune.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.autotune.YamlFile;
import org.autotune.space.Point;
import org.junit.jupiter.api.Test;

/** The settings records check themselves, NaN included, and the optimizers keep only new path steps. */
class OptimizerSettingsTest {
    @Test
    void settings_refuse_nan_and_out_of_range_values() {
        assertThatThrownBy(() -> new CmaEsSettings(8, Double.NaN, 1e-3, 10))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> new CmaEsSettings(8, 0.2, 0.3, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SurrogateSettings(8, 0.25, Double.NaN, 1e-3, 10, false))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LocalSurrogateSettings(8, 0.05, 1e-3, Double.NaN, 10, true, false))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BobyqaSettings(Double.NaN, 1e-4, 100))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NelderMeadSettings(Double.NaN, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CoordinateDescentSettings(Double.NaN, 4, 0))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CoordinateDescentSettings(0.5, 4, Double.NaN))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BayesianSettings(10, Acquisition.Kind.EI, 5, 0.05, false, false))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_campaign_file_keys_become_the_settings_with_their_defaults() {
        var space = CmaEsTest.box(4, -5, 5, 4);
        var opt = YamlFile.parse(Path.of("t.yaml"), "{type: cma-es, sigma: 0.3}");
        assertThat(CmaEsSettings.from(opt, space, 2, false)).isEqualTo(new CmaEsSettings(8, 0.3, 1e-3, 1000));
        var surrogate = YamlFile.parse(Path.of("t.yaml"), "{type: surrogate}");
        assertThat(SurrogateSettings.from(surrogate, space, 4, true))
            .isEqualTo(new SurrogateSettings(10, 0.25, 1.0, 1e-3, 1000, true));
    }

    @Test
    void path_since_gives_only_the_new_steps_and_adds_up_to_the_whole_path() {
        var opt = CmaEsTest.create("type: coordinate-descent\nrefinements: 3", CmaEsTest.box(2, -5, 5, 4), 1, 2);
        var collected = new ArrayList<PathStep>();
        var loopOpt = new ForwardingOptimizer(opt, collected);
        AskTellLoop.drive(loopOpt, 2, 500, p -> Math.pow(p.get("x0") - 1, 2) + Math.pow(p.get("x1") + 2, 2));
        assertThat(collected).isNotEmpty().isEqualTo(opt.path());
        assertThat(opt.pathSince(collected.size())).isEmpty();
        assertThat(opt.pathSince(collected.size() + 5)).isEmpty();
        assertThat(opt.pathSince(1)).isEqualTo(collected.subList(1, collected.size()));
    }

    @Test
    void a_fidelity_schedule_numbers_its_stages_path_steps_on_and_gives_only_the_new_ones() {
        var space = CmaEsTest.box(2, -5, 5, 4);
        var stages = new FidelitySchedule.Stages(new int[] {100, 1000}, new int[] {40, 40}, 0.5);
        var opt = new FidelitySchedule(space, stages, (sub, k) -> CmaEsTest.create("type: coordinate-descent", sub,
            1, 2));
        var collected = new ArrayList<PathStep>();
        AskTellLoop.drive(new ForwardingOptimizer(opt, collected), 2, 500,
            p -> Math.pow(p.get("x0") - 1, 2) + Math.pow(p.get("x1") + 2, 2));
        assertThat(opt.stage()).isEqualTo(1);
        assertThat(collected).isEqualTo(opt.path());
        assertThat(collected).extracting(PathStep::index).isSorted().doesNotHaveDuplicates();
    }

    /** Collects the new path steps after every tell, as the run loop does. */
    private static final class ForwardingOptimizer implements Optimizer {
        private final Optimizer inner;
        private final List<PathStep> collected;

        ForwardingOptimizer(Optimizer inner, List<PathStep> collected) {
            this.inner = inner;
            this.collected = collected;
        }

        @Override
        public List<Point> ask(int n) {
            return inner.ask(n);
        }

        @Override
        public void tell(List<Result> results) {
            inner.tell(results);
            collected.addAll(inner.pathSince(collected.size()));
        }

        @Override
        public boolean done() {
            return inner.done();
        }
    }
}
