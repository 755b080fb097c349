/**
 * Readers for simulator outputs and reference data (CSV and HDF5 tables of numbers, traces). They raise DataException
 * naming the file, row and column; callers turn it into an InputError (reference data) or a failed
 * sample (outputs).
 */
package org.autotune.data;
