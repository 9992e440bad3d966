package dev.chatlab.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One step's JBang script: the student's version in the step folder and the completed one
 * under solutions/. A script is the {@code .java} file of the folder whose first line is
 * JBang's {@code ///usr/bin/env jbang} line.
 */
public record StepScript(int number, Path folder, Path exercise, Path solution) {

    /** What the generated exercise code throws where a TODO is left (see ExerciseGenerator). */
    static final List<String> TODO_MARKS = List.of("Todo.missing(", "UnsupportedOperationException(\"TODO(");

    public static Optional<StepScript> of(Kit kit, Path folder) {
        return findScript(folder).map(exercise -> new StepScript(Kit.stepNumber(folder), folder, exercise,
                kit.solutions().resolve(folder.getFileName()).resolve(exercise.getFileName())));
    }

    public static Optional<StepScript> of(Kit kit, int number) {
        return kit.stepFolders().stream().filter(folder -> Kit.stepNumber(folder) == number).findFirst()
                .flatMap(folder -> of(kit, folder));
    }

    static Optional<Path> findScript(Path folder) {
        try (var files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".java"))
                    .filter(StepScript::isJBangScript)
                    .findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isJBangScript(Path file) {
        try (var lines = Files.lines(file)) {
            return lines.findFirst().orElse("").startsWith("///usr/bin/env jbang");
        } catch (IOException e) {
            return false;
        }
    }

    /** True while the student's version (the script, and step 6's function sources) still stops at a TODO. */
    public boolean hasTodoLeft() {
        return javaFiles(folder).stream().anyMatch(StepScript::hasTodo);
    }

    static boolean hasTodo(Path file) {
        try {
            String text = Files.readString(file);
            return TODO_MARKS.stream().anyMatch(text::contains);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Java sources of a step folder (or its solution), build output left out. */
    static List<Path> javaFiles(Path folder) {
        try (var files = Files.walk(folder)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> !folder.relativize(file).toString().startsWith("target"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
