package dev.chatlab.lambdaruntime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive a function's first instance records holds what later instances load, the classes
 * it only loaded (never linked) included: JDK 17's dump on demand leaves those out by itself. It
 * is recorded once the instance is idle after an invocation, or at its stop.
 */
class ClassArchiveRecorderTest {

    /** Loaded by the recording JVM by name and never used, so never linked there. */
    public static final class OnlyLoaded {
    }

    /**
     * The main class of the JVMs below: loads OnlyLoaded, then records, or serves invocations
     * (the number in args[1]) as the bootstrap counts them and waits to be stopped, or does nothing more.
     */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            Class.forName("dev.chatlab.lambdaruntime.ClassArchiveRecorderTest$OnlyLoaded", false, Probe.class.getClassLoader());
            if (args[0].equals("record")) {
                ClassArchiveRecorder.recordIfAsked();
            } else if (args[0].equals("serve")) {
                ClassArchiveRecorder.recordAtExitIfAsked();
                for (int invocation = 0; invocation < Integer.parseInt(args[1]); invocation++) {
                    ClassArchiveRecorder.invocationServed();
                }
                System.out.println("served");
                System.out.flush();
                Thread.sleep(120_000);
            }
        }
    }

    @TempDir
    Path directory;

    @Test
    void classNames_readsTheJvmsClassList_withoutCommentsOrLambdaLines() {
        List<String> lines = List.of("# NOTE: Do not modify this file.", "#", "java/lang/Object id: 0", "dev/chatlab/Foo$Bar",
                "@lambda-proxy java/lang/Runnable run ()V", "@lambda-form-invoker [LF_RESOLVE] java.lang.invoke.Invokers$Holder", "");

        assertEquals(List.of("java.lang.Object", "dev.chatlab.Foo$Bar"), ClassArchiveRecorder.classNames(lines));
    }

    @Test
    void aClassTheRecorderOnlyLoaded_isInTheArchive_soALaterInstanceMapsIt() throws Exception {
        String classpath = classpathOfJars();
        Path archive = directory.resolve("classes.jsa");

        Process recorder = java(List.of("-XX:+RecordDynamicDumpInfo", "-XX:DumpLoadedClassList=" + Bootstrap.classListOf(archive.toString()),
                "-D" + Bootstrap.RECORD_CLASS_ARCHIVE + "=" + archive, "-cp", classpath, Probe.class.getName(), "record"));
        assertEquals(0, recorder.waitFor(), output(recorder));
        assertTrue(Files.isRegularFile(archive), "the archive is written");
        assertTrue(Files.notExists(Path.of(Bootstrap.classListOf(archive.toString()))), "the class list is removed after the dump");

        Process later = java(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:on", "-Xlog:class+load=info",
                "-cp", classpath, Probe.class.getName(), "load"));
        String log = output(later);
        assertEquals(0, later.waitFor(), log);
        String loaded = log.lines().filter(line -> line.contains(OnlyLoaded.class.getName() + " source:")).findFirst().orElse(log);
        assertTrue(loaded.contains("shared objects file"), loaded);
    }

    @Test
    void anInstanceRecords_whenIdleAfterAnInvocation() throws Exception {
        Path archive = directory.resolve("idle.jsa");
        Process instance = servingInstance(classpathOfJars(), archive, 1, 200);

        assertTrue(appearsWithinAMinute(archive), "recorded while it waits for its next event");
        stop(instance);
    }

    @Test
    void aBusyInstance_recordsAfterItsHundredthInvocation_withoutWaitingForAPause() throws Exception {
        Path archive = directory.resolve("busy.jsa");
        Process instance = servingInstance(classpathOfJars(), archive, ClassArchiveRecorder.INVOCATIONS_BEFORE_RECORDING_ANYWAY, 600_000);

        assertTrue(appearsWithinAMinute(archive), "recorded at once, not after the 10 minutes it waits after a few invocations");
        stop(instance);
    }

    @Test
    void anInstanceStoppedBeforeItsPause_recordsAtItsStop_ifItServedAnInvocation() throws Exception {
        String classpath = classpathOfJars();
        Path none = directory.resolve("none.jsa");
        Path one = directory.resolve("one.jsa");

        stop(servingInstance(classpath, none, 0, 600_000));
        Process served = servingInstance(classpath, one, 1, 600_000);
        Thread.sleep(500);
        assertFalse(Files.isRegularFile(one), "not right after its invocation: it waits for a pause in its callers' traffic");
        stop(served);

        assertFalse(Files.isRegularFile(none), "it loaded nothing of the function's calls");
        assertTrue(Files.isRegularFile(one), "recorded by the shutdown hook at SIGTERM");
    }

    /** A recorder that has served {@code invocations} and records when idle for {@code idleMillis}; answers once it has served them. */
    private Process servingInstance(String classpath, Path archive, int invocations, long idleMillis) throws IOException {
        Process instance = java(List.of("-XX:+RecordDynamicDumpInfo", "-XX:DumpLoadedClassList=" + Bootstrap.classListOf(archive.toString()),
                "-D" + Bootstrap.RECORD_CLASS_ARCHIVE + "=" + archive, "-D" + Bootstrap.RECORDING_PAUSE_MILLIS + "=" + idleMillis,
                "-cp", classpath, Probe.class.getName(), "serve", String.valueOf(invocations)));
        BufferedReader lines = new BufferedReader(new InputStreamReader(instance.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = lines.readLine()) != null && !line.equals("served")) {
            // the JVM's own lines
        }
        return instance;
    }

    /** Whether {@code file} exists, or comes to within 60 s. */
    private static boolean appearsWithinAMinute(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.isRegularFile(file) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return Files.isRegularFile(file);
    }

    /** Stops it as localcloud stops a recorder (SIGTERM) and waits for its end. */
    private static void stop(Process instance) throws InterruptedException {
        instance.destroy();
        assertTrue(instance.waitFor(60, TimeUnit.SECONDS), "the instance ends after SIGTERM");
    }

    /** This module's classes and tests as one jar (an archive takes no classes from a directory), and the jars of the test classpath. */
    private String classpathOfJars() throws IOException {
        Path jar = directory.resolve("probe.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                Path root = Path.of(entry);
                if (Files.isDirectory(root)) {
                    addClasses(out, root);
                }
            }
        }
        List<String> entries = new ArrayList<>(List.of(jar.toString()));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith(".jar") && Files.isRegularFile(Path.of(entry))) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void addClasses(JarOutputStream out, Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace(File.separatorChar, '/');
                out.putNextEntry(new JarEntry(name));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
    }

    private Process java(List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC"));
        command.addAll(arguments);
        return new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
    }

    private static String output(Process process) throws IOException {
        try (OutputStream ignored = process.getOutputStream()) {
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
