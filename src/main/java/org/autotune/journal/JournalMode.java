package org.autotune.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * SQLite's journal mode for a campaign journal. WAL is faster and lets readers (status, the
 * dashboard) read while the coordinator writes, but it needs shared memory that network
 * filesystems do not provide, so a journal on NFS, Lustre, GPFS, CIFS, … uses the classic
 * rollback journal instead.
 */
enum JournalMode {
    WAL, DELETE;

    private static final Set<String> NETWORK_FILESYSTEMS = Set.of(
        "nfs", "nfs4", "cifs", "smb3", "smbfs", "lustre", "gpfs", "beegfs", "fuse.sshfs",
        "ceph", "fuse.ceph", "glusterfs", "fuse.glusterfs", "afs", "9p", "panfs", "wekafs");

    /** WAL unless the folder is on a network filesystem (read from /proc/mounts where present). */
    static JournalMode forFolder(Path folder) {
        return NETWORK_FILESYSTEMS.contains(filesystemType(folder)) ? DELETE : WAL;
    }

    private static String filesystemType(Path folder) {
        Path mounts = Path.of("/proc/mounts");
        if (!Files.isReadable(mounts)) {
            return "";
        }
        try {
            String dir = folder.toRealPath().toString();
            String best = "";
            String type = "";
            for (String line : Files.readAllLines(mounts)) {
                String[] f = line.split(" ");
                if (f.length > 2 && isUnder(dir, f[1]) && f[1].length() >= best.length()) {
                    best = f[1];
                    type = f[2];
                }
            }
            return type;
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean isUnder(String dir, String mountPoint) {
        return dir.equals(mountPoint) || mountPoint.equals("/")
            || dir.startsWith(mountPoint.endsWith("/") ? mountPoint : mountPoint + "/");
    }
}
