package dev.chatlab.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The JVMs of a function's instances on this machine: localcloud starts each as
 * {@code java ... Bootstrap} with {@code AWS_LAMBDA_FUNCTION_NAME} in its process environment
 * (read from {@code /proc/<pid>/environ}; nothing else of the function is there, see the
 * Lambda service's README). With an in-process cloud they are this JVM's descendants; with a
 * localcloud at a loopback endpoint, any process of the machine.
 */
final class InstanceProcesses {

    private static final String BOOTSTRAP = "dev.chatlab.lambdaruntime.Bootstrap";

    private InstanceProcesses() {
    }

    static List<ProcessHandle> of(String functionName, boolean descendantsOnly) {
        Stream<ProcessHandle> candidates = descendantsOnly ? ProcessHandle.current().descendants() : ProcessHandle.allProcesses();
        return candidates.filter(process -> process.info().commandLine()
                        .filter(line -> line.contains(BOOTSTRAP) && !line.contains("--warm-up"))
                        .isPresent())
                .filter(process -> runs(process, functionName).orElse(descendantsOnly))
                .toList();
    }

    /** Whether the process's environment names the function; empty without /proc (macOS, Windows). */
    private static Optional<Boolean> runs(ProcessHandle process, String functionName) {
        try {
            String environment = "\0" + new String(Files.readAllBytes(Path.of("/proc", String.valueOf(process.pid()), "environ")),
                    StandardCharsets.UTF_8);
            return Optional.of(environment.contains("\0AWS_LAMBDA_FUNCTION_NAME=" + functionName + "\0"));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether the instance was started from localcloud's class-data-sharing archive. */
    static boolean usesStartupArchive(ProcessHandle process) {
        return process.info().commandLine().map(line -> line.contains("-XX:SharedArchiveFile=")).orElse(false);
    }
}
