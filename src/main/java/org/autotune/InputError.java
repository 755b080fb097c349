package org.autotune;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Bad input from the user: a campaign file, a template, reference data. Carries the file, the
 * line (where known), the key, the problem and the fix, so the CLI can print one line that says
 * what to change. The CLI prints it without a stack trace and exits with code 2.
 *
 * <p>The message is one line of plain text: control characters that came from the input (an
 * escape sequence in a key, a newline in a value, bytes of a simulator's output) are written as
 * {@code \x1b}, {@code \n}, … so that they neither break the line nor drive the terminal.
 */
public final class InputError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Path file;
    private final int line;
    private final String key;
    private final String problem;
    private final String fix;

    /** @param line 1-based line number, or 0 when not known */
    public InputError(Path file, int line, String key, String problem, String fix) {
        super(render(file, line, key, problem, fix));
        this.file = file;
        this.line = line;
        this.key = key;
        this.problem = problem;
        this.fix = fix;
    }

    public InputError(Path file, String key, String problem, String fix) {
        this(file, 0, key, problem, fix);
    }

    public Path file() { return file; }

    public Optional<Integer> line() { return line > 0 ? Optional.of(line) : Optional.empty(); }

    public String key() { return key; }

    public String problem() { return problem; }

    public String fix() { return fix; }

    private static String render(Path file, int line, String key, String problem, String fix) {
        var where = new StringBuilder(String.valueOf(file));
        if (line > 0) {
            where.append(':').append(line);
        }
        if (key != null && !key.isEmpty()) {
            where.append(": ").append(key);
        }
        return escape(where + ": " + problem + (fix == null || fix.isEmpty() ? "" : "; fix: " + fix));
    }

    /** The text with every control character (C0, DEL, C1) written as an escape: {@code \n}, {@code \x1b}. */
    public static String escape(String text) {
        var out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
                out.append("\\x").append(String.format("%02x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
