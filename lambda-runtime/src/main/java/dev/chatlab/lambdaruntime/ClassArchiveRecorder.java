package dev.chatlab.lambdaruntime;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.ObjectName;

/**
 * Records the classes this instance has loaded into a class-data-sharing archive, once, when it
 * has been idle for {@link #IDLE_BEFORE_RECORDING_MILLIS} after an invocation, or when it is
 * stopped having served one: by then the JVM has loaded what a cold start of this function needs
 * (the runtime, the handler, the SDK clients its init built and the classes of its requests'
 * calls). localcloud starts the function's later instances from that archive, which spares them
 * most of the class loading and verification of a cold start.
 *
 * <p>Not right after the first invocation: a new function's first invocations are often test
 * events that end early (the lab's check of step 6 sends get-messages a bad room id, and more,
 * before its tables exist), and an archive of their classes alone left every later cold start
 * loading the real call's classes from the jar (about 470 for a history call, measured). The JVM
 * dumps only once, so the instance waits for a pause in its callers' traffic (a check, a test
 * run, a student trying the chat) and records then, while it waits for its next event; an event
 * that arrives during the dump waits for it (about a second). An instance under steady traffic
 * records after its {@link #INVOCATIONS_BEFORE_RECORDING_ANYWAY}th invocation without a pause.
 * localcloud stops a recorder with SIGTERM, and a shutdown hook records then if the pause never came.
 *
 * <p>localcloud asks for it with the system property {@link Bootstrap#RECORD_CLASS_ARCHIVE} (the archive's path,
 * relative to the function's directory) and {@code -XX:+RecordDynamicDumpInfo}; the dump is the
 * JVM's own ({@code jcmd VM.cds dynamic_dump}, JDK 17+), asked through its diagnostic MBean. It
 * is written beside the final name and renamed into place, so a reader never sees half of it.
 * Nothing of it reaches the function's log: an archive that cannot be made is simply not there.
 *
 * <p>JDK 17's dump on demand leaves out every class that is loaded but not yet linked (its
 * dump at exit links them first): the many classes the verifier loads only to check a type,
 * the SDK's model classes its client names, a third of what a cold start loads. Each later
 * instance then read those from the jar and verified them. So before the dump the recorder
 * links what it has loaded (reflection links a class without initializing it: no code of the
 * function or its libraries runs), reading their names from the list the JVM writes of them
 * ({@code -XX:DumpLoadedClassList}, the file {@link Bootstrap#classListOf}).
 */
final class ClassArchiveRecorder {

    /** How long the instance waits after an invocation before it records (see the class comment). */
    static final long IDLE_BEFORE_RECORDING_MILLIS = Long.getLong(Bootstrap.RECORDING_PAUSE_MILLIS, 20_000);
    /**
     * An instance that has served this many invocations has run its real calls many times over (a
     * check's few test events never reach it), and under steady traffic, a class chatting right
     * after the deploy, a pause of 20 s may never come (the busiest idle instance takes each invoke):
     * it records right after that invocation instead, so the instances started for the rising load
     * start from the archive. The invocation that arrives during the dump waits for it, once.
     */
    static final int INVOCATIONS_BEFORE_RECORDING_ANYWAY = 100;
    private static final AtomicInteger SERVED = new AtomicInteger();
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "localcloud-class-archive-timer");
        thread.setDaemon(true);
        return thread;
    });
    private static ScheduledFuture<?> pending;

    private ClassArchiveRecorder() {
    }

    /**
     * When localcloud asked for an archive: has it recorded when the JVM is stopped, if an
     * invocation was served by then (an instance that served none loaded nothing of the function's calls).
     */
    static void recordAtExitIfAsked() {
        String target = System.getProperty(Bootstrap.RECORD_CLASS_ARCHIVE);
        if (target != null && !target.isBlank()) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (SERVED.get() > 0) {
                    recordIfAsked();
                }
            }, "localcloud-class-archive"));
        }
    }

    /** An invocation has ended: the archive, if localcloud asked for one, is recorded once none has come for a while. */
    static synchronized void invocationServed() {
        SERVED.incrementAndGet();
        String target = System.getProperty(Bootstrap.RECORD_CLASS_ARCHIVE);
        if (target == null || target.isBlank()) {
            return;
        }
        if (pending != null) {
            pending.cancel(false);
        }
        long pause = SERVED.get() >= INVOCATIONS_BEFORE_RECORDING_ANYWAY ? 0 : IDLE_BEFORE_RECORDING_MILLIS;
        pending = TIMER.schedule(ClassArchiveRecorder::recordIfAsked, pause, TimeUnit.MILLISECONDS);
    }

    /** Records the archive if localcloud asked for one; at most once per JVM (the shutdown hook may race the invocation loop). */
    static synchronized void recordIfAsked() {
        String target = System.getProperty(Bootstrap.RECORD_CLASS_ARCHIVE);
        if (target == null || target.isBlank()) {
            return;
        }
        System.clearProperty(Bootstrap.RECORD_CLASS_ARCHIVE);
        Path archive = Path.of(target);
        Path partial = archive.resolveSibling(archive.getFileName() + ".tmp");
        Path classList = Path.of(Bootstrap.classListOf(target));
        try {
            linkLoadedClasses(classList);
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
        } finally {
            try {
                Files.deleteIfExists(classList);
            } catch (IOException ignored) {
                // still open on Windows: it is written again, from the start, by the next recorder
            }
        }
    }

    /**
     * Links the classes the JVM listed as loaded; linking verifies a class, which may load more,
     * so the list is read again until nothing new was linked (a few rounds). A class that cannot
     * be linked (a missing optional dependency) is left out of the archive, as the JVM would.
     */
    static void linkLoadedClasses(Path classList) throws IOException {
        if (!Files.isRegularFile(classList)) {
            return;
        }
        ClassLoader loader = ClassLoader.getSystemClassLoader();
        Set<String> done = new HashSet<>();
        for (int round = 0; round < 4; round++) {
            boolean linkedAny = false;
            for (String name : classNames(Files.readAllLines(classList))) {
                if (done.add(name)) {
                    linkedAny = true;
                    try {
                        Class.forName(name, false, loader).getDeclaredConstructors(); // links, does not initialize
                    } catch (LinkageError | ClassNotFoundException | SecurityException unlinkable) {
                        // not archived, as the JVM's own dump would leave it out
                    }
                }
            }
            if (!linkedAny) {
                return;
            }
        }
    }

    /**
     * The binary names in a class list: one class a line ({@code java/lang/Object}, maybe followed
     * by ids), without its comments and the {@code @}-lines of lambda proxies and invokers.
     */
    static List<String> classNames(List<String> lines) {
        return lines.stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#") && !line.startsWith("@"))
                .map(line -> line.split(" ", 2)[0].replace('/', '.'))
                .toList();
    }
}
