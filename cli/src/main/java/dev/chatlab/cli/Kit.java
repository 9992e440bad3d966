package dev.chatlab.cli;

import dev.chatlab.labkit.ProjectLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Where the kit's parts are on disk: the steps, the solutions, the built jars, the state. */
public record Kit(Path root, Path stateDirectory) {

    public static final String VERSION = "0.1.0";

    public static Kit locate(Path stateDirectoryOption) {
        Path root = ProjectLayout.root();
        Path state = stateDirectoryOption != null ? stateDirectoryOption.toAbsolutePath() : ProjectLayout.stateDirectory(root);
        return new Kit(root, state);
    }

    public Path solutions() {
        return root.resolve("solutions");
    }

    /** The jars of this launcher's build (JBang among them). */
    public Path cliLibraries() {
        return root.resolve("cli/target/lib");
    }

    public Path localCloudJar() {
        return root.resolve("localcloud/target/localcloud-" + VERSION + ".jar");
    }

    public Path localCloudLibraries() {
        return root.resolve("localcloud/target/lib");
    }

    public Path localCloudData() {
        return stateDirectory.resolve("localcloud");
    }

    public Path localCloudLog() {
        return stateDirectory.resolve("localcloud.log");
    }

    /** The token localcloud writes at start and wants back for its control endpoints (shutdown). */
    public Path localCloudToken() {
        return stateDirectory.resolve("localcloud.token");
    }

    public Path localCloudPid() {
        return stateDirectory.resolve("localcloud.pid");
    }

    /** The step folders in order: step1-s3-bucket, step2-static-hosting, ... */
    public List<Path> stepFolders() {
        try (var folders = Files.list(root)) {
            return folders.filter(Files::isDirectory)
                    .filter(path -> path.getFileName().toString().matches("step\\d+-.+"))
                    .sorted((a, b) -> Integer.compare(stepNumber(a), stepNumber(b)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The last step of the chat built by hand (1-8): what {@code lab up} and {@code lab check --all}
     * cover. Step 9 builds a second chat from a template, beside the first; it runs when asked
     * ({@code lab step 9}, {@code lab up --to 9}).
     */
    public static final int LAST_CORE_STEP = 8;

    /** The step folders of steps 1-{@value #LAST_CORE_STEP}: the chat that steps build by hand. */
    public List<Path> coreStepFolders() {
        return stepFolders().stream().filter(folder -> stepNumber(folder) <= LAST_CORE_STEP).toList();
    }

    public static int stepNumber(Path folder) {
        String name = folder.getFileName().toString();
        return Integer.parseInt(name.substring(4, name.indexOf('-')));
    }

    /** The java launcher of the JVM running this, so children run on the same JDK. */
    public static String javaExecutable() {
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        return bin.resolve(isWindows() ? "java.exe" : "java").toString();
    }

    public static boolean isWindows() {
        return System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");
    }
}
