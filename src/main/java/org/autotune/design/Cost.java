package org.autotune.design;

import org.autotune.space.Point;

/**
 * The cost of a design as a function of the campaign's parameters (e.g. detector area times a price
 * per unit area). Implement it in Java and name the class in the campaign file's {@code cost:}
 * section ({@code class:}), or write an {@code expression:}.
 *
 * <p>Contract: a pure function of the point (same point, same cost), safe to call from several
 * threads, in the unit of the campaign's {@code budget}. A NaN or infinite cost is a bug of the cost
 * function and throws {@link IllegalStateException} where it is used.
 */
public interface Cost {
    /** The cost of the design at this point (choice parameters hold the index of their choice). */
    double cost(Point point);
}
