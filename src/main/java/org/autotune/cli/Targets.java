package org.autotune.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.autotune.InputError;
import org.autotune.journal.Journal;

/**
 * What a command was given to name a campaign, checked before it is read: a folder that is neither
 * a campaign folder nor a file gets one line saying what it is and which files in it to pass.
 */
final class Targets {
    private Targets() {
    }

    /** For commands that read a campaign file (run, scan, check, ...): a folder is refused with a did-you-mean. */
    static Path campaignFile(Path file) {
        if (Files.isDirectory(file) && isCampaignFolder(file)) {
            throw new InputError(file, "", "is a campaign folder, not a campaign file", startedFrom(file)
                .map(f -> "did you mean " + f + "?").orElse("pass the campaign file (*.yaml) it was run from"));
        }
        if (Files.isDirectory(file)) {
            throw new InputError(file, "", "is a folder, not a campaign file",
                suggestion(file, false, "pass a campaign file (*.yaml)"));
        }
        return file;
    }

    /** For read-only commands: a campaign file, a campaign folder (holding a journal) or the journal itself. */
    static Path journalTarget(Path target) {
        if (Files.isDirectory(target) && !Files.isRegularFile(target.resolve(Journal.FILE_NAME))) {
            throw new InputError(target, "", "is a folder, not a campaign file or campaign folder",
                suggestion(target, true, "pass a campaign file (*.yaml) or a campaign folder (*.autotune)"));
        }
        if (target.getFileName().toString().endsWith(".sqlite") && !Files.isRegularFile(target)) {
            throw new InputError(target, "", "no such journal file", "pass the campaign file or its campaign folder");
        }
        return target;
    }

    /** A read-only command's {@code --dir}: a campaign folder, which holds a journal. */
    static Path journalFolder(Path dir) {
        if (!Files.isRegularFile(dir.resolve(Journal.FILE_NAME))) {
            throw new InputError(dir, "--dir", "no campaign journal in this folder (" + Journal.FILE_NAME + ")",
                "pass the campaign's folder (<file name>.autotune by default), or leave out --dir");
        }
        return dir;
    }

    /** A folder a command writes into ({@code --dir}, {@code --plots}): created when missing, never a file. */
    static Path outputFolder(Path dir, String flag) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InputError(dir, flag, "is a file, not a folder", "give a folder (it is created when missing)");
        }
        return dir;
    }

    /** A file a command writes ({@code --output}): not a folder, in a folder that exists. */
    static Path outputFile(Path file, String flag) {
        if (Files.isDirectory(file)) {
            throw new InputError(file, flag, "is a folder", "give a file name in it");
        }
        var parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new InputError(file, flag, "the folder " + parent + " does not exist", "create it first, or "
                + "write somewhere else");
        }
        return file;
    }

    /** "did you mean …?" over the folder's *.yaml files (and campaign folders), else {@code otherwise}. */
    private static String suggestion(Path folder, boolean campaignFolders, String otherwise) {
        try (Stream<Path> entries = Files.list(folder)) {
            var names = entries.filter(p -> isCampaignFile(p) || campaignFolders && isCampaignFolder(p))
                .map(Path::toString).sorted().toList();
            if (names.isEmpty()) {
                return otherwise;
            }
            return "did you mean " + (names.size() == 1 ? names.get(0) : "one of " + String.join(", ", names)) + "?";
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + folder, e);
        }
    }

    /** The campaign file a campaign folder's journal says it was started from. */
    private static Optional<String> startedFrom(Path campaignFolder) {
        try (var journal = Journal.read(campaignFolder.resolve(Journal.FILE_NAME))) {
            return journal.meta("campaign_file");
        }
    }

    private static boolean isCampaignFile(Path p) {
        var name = p.getFileName().toString();
        return Files.isRegularFile(p) && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    private static boolean isCampaignFolder(Path p) {
        return Files.isRegularFile(p.resolve(Journal.FILE_NAME));
    }
}
