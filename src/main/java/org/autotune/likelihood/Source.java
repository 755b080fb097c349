package org.autotune.likelihood;

import java.util.List;
import org.hipparchus.analysis.differentiation.DerivativeStructure;

/**
 * One population of events (signal, a background, a calibration line): its differential rate
 * R(θ, x) at an observed event x and its total expected count μ(θ) in the analysis region.
 *
 * <p>Write both methods once, on {@link DerivativeStructure}s: the likelihood passes parameters
 * as order-2 structures, so the value, the gradient and the Hessian of −ln L all come from this
 * one code path. Use only {@code DerivativeStructure} arithmetic on anything that depends on a
 * parameter ({@code add}, {@code multiply}, {@code exp}, {@code log}, …); plain doubles are fine
 * for anything that depends only on the event. A {@code getValue()} in the middle silently
 * drops derivatives.
 *
 * <p>Contract: {@code params[k]} is the value of {@code parameters().get(k)}; the result has
 * the same {@code DSFactory} as the parameters (make constants with {@code
 * params[0].getFactory().constant(c)} or {@code params[0].newInstance(c)}); a source without
 * parameters may use any factory, only the values of its results are used. R must be ≥ 0 and
 * have units of events per unit of observable, consistent with μ: ∫ R dx = μ over the analysis
 * region. Implementations must be thread-safe: the likelihood calls them from several threads at
 * once, on disjoint batches of events. The likelihood multiplies both by a rate multiplier
 * parameter of its own; a source need not declare one.
 */
public interface Source {
    /** The parameters this source depends on, in the order of {@code params}, with defaults. */
    List<SourceParameter> parameters();

    /** Differential rate R(θ, x) at one event (events per unit of the observables). */
    DerivativeStructure differentialRate(DerivativeStructure[] params, double[] event);

    /** Total expected number of events μ(θ) in the analysis region (before the multiplier). */
    DerivativeStructure expectedCount(DerivativeStructure[] params);

    /**
     * R(θ, x) for a batch of events. The default calls {@link #differentialRate} per event;
     * override it to share work between events, e.g. with a {@link UniqueGather} over a hidden
     * variable whose values repeat across the batch (see {@link UniqueGather}). Must return the
     * same values as the default.
     */
    default DerivativeStructure[] differentialRates(DerivativeStructure[] params, double[][] events) {
        var rates = new DerivativeStructure[events.length];
        for (int i = 0; i < events.length; i++) {
            rates[i] = differentialRate(params, events[i]);
        }
        return rates;
    }
}
