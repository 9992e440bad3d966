package dev.chatlab.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudControlTest {

    @TempDir
    Path state;

    @Test
    void wipeState_deletesWhatAKilledLocalcloudLeftUnlistableOrUnreadable() throws Exception {
        Path data = state.resolve("localcloud");
        Path code = Files.createDirectories(data.resolve("lambda").resolve("code"));
        Files.writeString(Files.createDirectories(code.resolve("0123456789abcdef0123456789abcdef")).resolve("Handler.class"), "code");
        Path store = Files.writeString(data.resolve("state.mv.db"), "state");
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            // how localcloud leaves them while it runs (see the Lambda service's README)
            Files.setPosixFilePermissions(code, PosixFilePermissions.fromString("-wx------"));
            Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("---------"));
        }

        new CloudControl(new Kit(state, state), URI.create("http://localhost:1"), 0).wipeState();

        assertFalse(Files.exists(data));
    }
}
