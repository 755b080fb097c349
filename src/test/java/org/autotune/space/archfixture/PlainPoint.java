package org.autotune.space.archfixture;

import org.autotune.space.Point;

/** Test fixture for {@code ArchitectureTest}: a class inside {@code space} that uses only {@code space}. */
public final class PlainPoint {
    Point origin() {
        return null;
    }
}
