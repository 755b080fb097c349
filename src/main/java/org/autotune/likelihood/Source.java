package org.autotune.likelihood;

import java.util.List;
import org.hipparchus.analysis.differentiation.DerivativeStructure;

/**
 * One population of events (signal, a background, a calibration line): its differential rate
 * R(θ, x) at observed events x and its total expected count μ(θ) in the analysis region.
 *
 * <p>Write the rate once, over a whole batch of events in columns, with {@link Duals} arithmetic:
 * the likelihood passes each parameter as a batch of dual numbers (the same value for every
 * event, with derivatives with respect to the free parameters), so the value, the gradient and
 * the Hessian of −ln L all come from this one code path, in tight loops over arrays:
 * <pre>
 *   public Duals differentialRates(Duals[] params, EventColumns events) {
 *       var z = params[0].subtractFrom(events.column(0)).divide(width);   // (x − mean) / width
 *       return z.square().multiply(-0.5).exp().multiply(norm);
 *   }
 * </pre>
 * Use only {@code Duals} arithmetic on anything that depends on a parameter; plain doubles and
 * event columns ({@code double[]}) are fine for anything that does not. {@link Duals#values()}
 * in the middle silently drops derivatives.
 *
 * <p>Contract: {@code params[k]} is the value of {@code parameters().get(k)}, all of the batch's
 * size and with the same variables; the result has the batch's size. A source without
 * parameters gets an empty {@code params} and returns plain values ({@link Duals#of},
 * {@link Duals#constant}). R must be ≥ 0 and have units of events per unit of observable,
 * consistent with μ: ∫ R dx = μ over the analysis region. The expected count is a single number
 * per parameter point, so it stays on Hipparchus {@link DerivativeStructure}s (order 2, same
 * rules; make constants with {@code params[0].getFactory().constant(c)}; a source without
 * parameters may use any factory). Implementations must be thread-safe: the likelihood calls
 * them from several threads at once, on disjoint batches. The likelihood multiplies both by a
 * rate multiplier parameter of its own; a source need not declare one.
 *
 * <p>Sources written before the batch API implement {@link #differentialRate} per event on
 * {@code DerivativeStructure}s instead; the default {@link #differentialRates} then calls it for
 * every event (correct, about 10× slower; see docs/likelihood.md for the migration).
 */
public interface Source {
    /** The parameters this source depends on, in the order of {@code params}, with defaults. */
    List<SourceParameter> parameters();

    /** Total expected number of events μ(θ) in the analysis region (before the multiplier). */
    DerivativeStructure expectedCount(DerivativeStructure[] params);

    /**
     * R(θ, x) at every event of the batch (events per unit of the observables). The default
     * evaluates {@link #differentialRate} per event; override this method for speed.
     */
    default Duals differentialRates(Duals[] params, EventColumns events) {
        return PerEventRates.evaluate(this, params, events);
    }

    /**
     * R(θ, x) at one event, on {@code DerivativeStructure}s: the per-event form, used only by
     * the default {@link #differentialRates}. Implement one of the two.
     */
    default DerivativeStructure differentialRate(DerivativeStructure[] params, double[] event) {
        throw new UnsupportedOperationException(getClass().getName()
            + " implements neither differentialRates nor differentialRate; fix: implement differentialRates");
    }
}
