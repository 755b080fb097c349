package org.autotune.space;

import java.util.Locale;

/** How a parameter's values are spaced: linearly, logarithmically, as integers or as choices. */
public enum ParameterKind {
    REAL, LOG, INTEGER, CHOICE;

    /** The spelling used in campaign files: {@code real}, {@code log}, {@code integer}, {@code choice}. */
    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for kinds an optimizer working on continuous values can handle. */
    public boolean continuous() {
        return this == REAL || this == LOG;
    }
}
