/**
 * Metrics turn a finished sample's outputs into a score by comparing them with reference data
 * read once at creation. Built-ins are registered by name in Metrics; external programs and Python
 * functions plug in through the command and python metrics.
 */
package org.autotune.metric;
