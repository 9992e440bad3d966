package dev.chatlab.labkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the kit is checked out, found by walking up to the folder that holds {@code lab} and {@code labkit/}. */
public final class ProjectLayout {

    private ProjectLayout() {
    }

    /**
     * Where one step runs: the kit, its state folder, and the folder of the script that runs (the
     * student's step folder or its solution), as {@code $LAB_HOME}, {@code $LAB_STATE_DIR} and
     * {@code $LAB_STEP_DIR} tell a script that runs in a JVM of its own.
     */
    public record Run(Path root, Path stateDirectory, Path stepDirectory) {
    }

    /** The project root: $LAB_HOME if set, else the nearest ancestor of the working directory that holds the kit. */
    public static Path root() {
        String home = System.getenv("LAB_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
            if (Files.isDirectory(candidate.resolve("labkit")) && Files.exists(candidate.resolve("lab"))) {
                return candidate;
            }
        }
        return dir;
    }

    /** {@code .lab/} under the root, or $LAB_STATE_DIR: the lab's own state and localcloud's. */
    public static Path stateDirectory(Path root) {
        String dir = System.getenv("LAB_STATE_DIR");
        return dir != null && !dir.isBlank() ? Path.of(dir).toAbsolutePath() : root.resolve(".lab");
    }
}
