package dev.chatlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards the pair of every step: the exercise in the step folder is exactly what its
 * solution implies, it still stops at its TODOs, and both versions compile against labkit
 * and the SDK (so that no script rots, the exercises included).
 */
class ExercisesTest {

    static final Kit KIT = Kit.locate(null);

    @Test
    void everyExerciseAgreesWithItsSolution() {
        List<Path> drifted = ExerciseGenerator.drifted(KIT);
        assertEquals(List.of(), drifted, "exercises differ from solutions/: run ./lab exercises and commit the result");
    }

    @Test
    void everyStepHasAScriptWithTodosAndASolutionWithout() {
        List<StepScript> steps = steps();
        assertFalse(steps.isEmpty(), "no step scripts found under " + KIT.root());
        for (StepScript step : steps) {
            assertTrue(step.hasTodoLeft(), step.exercise() + " has no TODO left for the student");
            assertTrue(Files.exists(step.solution()), "no solution for " + step.exercise());
            Path solutionFolder = step.solution().getParent();
            assertFalse(StepScript.javaFiles(solutionFolder).stream().anyMatch(StepScript::hasTodo), solutionFolder + " must be complete");
        }
    }

    @TestFactory
    Stream<DynamicTest> everyScriptCompiles(@TempDir Path classes) {
        return steps().stream().flatMap(step -> Stream.of(step.exercise(), step.solution()))
                .map(script -> DynamicTest.dynamicTest(KIT.root().relativize(script).toString(), () -> compile(List.of(script), classes)));
    }

    /** Step 6's functions are a Maven module: its sources compile together, the exercise's too. */
    @TestFactory
    Stream<DynamicTest> everyFunctionModuleCompiles(@TempDir Path classes) {
        return steps().stream().flatMap(step -> Stream.of(step.folder(), step.solution().getParent()))
                .map(folder -> folder.resolve("src/main/java"))
                .filter(Files::isDirectory)
                .map(sources -> DynamicTest.dynamicTest(KIT.root().relativize(sources).toString(),
                        () -> compile(StepScript.javaFiles(sources), classes)));
    }

    private static List<StepScript> steps() {
        return KIT.stepFolders().stream().map(folder -> StepScript.of(KIT, folder)).flatMap(Optional::stream).toList();
    }

    private static void compile(List<Path> sources, Path classesRoot) throws IOException {
        StepCompiler.compile(sources, Files.createDirectories(classesRoot.resolve(Integer.toHexString(sources.get(0).hashCode()))));
    }
}
