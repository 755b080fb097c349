package org.autotune;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The last lines of a (possibly huge) text file, read from its end: what a job or a metric wrote to
 * its standard error, for a message.
 */
public final class TextTail {
    private TextTail() {
    }

    /** At most {@code lines} lines and {@code chars} characters; empty for a missing file. */
    public static String of(Path file, int lines, int chars) {
        if (!Files.isRegularFile(file)) {
            return "";
        }
        try (var f = new RandomAccessFile(file.toFile(), "r")) {
            long length = f.length();
            int read = (int) Math.min(length, chars * 4L);
            var bytes = new byte[read];
            f.seek(length - read);
            f.readFully(bytes);
            var text = new String(bytes, StandardCharsets.UTF_8).stripTrailing();
            var all = text.split("\n", -1);
            int from = Math.max(0, all.length - lines);
            var tail = String.join("\n", Arrays.asList(all).subList(from, all.length));
            return tail.length() > chars ? tail.substring(tail.length() - chars) : tail;
        } catch (IOException e) {
            return "(could not read " + file + ": " + e.getMessage() + ")";
        }
    }
}
