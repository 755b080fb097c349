package org.autotune.optimize;

import java.util.List;

/** An optimizer that keeps a path of steps (e.g. coordinate descent: axis, step, accepted or not). */
public interface PathRecording {
    /** Every step so far, oldest first. */
    List<PathStep> path();
}
