package org.autotune.data;

/** A data file could not be read as asked: missing, unreadable, a missing column, a cell that is no number. */
public final class DataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }
}
