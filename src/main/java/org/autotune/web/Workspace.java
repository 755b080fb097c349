package org.autotune.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;
import org.autotune.journal.Journal;

/**
 * The campaigns under a folder: every {@code *.autotune} folder holding a journal, found
 * recursively. Sample folders inside a campaign folder are not searched (there may be thousands),
 * nor are hidden folders such as {@code .git}.
 */
final class Workspace {
    private final Path root;

    Workspace(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() { return root; }

    /**
     * The campaign folders by id, sorted. The id is the folder's path relative to the root with
     * {@code /} between names (the folder's own name when the root is a campaign folder); it is
     * how pages and the API name a campaign.
     */
    Map<String, Path> campaigns() {
        var found = new TreeMap<String, Path>();
        if (!Files.isDirectory(root)) {
            return found;
        }
        try {
            Files.walkFileTree(root, visitor(found));
        } catch (IOException e) {
            throw new UncheckedIOException("searching " + root + " for campaigns", e);
        }
        return found;
    }

    private FileVisitor<Path> visitor(Map<String, Path> found) {
        return new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                if (!dir.equals(root) && name.startsWith(".")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (name.endsWith(".autotune")) {
                    if (Files.isRegularFile(dir.resolve(Journal.FILE_NAME))) {
                        found.put(id(dir), dir);
                    }
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;   // an unreadable folder holds no campaign we can show
            }
        };
    }

    private String id(Path dir) {
        var relative = root.relativize(dir);
        if (relative.toString().isEmpty()) {
            return dir.getFileName().toString();
        }
        var parts = new StringBuilder();
        for (var part : relative) {
            parts.append(parts.length() == 0 ? "" : "/").append(part);
        }
        return parts.toString();
    }
}
