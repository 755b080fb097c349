package org.autotune.campaign;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.autotune.design.CostTerms;
import org.autotune.design.FixedBudget;
import org.autotune.design.FixedBudgetOptimizer;
import org.autotune.execute.Executors;
import org.autotune.journal.Journal;
import org.autotune.metric.Metric;
import org.autotune.metric.Metrics;
import org.autotune.optimize.FidelitySchedule;
import org.autotune.optimize.Optimizer;
import org.autotune.optimize.Optimizers;
import org.autotune.simulate.Simulator;
import org.autotune.simulate.Simulators;

/**
 * The parts a campaign file describes, built once: the simulator, the metric, the anchors (if
 * any), and the recipes for the optimizer and the budget term. Building them checks every section
 * of the file, so a mistake shows before anything runs.
 */
public record Components(CampaignConfig config, Simulator simulator, Metric metric, Optional<Anchors> anchors) {

    /** Builds every component of the campaign file (and checks the optimizer and executor sections). */
    public static Components assemble(CampaignConfig config) {
        var simulator = Simulators.create(config.simulator(), config.space(), config.directory());
        var metric = Metrics.create(config.metric(), config.directory());
        int slots = Executors.slots(config.executor(), OptionalInt.empty());
        var parts = new Components(config, simulator, metric, Anchors.of(config));
        parts.optimizer(slots);
        return parts;
    }

    /**
     * A new optimizer for the campaign; with a fixed budget it searches the other parameters and each
     * point it proposes has the solved parameter added (design/FixedBudget); with a fidelity schedule
     * it runs in stages of rising events per sample (optimize/FidelitySchedule).
     */
    public Optimizer optimizer(int slots) {
        boolean noisy = config.seeds() == SeedPolicy.FRESH;
        var fixed = config.design().filter(d -> d.fixedParameter().isPresent())
            .map(d -> FixedBudget.solver(d, config.space()));
        var searched = fixed.map(FixedBudget::reduced).orElse(config.space());
        var optimizer = config.fidelity().<Optimizer>map(f ->
            new FidelitySchedule(searched, f.stages(config.replicates()),
                (space, stage) -> Optimizers.create(config.optimizer(), space, config.seed() + stage, slots, noisy,
                    metric.observables())))
            .orElseGet(() -> Optimizers.create(config.optimizer(), searched, config.seed(), slots, noisy,
                metric.observables()));
        return fixed.<Optimizer>map(b -> new FixedBudgetOptimizer(optimizer, b))
            .orElse(optimizer);
    }

    /** Adds the budget term to each score told, with the coefficient the journal already fixed (if any). */
    public CostTerms costTerms(Journal journal) {
        var known = journal.meta(ProposalTotals.COEFFICIENT_META).map(Double::parseDouble);
        return config.design().map(d -> new CostTerms(d, known.isPresent()
            ? OptionalDouble.of(known.get()) : OptionalDouble.empty()))
            .orElseGet(CostTerms::none);
    }
}
