package org.autotune.campaign;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.autotune.journal.Journal;
import org.autotune.journal.SampleRecord;

/**
 * Every sample of a journal (name, status, events, attempts, score, folder, its state changes and
 * its error), for the message of a failed assertion: what each sample went through is what one
 * needs to tell a bug from a hiccup of the machine.
 */
final class JournalListing {
    private JournalListing() {
    }

    /** The listing of the journal in {@code file}, or a line saying why there is none. */
    static String of(Path file) {
        if (!Files.isRegularFile(file)) {
            return "no journal at " + file + "\n";
        }
        try (var journal = Journal.read(file)) {
            return of(journal);
        }
    }

    static String of(Journal journal) {
        var samples = journal.samples();
        return samples.size() + " samples in " + journal.file() + ":\n" + samples.stream()
            .map(s -> "  %s %s events=%d attempts=%d score=%s folder=%s%n    transitions: %s%s".formatted(s.name(),
                s.status(), s.events(), s.attempts(), s.score().isPresent() ? s.score().getAsDouble() : "-",
                s.folder(), transitions(journal, s), error(s)))
            .collect(Collectors.joining("\n")) + "\n";
    }

    private static String transitions(Journal journal, SampleRecord s) {
        return journal.transitions(s.id()).stream().map(String::strip).collect(Collectors.joining("; "));
    }

    private static String error(SampleRecord s) {
        return s.error() == null || s.error().isBlank() ? ""
            : "\n    error: " + s.error().strip().replace("\n", "\n      ");
    }
}
