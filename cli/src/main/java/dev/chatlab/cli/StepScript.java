package dev.chatlab.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One step's JBang script: the student's version in the step folder and the completed one
 * under solutions/. A script is the {@code .java} file of the folder whose first line is
 * JBang's {@code ///usr/bin/env jbang} line.
 */
public record StepScript(int number, Path folder, Path exercise, Path solution) {

    /** What the generated exercise code throws where a TODO is left (see ExerciseGenerator). */
    static final String TODO_MARK = "Todo.missing(";

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

    /** True while the student's version still stops at a TODO. */
    public boolean hasTodoLeft() {
        try {
            return Files.readString(exercise).contains(TODO_MARK);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
