package dev.chatlab.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a step's JBang script with JBang from Maven Central ({@code dev.jbang:jbang-cli}, in the
 * launcher's lib folder), so that no student has to install JBang. Run that way, JBang
 * resolves the script's //DEPS, compiles it (cached), prints the java command that runs it
 * and exits 255, leaving the run to its caller, as JBang's own shell launcher does.
 */
final class JBangRunner {

    /** JBang's "run this command for me" exit code. */
    static final int EXECUTE_PRINTED_COMMAND = 255;

    private final Kit kit;

    JBangRunner(Kit kit) {
        this.kit = kit;
    }

    /**
     * JBang rebuilds a script when the script changes, not when a dependency's jar does; after
     * labkit is rebuilt, a cached script could call a labkit method that no longer exists. So
     * the first run of each script after a labkit build asks JBang for a fresh build.
     */
    private boolean labkitChangedSinceLastBuildOf(Path script) {
        Path labkit = kit.root().resolve("labkit/target/labkit-" + Kit.VERSION + ".jar");
        Path stamp = kit.stateDirectory().resolve("jbang").resolve(Integer.toHexString(script.toAbsolutePath().toString().hashCode()) + ".stamp");
        try {
            if (Files.exists(stamp) && Files.exists(labkit)
                    && Files.getLastModifiedTime(stamp).compareTo(Files.getLastModifiedTime(labkit)) >= 0) {
                return false;
            }
            Files.createDirectories(stamp.getParent());
            Files.writeString(stamp, script.toString());
            return true;
        } catch (IOException e) {
            return true;
        }
    }

    /** Runs {@code script} with {@code args}, its output on this console; answers its exit code. */
    int run(Path script, List<String> args, Map<String, String> environment) {
        if (!Files.isDirectory(kit.cliLibraries())) {
            throw new IllegalStateException("JBang is missing from " + kit.cliLibraries() + ": build the kit first (./lab runs ./mvnw install).");
        }
        List<String> jbang = new ArrayList<>(List.of(Kit.javaExecutable(), "-cp", kit.cliLibraries() + "/*",
                "dev.jbang.Main", "run"));
        if (labkitChangedSinceLastBuildOf(script)) {
            jbang.add("--fresh");
        }
        jbang.add(script.toString());
        jbang.addAll(args);
        try {
            ProcessBuilder builder = new ProcessBuilder(jbang).directory(kit.root().toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .redirectInput(ProcessBuilder.Redirect.INHERIT);
            builder.environment().putAll(environment);
            builder.environment().put("JBANG_NO_VERSION_CHECK", "true");
            Process process = builder.start();
            String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            int exit = process.waitFor();
            if (exit != EXECUTE_PRINTED_COMMAND) {
                if (!printed.isEmpty()) {
                    System.out.println(printed);
                }
                return exit;
            }
            List<String> command = ShellWords.split(printed, !Kit.isWindows());
            ProcessBuilder step = new ProcessBuilder(command).directory(kit.root().toFile()).inheritIO();
            step.environment().putAll(environment);
            return step.start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run JBang: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }
}
