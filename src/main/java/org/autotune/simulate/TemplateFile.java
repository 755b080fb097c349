package org.autotune.simulate;

import java.nio.file.Path;

/**
 * A file rendered into every sample folder: its source (with {@code {{placeholders}}}), the name
 * it gets in the sample folder (the source's name, less a trailing {@code .template}), its text.
 */
record TemplateFile(Path source, String target, String text) {
    static String targetName(Path source) {
        String name = source.getFileName().toString();
        return name.endsWith(".template") ? name.substring(0, name.length() - ".template".length()) : name;
    }
}
