package dev.chatlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.labkit.LabStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A step script is compiled once per JVM, however many labs (each with its own state folder and cache) load it. */
class StepCompilerTest {

    @TempDir
    Path first;
    @TempDir
    Path second;
    @TempDir
    Path third;

    @Test
    void aSecondLabsCache_copiesWhatTheFirstCompiled_andOnceBothAreGoneTheScriptIsCompiledAgain() throws IOException {
        Path script = StepScript.of(Kit.locate(null), 1).orElseThrow().solution();
        LabStep fromFirst = new StepCompiler(first).load(script);
        int compiled = StepCompiler.compilations();

        LabStep fromSecond = new StepCompiler(second).load(script);

        assertEquals(compiled, StepCompiler.compilations(), "the second cache copied the first's classes");
        assertEquals(fromFirst.number(), fromSecond.number());
        assertEquals(classFiles(first), classFiles(second));

        deleteContents(first);
        deleteContents(second);
        LabStep fromThird = new StepCompiler(third).load(script);

        assertEquals(compiled + 1, StepCompiler.compilations(), "with nothing left to copy, it is compiled");
        assertEquals(1, fromThird.number());
        assertTrue(classFiles(third).contains(StepCompiler.className(script) + ".class"), classFiles(third));
    }

    private static String classFiles(Path cache) throws IOException {
        try (Stream<Path> files = Files.walk(cache)) {
            return files.filter(f -> f.toString().endsWith(".class")).map(f -> f.getFileName().toString()).sorted().toList().toString();
        }
    }

    private static void deleteContents(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).filter(f -> !f.equals(folder)).toList()) {
                Files.delete(file);
            }
        }
    }
}
