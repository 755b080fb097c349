/**
 * Design optimisation: the cost of a design (an expression or a Java class over the campaign's
 * parameters), the budget term added to the score (TomOpt's steep form), and the fixed-budget
 * reparametrisation that solves one parameter so that the cost equals the budget. The discrete
 * enumeration optimizer lives with the other optimizers (optimize/Enumeration) so that Optimizers can
 * register it; this package holds nothing that runs samples.
 */
package org.autotune.design;
