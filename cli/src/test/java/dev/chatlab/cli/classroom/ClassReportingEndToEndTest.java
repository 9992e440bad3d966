package dev.chatlab.cli.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.cli.LabCli;
import dev.chatlab.labkit.CheckResult;
import dev.chatlab.labkit.StepReport;
import dev.chatlab.labkit.StepRunner;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A student's real commands report to the class: {@code lab step 1} (the exercise, through
 * JBang, stops at its TODO) and {@code lab check 1} (in the lab's JVM, on an empty localcloud
 * of its own) each show in the class as the student would see them.
 */
class ClassReportingEndToEndTest {

    @TempDir
    Path state;

    @TempDir
    Path classDirectory;

    List<String> common;

    @AfterEach
    void stopCloud() {
        if (common != null) {
            lab("cloud", "stop");
        }
    }

    @Test
    void stepAndCheck_ofAJoinedLab_showInTheClass() throws IOException {
        common = List.of("--endpoint", "http://localhost:" + freePort(), "--dns-port", String.valueOf(freePort()),
                "--state-dir", state.toString(), "--prefix", "cls-" + Long.toString(System.nanoTime() % 1_000_000, 36), "--lang", "en");
        try (RunningClass running = RunningClass.start(classDirectory)) {
            assertEquals(0, LabCli.execute("class", "join", running.uri().toString(), "--code", running.code(), "--name", "Minsu",
                    "--state-dir", state.toString(), "--lang", "en"));
            assertEquals(0, lab("cloud", "start"));

            assertEquals(StepRunner.TODO_LEFT, lab("step", "1"));
            StepReport todo = stepOne(running);
            assertEquals("todo", todo.outcome());
            assertTrue(!todo.message().isEmpty(), "the TODO it stopped at");

            assertEquals(StepRunner.CHECK_FAILED, lab("check", "1"));
            StepReport checked = stepOne(running);
            assertEquals("failed", checked.outcome());
            CheckResult failing = checked.results().stream().filter(CheckResult::failed).findFirst().orElseThrow();
            assertTrue(!failing.detail().isEmpty(), "a failed check arrives with its hint");
        }
    }

    private static StepReport stepOne(RunningClass running) {
        return running.store.students().get(0).steps().get(1).report();
    }

    private int lab(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(common);
        return LabCli.execute(all.toArray(String[]::new));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
