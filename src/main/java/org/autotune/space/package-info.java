/**
 * Parameters, points and the space they form, with the mapping to and from the unit cube (log
 * parameters on a log scale, integers and choices by cell). Imports nothing from Autotune; holds no
 * I/O.
 */
package org.autotune.space;
