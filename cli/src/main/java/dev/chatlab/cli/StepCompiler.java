package dev.chatlab.cli;

import dev.chatlab.labkit.LabStep;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a step script in this JVM, against this JVM's class path (the launcher's, which holds
 * what every script //DEPS on), and loads its {@link LabStep}. Running eight steps' checks this
 * way costs one JVM start instead of sixteen (a JBang JVM and a script JVM per step). The
 * classes are kept in a cache folder, keyed by the script's text and the kit's build, so a
 * script is compiled once per change; a JVM that works on several labs (the tests build a few,
 * each on a state folder of its own) copies what it compiled for one into the others' caches.
 */
public final class StepCompiler {

    /** One compilation at a time in this JVM: steps checked at once must not compile the same script twice. */
    private static final Object COMPILING = new Object();

    /** The cache entries this JVM compiled or loaded, by name (script, its text, the class path); guarded by COMPILING. */
    private static final Map<String, Path> KNOWN = new HashMap<>();

    /** How many scripts this JVM has compiled (not copied): for tests. */
    private static int compilations;

    private final Path cache;

    public StepCompiler(Path cache) {
        this.cache = cache;
    }

    /** The step of {@code script}, compiled now or taken from the cache. */
    public LabStep load(Path script) {
        try {
            Path classes = cache.resolve(family(script) + fingerprint(script));
            synchronized (COMPILING) {
                if (!Files.isDirectory(classes)) {
                    compileAtomically(script, classes);
                }
                KNOWN.put(classes.getFileName().toString(), classes);
            }
            return instantiate(classes, className(script));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compile " + script + ": " + e.getMessage(), e);
        }
    }

    /** Compiles {@code sources} together into {@code classes}; sources that do not compile throw with javac's messages. */
    public static void compile(List<Path> sources, Path classes) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("this Java has no compiler: run the lab with a JDK, not a JRE");
        }
        StringWriter errors = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            boolean compiled = javac.getTask(errors, files, null,
                    List.of("--release", "17", "-proc:none", "-encoding", "UTF-8", "-nowarn",
                            "-classpath", System.getProperty("java.class.path"), "-d", classes.toString()),
                    null, files.getJavaFileObjectsFromPaths(sources)).call();
            if (!compiled) {
                throw new IllegalStateException(sources.get(0).getFileName() + " does not compile:\n" + errors);
            }
        }
    }

    /** Loads the compiled {@code className} (a step script's public class) from {@code classes}. */
    public static LabStep instantiate(Path classes, String className) {
        try {
            // Not closed: the step's classes are used until this JVM ends.
            URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, StepCompiler.class.getClassLoader());
            return (LabStep) loader.loadClass(className).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | IOException e) {
            throw new IllegalStateException("cannot load " + className + " from " + classes + ": " + e, e);
        }
    }

    /** What the cache entries of one script's versions start with: its class and its folder (a step's exercise and solution share a name). */
    private static String family(Path script) {
        return className(script) + "-" + Integer.toHexString(script.toAbsolutePath().getParent().hashCode()) + "-";
    }

    public static String className(Path script) {
        return script.getFileName().toString().replaceFirst("\\.java$", "");
    }

    /** Compiled beside the cache entry and moved in at once, so that two lab commands never see half a folder. */
    private void compileAtomically(Path script, Path classes) throws IOException {
        Files.createDirectories(cache);
        Path building = Files.createTempDirectory(cache, "building-");
        if (!copiedFromAnotherCache(classes.getFileName().toString(), building)) {
            compile(List.of(script), building);
            compilations++;
        }
        try {
            Files.move(building, classes, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileSystemException e) {
            deleteTree(building);
            if (!Files.isDirectory(classes)) {
                throw e;
            }
            // Another lab command compiled the same script meanwhile: its classes are the same.
        }
        deleteOtherVersions(script, classes);
    }

    /** Copies the same entry of another cache of this JVM into {@code building}, when there is one still. */
    private static boolean copiedFromAnotherCache(String entry, Path building) throws IOException {
        Path known = KNOWN.get(entry);
        if (known == null || !Files.isDirectory(known)) {
            return false;
        }
        try (var files = Files.walk(known)) {
            for (Path file : files.toList()) {
                Path copy = building.resolve(known.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
            return true;
        } catch (IOException | UncheckedIOException e) {
            // that lab's state folder went away meanwhile: compiled anew
            deleteTree(building);
            Files.createDirectories(building);
            return false;
        }
    }

    /** How many scripts this JVM has compiled rather than copied from another cache. */
    static int compilations() {
        synchronized (COMPILING) {
            return compilations;
        }
    }

    private void deleteOtherVersions(Path script, Path current) throws IOException {
        try (var entries = Files.list(cache)) {
            for (Path entry : entries.toList()) {
                if (!entry.equals(current) && entry.getFileName().toString().startsWith(family(script))) {
                    deleteTree(entry);
                }
            }
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        try (var files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /**
     * The script's text, the class path and when each of its entries last changed: a rebuilt
     * labkit must recompile the scripts that call it.
     */
    private static String fingerprint(Path script) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(Files.readAllBytes(script));
            digest.update(System.getProperty("java.version").getBytes(StandardCharsets.UTF_8));
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                Path path = Path.of(entry);
                digest.update(entry.getBytes(StandardCharsets.UTF_8));
                if (Files.exists(path)) {
                    digest.update(Long.toString(Files.getLastModifiedTime(path).toMillis()).getBytes(StandardCharsets.UTF_8));
                }
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
