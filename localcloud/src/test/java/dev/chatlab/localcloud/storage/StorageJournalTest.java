package dev.chatlab.localcloud.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.chatlab.localcloud.core.FilePermissions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link Storage#awaitDurable()} returned for is in the files at that moment: a copy of
 * the state directory taken then (what a killed process leaves behind) opens with it.
 */
class StorageJournalTest {

    @TempDir
    Path temp;

    @Test
    void awaitDurable_copyTakenAfterIt_holdsEveryChange() throws IOException {
        Path live = temp.resolve("live");
        try (Storage storage = Storage.open(live)) {
            StoredMap<String, String> items = storage.map("test.items");
            StoredMap<String, byte[]> blobs = storage.map("test.blobs");
            items.put("kept", "1");
            items.put("replaced", "old");
            items.put("replaced", "new");
            items.put("removed", "x");
            items.remove("removed");
            storage.atomically(() -> {
                items.put("tx-a", "a");
                blobs.put("tx-b", new byte[] {1, 2, 3});
            });
            storage.awaitDurable();
            Path crashed = copy(live, temp.resolve("crashed"));
            try (Storage recovered = Storage.open(crashed)) {
                StoredMap<String, String> after = recovered.map("test.items");
                assertEquals("1", after.get("kept"));
                assertEquals("new", after.get("replaced"));
                assertNull(after.get("removed"));
                assertEquals("a", after.get("tx-a"));
                assertArrayEquals(new byte[] {1, 2, 3}, recovered.<String, byte[]>map("test.blobs").get("tx-b"));
            }
        }
    }

    @Test
    void journalCutShortByACrash_opensWithTheRecordsBeforeTheCut() throws IOException {
        Path live = temp.resolve("live");
        try (Storage storage = Storage.open(live)) {
            StoredMap<String, String> items = storage.map("test.items");
            items.put("before", "1");
            storage.awaitDurable();
            Path crashed = copy(live, temp.resolve("crashed"));
            try (Stream<Path> files = Files.list(crashed)) {
                Path journal = files.filter(f -> f.getFileName().toString().startsWith("journal-")).findFirst().orElseThrow();
                // half a record: a length and checksum, then fewer bytes than the length says
                Files.write(journal, new byte[] {0, 0, 1, 0, 1, 2, 3, 4, 5, 6}, StandardOpenOption.APPEND);
            }
            try (Storage recovered = Storage.open(crashed)) {
                assertEquals("1", recovered.<String, String>map("test.items").get("before"));
                recovered.<String, String>map("test.items").put("after", "2");
            }
            try (Storage reopened = Storage.open(crashed)) {
                assertEquals("2", reopened.<String, String>map("test.items").get("after"), "healthy after the recovery");
            }
        }
    }

    @Test
    void recycledSegment_recordsOfItsEarlierGeneration_areNotReplayed() throws IOException {
        Path live = temp.resolve("live");
        try (Storage storage = Storage.open(live)) {
            StoredMap<String, String> items = storage.map("test.items");
            items.put("a", "1");
            storage.awaitDurable();
            storage.snapshotAndRetire(); // generation 2, a new preallocated segment
            items.put("x", "1");
            storage.awaitDurable();
            items.put("ghost", "1");
            storage.awaitDurable();
            storage.snapshotAndRetire(); // generation 3; generation 2's file, holding the ghost, kept
            items.remove("ghost");
            storage.awaitDurable();
            storage.snapshotAndRetire(); // generation 4 in generation 2's file, the ghost's record still in it
            items.put("y", "2"); // as long as x's record: the ghost's record follows it where it was
            storage.awaitDurable();
            Path crashed = copy(live, temp.resolve("crashed"));
            try (Storage recovered = Storage.open(crashed)) {
                StoredMap<String, String> after = recovered.map("test.items");
                assertEquals("1", after.get("a"));
                assertEquals("1", after.get("x"));
                assertEquals("2", after.get("y"));
                assertNull(after.get("ghost"), "a removed entry comes back from an earlier generation's record");
            }
        }
    }

    /** Copies the state files as they are now; an open store's files have no permissions, which the copy lifts. */
    private static Path copy(Path live, Path target) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(live)) {
            for (Path file : files.toList()) {
                FilePermissions.set(file, FilePermissions.PRIVATE_FILE);
                Files.copy(file, target.resolve(file.getFileName()));
                FilePermissions.set(file, FilePermissions.NONE);
            }
        }
        return target;
    }
}
