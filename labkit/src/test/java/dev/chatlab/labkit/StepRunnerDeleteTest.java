package dev.chatlab.labkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./lab step N --delete}: a step that built one stack takes it back; any other step says what deletes instead. */
class StepRunnerDeleteTest {

    @TempDir
    Path state;

    private final List<String> called = new ArrayList<>();

    private class Stack implements RemovableStep {
        public int number() {
            return 9;
        }

        public Text title() {
            return Text.of("stack", "스택");
        }

        public void run(Lab lab) {
            called.add("run");
        }

        public void check(Lab lab, Checks checks) {
            called.add("check");
        }

        public void delete(Lab lab) {
            called.add("delete");
        }
    }

    private class Plain implements LabStep {
        public int number() {
            return 3;
        }

        public Text title() {
            return Text.of("plain", "보통");
        }

        public void run(Lab lab) {
            called.add("run");
        }

        public void check(Lab lab, Checks checks) {
            called.add("check");
        }
    }

    private String deleting(LabStep step, String outcome) {
        LabOptions options = new LabOptions();
        options.lang = "en";
        options.prefix = "delete-test";
        options.endpoint = "http://localhost:9";
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (Lab lab = new Lab(LabSettings.resolve(options, state, state.resolve(".lab")),
                new Console(new PrintStream(printed, true, StandardCharsets.UTF_8), false, Lang.EN))) {
            StepRunner runner = new StepRunner(step);
            runner.delete = true;
            assertEquals(outcome, runner.runAndCheck(lab).outcome());
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void delete_onAStepThatBuiltAStack_deletesIt_andNeitherRunsNorChecks() {
        deleting(new Stack(), "passed");
        assertEquals(List.of("delete"), called);
    }

    @Test
    void delete_onAnyOtherStep_changesNothing_andNamesTeardown() {
        String output = deleting(new Plain(), "error");
        assertTrue(output.contains("Step 3 has no --delete: ./lab teardown deletes everything the lab built."), output);
        assertEquals(List.of(), called);
    }
}
