package dev.chatlab.localcloud.services.lambda.runtime;

import dev.chatlab.lambdaruntime.Bootstrap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A class-data-sharing archive of each function code revision's own start-up classes (the
 * runtime, the handler, its SDK clients, the classes of its first requests), recorded by the
 * revision's first instance once it has been idle a while after its invocations (or at its stop:
 * see the bootstrap's ClassArchiveRecorder) and given to every later one with
 * {@code -XX:SharedArchiveFile}: a cold start then maps those classes instead of loading and
 * verifying them, about half of its CPU.
 *
 * <p>The archive lives in the function's own code directory ({@value #DIRECTORY}), so no other
 * function can read it, and a new code revision, which gets a new directory, never starts from
 * an older revision's archive (the JVM would refuse it anyway: it checks every jar's size and
 * time). Its name carries the fingerprint of the JDK and the bootstrap, so a new JDK or kit
 * records a new one. It needs the package as a jar ({@value #PACKAGE_JAR}, which
 * DeploymentPackages writes beside the unpacked files: classes loaded from a directory cannot be
 * archived) and a bootstrap of jars only, as the lab runs it; otherwise, and until the archive
 * is recorded, instances start from the bootstrap's archive ({@link BootstrapArchive}).
 */
public final class FunctionArchives {

    /** localcloud's files inside a function's code directory. */
    static final String DIRECTORY = ".localcloud";
    /** The deployment package, unchanged, as a jar on the classpath in place of the unpacked files. */
    public static final String PACKAGE_JAR = DIRECTORY + "/package.jar";
    /** A revision whose recording failed this often starts from the bootstrap's archive from then on. */
    static final int MAX_RECORDINGS = 2;
    /** A JDK that cannot use or write an archive says so on stdout, which would reach the function's log. */
    static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

    private final BootstrapArchive bootstrap;
    private final boolean usable;
    private final long pauseMillis;
    /** Per code directory: how many recorders became instances, and the recorder's JVM, while there is one. */
    private final Map<Path, Recording> recordings = new ConcurrentHashMap<>();

    private static final class Recording {
        int started;
        ProcessHandle running;
    }

    /** @param pauseMillis how long a recorder waits after an invocation before it records (see the bootstrap's ClassArchiveRecorder) */
    FunctionArchives(BootstrapArchive bootstrap, long pauseMillis) {
        this(bootstrap, bootstrap.usable(), pauseMillis);
    }

    /** @param usable the bootstrap's classpath is all jars (an archive cannot hold classes of a directory) */
    FunctionArchives(BootstrapArchive bootstrap, boolean usable, long pauseMillis) {
        this.bootstrap = bootstrap;
        this.usable = usable;
        this.pauseMillis = pauseMillis;
    }

    /** The classpath entries, relative to the code directory, that stand for the function's code. */
    static List<String> codeClasspath(Path codeDirectory) {
        // the package jar holds exactly the unpacked root, so it goes first and "." last: the same classes, from a jar
        return Files.isRegularFile(codeDirectory.resolve(PACKAGE_JAR)) ? List.of(PACKAGE_JAR, "lib/*", ".") : List.of(".", "lib/*");
    }

    /**
     * How an instance of the code in {@code codeDirectory} starts: from its archive when there is
     * one; else as the recorder of it, when no other instance records it now (call
     * {@link #recording} with the process then); else from the bootstrap's archive.
     */
    synchronized Start startFor(Path java, Path codeDirectory) {
        String archive = archiveName(java);
        if (usable && Files.isRegularFile(codeDirectory.resolve(archive))) {
            return new Start(concat(List.of("-XX:SharedArchiveFile=" + archive), BootstrapArchive.USE_ARCHIVE), false);
        }
        Recording recording = recordings.computeIfAbsent(codeDirectory, key -> new Recording());
        boolean busy = recording.running != null && recording.running.isAlive();
        if (usable && Files.isRegularFile(codeDirectory.resolve(PACKAGE_JAR)) && !busy && recording.started < MAX_RECORDINGS) {
            // the list of the classes it loads: the recorder links them before its dump (see the bootstrap's ClassArchiveRecorder)
            return new Start(concat(List.of("-XX:+RecordDynamicDumpInfo", "-XX:DumpLoadedClassList=" + Bootstrap.classListOf(archive),
                    "-D" + Bootstrap.RECORD_CLASS_ARCHIVE + "=" + archive, "-D" + Bootstrap.RECORDING_PAUSE_MILLIS + "=" + pauseMillis), QUIET), true);
        }
        return new Start(bootstrap.optionsFor(java), false);
    }

    /**
     * True when nothing is left to record for the code in {@code codeDirectory}: its archive is
     * there, or it cannot be made (no package jar, a bootstrap of directories, two tries failed).
     * Only then may a JVM be started ahead for it: the first instance of new code must be one
     * started on demand, which records the archive, not a spare that would start without it.
     */
    synchronized boolean settled(Path java, Path codeDirectory) {
        if (!usable || !Files.isRegularFile(codeDirectory.resolve(PACKAGE_JAR)) || Files.isRegularFile(codeDirectory.resolve(archiveName(java)))) {
            return true;
        }
        Recording recording = recordings.get(codeDirectory);
        return recording != null && recording.started >= MAX_RECORDINGS;
    }

    /**
     * The JVM started with a {@link Start#records() recording} start is {@code process}: no other
     * records while it lives.
     */
    synchronized void recording(Path codeDirectory, ProcessHandle process) {
        // the books of code directories deleted since (code the functions no longer run) go, so they do not pile up
        recordings.keySet().removeIf(directory -> !Files.isDirectory(directory));
        recordings.computeIfAbsent(codeDirectory, key -> new Recording()).running = process;
    }

    /**
     * {@code process} became an instance: if it is the recorder, the recording counts as tried
     * (a spare JVM stopped unused, because its revision was replaced, does not).
     */
    synchronized void handedOver(Path codeDirectory, ProcessHandle process) {
        Recording recording = recordings.get(codeDirectory);
        if (recording != null && process.equals(recording.running)) {
            recording.started++;
        }
    }

    /**
     * True when {@code process} is the JVM that recorded a code directory's archive and the archive
     * is written: it has nothing left to record.
     */
    synchronized boolean recordedBy(Path java, ProcessHandle process) {
        for (Map.Entry<Path, Recording> recording : recordings.entrySet()) {
            if (process.equals(recording.getValue().running)) {
                return Files.isRegularFile(recording.getKey().resolve(archiveName(java)));
            }
        }
        return false;
    }

    /** True when {@code process} was started to record a code directory's archive (whether it has yet or not). */
    synchronized boolean isRecorder(ProcessHandle process) {
        return recordings.values().stream().anyMatch(recording -> process.equals(recording.running));
    }

    /** The archive's path relative to the code directory, for {@code java} and this bootstrap. */
    String archiveName(Path java) {
        return DIRECTORY + "/classes-" + bootstrap.fingerprint(java) + ".jsa";
    }

    /** JVM options, and whether they make the instance record the archive. */
    record Start(List<String> options, boolean records) {
    }

    static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
