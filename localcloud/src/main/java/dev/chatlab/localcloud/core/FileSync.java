package dev.chatlab.localcloud.core;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Making a file's name durable, which syncing the file alone does not. */
public final class FileSync {

    private FileSync() {
    }

    /**
     * Syncs {@code directory}, so that a file created, renamed or deleted in it stays so after a
     * crash; a platform that cannot sync a directory (Windows, where NTFS journals the rename
     * itself) does without.
     */
    public static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows: a directory cannot be opened as a file
        }
    }
}
