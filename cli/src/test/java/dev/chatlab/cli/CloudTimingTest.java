package dev.chatlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --timing aws|fast}: the cloud starts with AWS's timing unless told, and a command that asks for the other restarts it. */
class CloudTimingTest {

    @TempDir
    Path state;
    private List<String> common;
    private boolean started;

    private LabRun lab(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(common);
        return LabRun.of(all.toArray(String[]::new));
    }

    @AfterEach
    void stop() {
        if (started) {
            lab("cloud", "stop");
        }
    }

    @Test
    void cloudStart_takesTheAwsTiming_keepsARunningCloudsTiming_andRestartsForAnother() throws IOException {
        common = List.of("--endpoint", "http://localhost:" + freePort(), "--dns-port", String.valueOf(freePort()),
                "--state-dir", state.toString(), "--lang", "en");
        LabRun first = lab("cloud", "start");
        started = true;
        assertEquals(0, first.exit(), first.output());
        assertTrue(first.output().contains("timing aws"), first.output());

        LabRun fast = lab("cloud", "start", "--timing", "fast");
        assertTrue(fast.output().contains("localcloud runs with the aws timing: restarting it with fast (its state is kept)"), fast.output());
        assertTrue(fast.output().contains("timing fast"), fast.output());

        LabRun again = lab("cloud", "start");
        assertTrue(again.output().contains("localcloud is running at") && again.output().contains("(timing fast)"), again.output());
    }

    @Test
    void anUnknownTiming_isAUsageErrorThatNamesBoth() throws IOException {
        common = List.of("--endpoint", "http://localhost:" + freePort(), "--state-dir", state.toString(), "--lang", "en");
        LabRun run = lab("cloud", "start", "--timing", "slow");
        assertEquals(2, run.exit(), run.output());
        assertTrue(run.output().contains("'slow' is no timing: use aws (AWS-like waits, the default) or fast"), run.output());
        assertFalse(run.output().contains("Exception"), run.output());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
