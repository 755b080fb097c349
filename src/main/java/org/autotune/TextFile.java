package org.autotune;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What can be wrong with a file the user named (a campaign file, a template, reference data), in
 * words: not there, a folder, a device, too large, not UTF-8 text. Readers check with
 * {@link #problem} before they open a file and describe a failed read with {@link #describe}, so
 * that a folder named as a reference file is not reported as "not found", nor a Latin-1 file as
 * "Input length = 1".
 */
public final class TextFile {
    private TextFile() {
    }

    /** Why the file cannot be read as a file, if it cannot: missing, a folder, or not a regular file. */
    public static Optional<String> problem(Path file) {
        if (Files.isDirectory(file)) {
            return Optional.of("is a folder, not a file");
        }
        if (!Files.exists(file)) {
            return Optional.of(Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? "is a broken symbolic link"
                : "file not found");
        }
        if (!Files.isRegularFile(file)) {
            return Optional.of("is not a regular file (a device, pipe or socket)");
        }
        return Optional.empty();
    }

    /** A failed read in words; a decoding error says the file is not UTF-8 text. */
    public static String describe(IOException e) {
        if (e instanceof CharacterCodingException) {
            return "not UTF-8 text (binary, or another encoding such as Latin-1 or UTF-16)";
        }
        if (e instanceof NoSuchFileException) {
            return "file not found";
        }
        return "cannot read: " + e.getMessage();
    }

    /** The fix for {@link #describe}'s problem. */
    public static String fix(IOException e) {
        return e instanceof CharacterCodingException ? "save it as UTF-8 text (e.g. iconv -t UTF-8)"
            : "check that it exists and that you may read it";
    }

    /**
     * The file's text, read only when it has at most {@code maxBytes} bytes.
     *
     * @param what the file's role in messages, e.g. "campaign file"
     * @throws InputError naming the file when it is missing, not a regular file, too large or not UTF-8
     */
    public static String read(Path file, long maxBytes, String what) {
        var problem = problem(file);
        if (problem.isPresent()) {
            throw new InputError(file, "", problem.get(), problem.get().equals("file not found")
                ? "check the path (relative paths are resolved from " + Path.of("").toAbsolutePath() + ")"
                : "name the " + what + " itself");
        }
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw new InputError(file, "", "the " + what + " has " + size + " bytes, more than the limit of "
                    + maxBytes + " bytes", "check that this is the " + what + "; keep large data in separate files");
            }
            return Files.readString(file);
        } catch (IOException e) {
            throw new InputError(file, "", describe(e), fix(e));
        }
    }
}
