package dev.chatlab.lambdaruntime;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.management.ObjectName;

/**
 * Records the classes this instance has loaded into a class-data-sharing archive, once, after
 * its first invocation: by then the JVM has loaded what a cold start of this function needs
 * (the runtime, the handler, the SDK clients its init built and the classes of its first
 * request's calls). localcloud starts the function's later instances from that archive, which
 * spares them most of the class loading and verification of a cold start.
 *
 * <p>localcloud asks for it with the system property {@link Bootstrap#RECORD_CLASS_ARCHIVE} (the archive's path,
 * relative to the function's directory) and {@code -XX:+RecordDynamicDumpInfo}; the dump is the
 * JVM's own ({@code jcmd VM.cds dynamic_dump}, JDK 17+), asked through its diagnostic MBean. It
 * is written beside the final name and renamed into place, so a reader never sees half of it.
 * Nothing of it reaches the function's log: an archive that cannot be made is simply not there.
 */
final class ClassArchiveRecorder {

    private ClassArchiveRecorder() {
    }

    /** Records the archive if localcloud asked for one; at most once per JVM. */
    static void recordIfAsked() {
        String target = System.getProperty(Bootstrap.RECORD_CLASS_ARCHIVE);
        if (target == null || target.isBlank()) {
            return;
        }
        System.clearProperty(Bootstrap.RECORD_CLASS_ARCHIVE);
        Path archive = Path.of(target);
        Path partial = archive.resolveSibling(archive.getFileName() + ".tmp");
        try {
            Files.createDirectories(archive.toAbsolutePath().getParent());
            Files.deleteIfExists(partial);
            ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmCds",
                    new Object[] {new String[] {"dynamic_dump", partial.toString()}}, new String[] {String[].class.getName()});
            if (Files.isRegularFile(partial)) {
                Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (Exception | LinkageError e) {
            // no archive: later instances start as this one did
            try {
                Files.deleteIfExists(partial);
            } catch (Exception ignored) {
                // a leftover partial file is never used: only the final name is
            }
        }
    }
}
