package org.autotune.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.autotune.score.Score;
import org.autotune.space.Point;
import org.autotune.space.Space;
import org.hipparchus.analysis.MultivariateFunction;
import org.hipparchus.exception.LocalizedCoreFormats;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.junit.jupiter.api.Test;

/** Real Hipparchus optimizers behind the ask/tell adapter. */
class PullAdapterTest {
    private static final Space SPACE = CmaEsTest.box(2, -5, 5, 4);

    /** A bowl with its minimum at (1, -2). */
    private static double bowl(Point p) {
        return Math.pow(p.get("x0") - 1, 2) + Math.pow(p.get("x1") + 2, 2);
    }

    /** Hipparchus' Nelder–Mead on the adapter's objective, with {@code inner} between the library and it. */
    private static PullAdapter nelderMead(int evaluations, UnaryOperator<MultivariateFunction> inner) {
        double[] start = SPACE.toUnit(SPACE.start());
        return new PullAdapter(SPACE, f -> new SimplexOptimizer(1e-12, 1e-12).optimize(new MaxEval(evaluations),
            new ObjectiveFunction(inner.apply(f)), GoalType.MINIMIZE, new InitialGuess(start),
            new NelderMeadSimplex(new double[] {0.1, 0.1})));
    }

    private static void tell(Optimizer opt, Point p) {
        opt.tell(List.of(new Result(p, Optional.of(Score.of(bowl(p))))));
    }

    @Test
    void an_exception_in_the_objective_surfaces_from_ask_and_does_not_look_like_convergence() {
        var calls = new AtomicInteger();
        var opt = nelderMead(1000, f -> x -> {
            if (calls.incrementAndGet() == 5) {
                throw new ArithmeticException("bug in the objective");
            }
            return f.value(x);
        });
        assertThatThrownBy(() -> AskTellLoop.drive(opt, 1, 1000, PullAdapterTest::bowl))
            .isInstanceOf(IllegalStateException.class)
            .hasRootCauseInstanceOf(ArithmeticException.class)
            .hasMessageContaining("bug in the objective");
        assertThat(opt.done()).isFalse();
        assertThat(opt.estimate()).isEmpty();
    }

    @Test
    void an_illegal_state_inside_the_library_that_is_not_a_give_up_surfaces_as_an_exception() {
        var calls = new AtomicInteger();
        var opt = nelderMead(1000, f -> x -> {
            if (calls.incrementAndGet() == 3) {
                throw new MathIllegalStateException(LocalizedCoreFormats.SIMPLE_MESSAGE, "internal error");
            }
            return f.value(x);
        });
        assertThatThrownBy(() -> AskTellLoop.drive(opt, 1, 1000, PullAdapterTest::bowl))
            .isInstanceOf(IllegalStateException.class)
            .hasRootCauseInstanceOf(MathIllegalStateException.class);
        assertThat(opt.done()).isFalse();
    }

    @Test
    void reaching_the_evaluation_limit_ends_the_search_as_done() {
        var opt = PullAdapter.nelderMead(SPACE, new NelderMeadSettings(1e-300, 20));
        var asked = AskTellLoop.drive(opt, 1, 1000, PullAdapterTest::bowl);
        assertThat(asked).hasSize(20);
        assertThat(opt.done()).isTrue();
        assertThat(opt.ask(1)).isEmpty();
    }

    @Test
    void close_before_convergence_ends_the_library_thread() throws InterruptedException {
        var thread = new AtomicReference<Thread>();
        var opt = nelderMead(100_000, f -> x -> {
            thread.compareAndSet(null, Thread.currentThread());
            return f.value(x);
        });
        var first = opt.ask(1).get(0);
        tell(opt, first);
        assertThat(opt.ask(1)).hasSize(1);   // the library waits for this point's score
        assertThat(thread.get().isAlive()).isTrue();

        opt.close();
        thread.get().join(1000);
        assertThat(thread.get().isAlive()).isFalse();
        assertThat(opt.done()).isTrue();
        assertThat(opt.ask(1)).isEmpty();
    }

    @Test
    void close_of_a_fidelity_schedule_ends_the_thread_of_its_stage() throws InterruptedException {
        var thread = new AtomicReference<Thread>();
        var stages = new FidelitySchedule.Stages(new int[] {100, 1000}, new int[] {50, 50}, 0.5);
        var opt = new FidelitySchedule(SPACE, stages, (space, stage) -> nelderMead(100_000, f -> x -> {
            thread.compareAndSet(null, Thread.currentThread());
            return f.value(x);
        }));
        assertThat(opt.ask(1)).hasSize(1);
        opt.close();
        thread.get().join(1000);
        assertThat(thread.get().isAlive()).isFalse();
    }

    @Test
    void bobyqa_converges_to_the_minimum_and_ends_as_done() {
        var opt = PullAdapter.bobyqa(SPACE, new BobyqaSettings(0.1, 1e-6, 10_000));
        AskTellLoop.drive(opt, 1, 10_000, PullAdapterTest::bowl);
        assertThat(opt.done()).isTrue();
        assertThat(bowl(opt.estimate().orElseThrow())).isLessThan(1e-8);
        opt.close();
    }

    @Test
    void a_library_that_ended_leaves_no_thread_behind() throws InterruptedException {
        var thread = new AtomicReference<Thread>();
        var opt = nelderMead(30, f -> x -> {
            thread.compareAndSet(null, Thread.currentThread());
            return f.value(x);
        });
        AskTellLoop.drive(opt, 1, 1000, PullAdapterTest::bowl);
        thread.get().join(1000);
        assertThat(thread.get().isAlive()).isFalse();
    }
}
