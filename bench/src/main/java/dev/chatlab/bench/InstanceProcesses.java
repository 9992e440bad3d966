package dev.chatlab.bench;

import java.util.List;
import java.util.stream.Stream;

/**
 * The JVMs of a function's instances on this machine, found by their command line: localcloud
 * starts each as {@code java ... -cp <bootstrap jars>:<code dir>/<package sha256>... Bootstrap}.
 * With an in-process cloud they are this JVM's descendants; with a localcloud at a loopback
 * endpoint, any process of the machine.
 */
final class InstanceProcesses {

    private static final String BOOTSTRAP = "dev.chatlab.lambdaruntime.Bootstrap";

    private InstanceProcesses() {
    }

    static List<ProcessHandle> of(String packageSha256Hex, boolean descendantsOnly) {
        Stream<ProcessHandle> candidates = descendantsOnly ? ProcessHandle.current().descendants() : ProcessHandle.allProcesses();
        return candidates.filter(process -> process.info().commandLine()
                        .filter(line -> line.contains(BOOTSTRAP) && line.contains(packageSha256Hex) && !line.contains("--warm-up"))
                        .isPresent())
                .toList();
    }

    /** Whether the instance was started from localcloud's class-data-sharing archive. */
    static boolean usesStartupArchive(ProcessHandle process) {
        return process.info().commandLine().map(line -> line.contains("-XX:SharedArchiveFile=")).orElse(false);
    }
}
