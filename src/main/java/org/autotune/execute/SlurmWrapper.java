package org.autotune.execute;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The script every array task runs, and the per-sample files it reads. Values never pass through
 * shell parsing: the command is read into a bash array from NUL-separated {@code command.argv}
 * and run as {@code "${args[@]}"}; environment entries are exported one whole entry at a time.
 */
final class SlurmWrapper {
    /** Exit status written by the wrapper when coreutils' timeout stopped the sample. */
    static final int TIMED_OUT = 124;
    /**
     * Exit status written when the program cannot be started on the node (as shells report a
     * command they cannot find). A program that itself ends with 127 is taken the same way: then a
     * program it runs was not found, which is no property of the point either.
     */
    static final int CANNOT_START = 127;
    /** Exit status of coreutils' timeout (and shells) when the program exists but cannot be executed. */
    static final int NOT_EXECUTABLE = 126;

    static final String SCRIPT = """
        #!/bin/bash
        # Autotune job-array task: runs one sample in its own folder and records its exit status.
        # $1 = file listing the sample folders of this array, one per line (task i -> line i+1).
        set -u
        folder=$(sed -n "$((SLURM_ARRAY_TASK_ID + 1))p" "$1")
        cd "$folder" || { echo "autotune: no sample folder '$folder'" >&2; exit 97; }
        mapfile -d '' -t args < command.argv
        while IFS= read -r -d '' entry; do export "$entry"; done < job.env
        rm -f exit-status exit-status.tmp
        if ! command -v -- "${args[0]}" > /dev/null; then
            why="no such program"
            if [[ "${args[0]}" == */* && -e "${args[0]}" ]]; then why="it is not an executable file"; fi
            echo "autotune: cannot start '${args[0]}' on ${HOSTNAME:-this node}: $why" > stderr.txt
            echo 127 > exit-status.tmp && mv -f exit-status.tmp exit-status
            exit 127
        fi
        timeout -s TERM -k 10 "$(cat timeout)" "${args[@]}" < /dev/null > stdout.txt 2> stderr.txt
        status=$?
        if [ "$status" -eq 0 ] && [ -s metric.argv ]; then   # a metric computed inside the job
            mapfile -d '' -t margs < metric.argv
            timeout -s TERM -k 10 "$(cat timeout)" "${margs[@]}" < /dev/null > metric-stdout.txt 2> metric-stderr.txt
            echo "$?" > metric-status
        fi
        echo "$status" > exit-status.tmp && mv -f exit-status.tmp exit-status
        exit "$status"
        """;

    private SlurmWrapper() {
    }

    /** Writes the wrapper script into the folder (once per executor) and returns its path. */
    static Path write(Path workDir) {
        try {
            Files.createDirectories(workDir);
            Path script = workDir.resolve("sample-task.sh");
            SlurmExecutor.writeAtomically(script, SCRIPT.getBytes(StandardCharsets.UTF_8));
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            return script;
        } catch (IOException e) {
            throw new UncheckedIOException("writing the job wrapper into " + workDir, e);
        }
    }

    /** Writes the job's command, environment and time limit into its sample folder. */
    static void prepare(Job job) throws IOException {
        Path folder = job.folder();
        Files.createDirectories(folder);
        Files.deleteIfExists(folder.resolve("exit-status"));
        SlurmExecutor.writeAtomically(folder.resolve("command.argv"), nulSeparated(job.command()));
        SlurmExecutor.writeAtomically(folder.resolve("metric.argv"), nulSeparated(job.after()));
        var env = job.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        SlurmExecutor.writeAtomically(folder.resolve("job.env"), nulSeparated(env));
        long seconds = Math.max(1, (job.timeout().toMillis() + 999) / 1000);
        SlurmExecutor.writeAtomically(folder.resolve("timeout"), (seconds + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] nulSeparated(Iterable<String> values) {
        var out = new ByteArrayOutputStream();
        for (String v : values) {
            if (v.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("a command argument contains a NUL character: " + v);
            }
            out.writeBytes(v.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        return out.toByteArray();
    }
}
