package dev.chatlab.labkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    private class Stack extends Plain implements RemovableStep {
        @Override
        public int number() {
            return 9;
        }

        public void delete(Lab lab) {
            called.add("delete");
        }
    }

    @Test
    void delete_onAStepThatBuiltAStack_deletesIt_andNeitherRunsNorChecks() {
        assertEquals("passed", StepRun.of(state, new Stack(), true).report().outcome());
        assertEquals(List.of("delete"), called);
    }

    @Test
    void delete_onAnyOtherStep_changesNothing_andNamesTeardown() {
        StepRun run = StepRun.of(state, new Plain(), true);
        assertEquals("error", run.report().outcome());
        String output = run.output();
        assertTrue(output.contains("Step 3 has no --delete: ./lab teardown deletes everything the lab built."), output);
        assertEquals(List.of(), called);
    }
}
