package dev.chatlab.localcloud.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * POSIX permissions on localcloud's own files, for keeping function instances (processes of
 * the same user) away from what is not theirs: see "Isolation between functions" in the Lambda
 * service's README. On a file system without POSIX permissions (Windows) they are skipped:
 * there the separation rests on unguessable names alone.
 */
public final class FilePermissions {

    /** Owner only, everything: an instance's own code directory. */
    public static final String PRIVATE = "rwx------";
    /** Owner only, enter and create but not list: a directory of unguessable names. */
    public static final String UNLISTABLE = "-wx------";
    /** Owner only, read and write: a file at rest. */
    public static final String PRIVATE_FILE = "rw-------";
    /** Nobody, not even the owner's other processes: a file localcloud holds open. */
    public static final String NONE = "---------";

    private FilePermissions() {
    }

    /** Sets {@code permissions} ("rwx------") on {@code path}; false when the file system has none or it failed. */
    public static boolean set(Path path, String permissions) {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (view == null) {
            return false;
        }
        try {
            view.setPermissions(PosixFilePermissions.fromString(permissions));
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
