package dev.chatlab.localcloud.services.lambda;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.core.FilePermissions;
import dev.chatlab.localcloud.services.lambda.model.FunctionConfig;
import dev.chatlab.localcloud.services.lambda.runtime.CodeDirectories;
import dev.chatlab.localcloud.services.lambda.runtime.FunctionArchives;
import dev.chatlab.localcloud.storage.Storage;
import dev.chatlab.localcloud.storage.StoredMap;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Deployment packages: the zip bytes live in Storage (keyed by their SHA-256), and each
 * function unpacks its package into a directory of its own, the directory its instances run in
 * and their classpath points at. The code directory is under the data directory, or a
 * temporary one for an in-memory cloud (deleted on close).
 *
 * <p>Functions keep out of each other's code by name (see "Isolation between functions" in
 * this package's README): each function's directory has a random name (128 bits) and permissions 0700, under a
 * code directory that nobody may list (0300) while localcloud runs, so an instance reaches its
 * own directory, which it is started in, and no other. The names are kept in the state file,
 * so that a restart finds the unpacked code again; localcloud restores the code directory's
 * read permission when it stops, so that the user's own tools can delete it.
 *
 * <p>A directory is freed as soon as nothing needs it: once its function runs other code (or
 * was deleted) and the last JVM that ran from it has exited (see {@link CodeDirectories}); the
 * directories left over from a cloud that stopped go at the next start ({@link #keepOnly}).
 * Every revision's directory holds its unpacked files, the package as a jar and its class
 * archive (the chat's: about 150 MB), so a lab that deploys new code again and again would
 * otherwise fill the disk while the cloud runs.
 */
public final class DeploymentPackages implements CodeDirectories, AutoCloseable {

    /** Lambda's limit on the unpacked size of a package. */
    static final long MAX_UNZIPPED_BYTES = 262_144_000L;
    private static final String RUNTIME_DIRECTORY = ".runtime";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Compiled once: a package of the AWS SDK has thousands of entries, each checked with them. */
    private static final Pattern TRAILING_SLASHES = Pattern.compile("/+$");
    private static final Pattern DRIVE_LETTER = Pattern.compile("[A-Za-z]:([/\\\\].*)?");
    private static final Pattern SEPARATORS = Pattern.compile("[/\\\\]");

    /** A checked package: its digests and size. */
    public record PackageInfo(String sha256Base64, String key, long size) {
    }

    private final StoredMap<String, byte[]> packages;
    /** The directory name of each function's unpacked package, by {@link #slot}. */
    private final StoredMap<String, String> unpacked;
    private final Path codeDirectory;
    private final Path workDirectory;
    private final boolean temporary;
    /** Whether a function runs a package now (function name, package key). */
    private final BiPredicate<String, String> runs;
    /** The directories JVMs run from now: whose they are and how many JVMs. */
    private final Map<Path, Holding> held = new HashMap<>();

    private record Holding(String function, String key, int jvms) {
    }

    /** @param runs whether a function runs a package now (its name, the package's key): stored functions are the truth */
    public DeploymentPackages(Storage storage, Path dataDirectory, BiPredicate<String, String> runs) {
        this.runs = runs;
        this.packages = storage.map("lambda.packages");
        this.unpacked = storage.map("lambda.unpacked");
        try {
            if (dataDirectory == null) {
                this.codeDirectory = Files.createTempDirectory("localcloud-lambda-");
                this.workDirectory = SharedWorkDirectory.PATH;
                this.temporary = true;
            } else {
                this.codeDirectory = dataDirectory.resolve("lambda").resolve("code");
                Files.createDirectories(codeDirectory);
                this.workDirectory = codeDirectory.resolve(RUNTIME_DIRECTORY);
                this.temporary = false;
            }
            FilePermissions.set(codeDirectory, FilePermissions.PRIVATE);
            Files.createDirectories(workDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory for function code", e);
        }
    }

    /** Checks that {@code zip} is a zip Lambda would accept and stores it. */
    public PackageInfo store(byte[] zip) {
        byte[] digest = sha256(zip);
        String key = HexFormat.of().formatHex(digest);
        if (!packages.containsKey(key)) {
            // the same bytes stored already were checked when they came (step 6 uploads one jar for four functions)
            checkPackage(zip);
            packages.putIfAbsent(key, zip);
        }
        return new PackageInfo(Base64.getEncoder().encodeToString(digest), key, zip.length);
    }

    public byte[] bytes(String key) {
        byte[] zip = packages.get(key);
        if (zip == null) {
            throw new IllegalStateException("the package " + key + " is missing from storage");
        }
        return zip;
    }

    /**
     * A directory for what the runtime keeps besides packages (the bootstrap's class-data archive:
     * nothing secret). The in-memory clouds of one JVM share one ({@link SharedWorkDirectory}).
     */
    public Path workDirectory() {
        return workDirectory;
    }

    /**
     * The work directory of every in-memory cloud of this JVM (a test suite starts about a hundred):
     * the bootstrap's archive depends only on the JDK and the kit's jars, so the first cloud that
     * starts a function records it for all the others, where each recorded its own (about a second
     * of CPU each). Private to this user, deleted when the JVM exits.
     */
    private static final class SharedWorkDirectory {
        static final Path PATH = create();

        private static Path create() {
            try {
                Path directory = Files.createTempDirectory("localcloud-runtime-");
                FilePermissions.set(directory, FilePermissions.PRIVATE);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(directory), "localcloud-runtime-cleanup"));
                return directory;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the directory for the function runtime's files", e);
            }
        }
    }

    /** Forgets a package no function uses any more. */
    public void remove(String key) {
        packages.remove(key);
    }

    /**
     * Deletes the unpacked directories of all but {@code inUse} (function name to package key),
     * then closes the code directory to listing. Done at start: no JVM runs then, and a cloud
     * that stopped (or crashed) left the directories of its JVMs' old code behind.
     */
    public void keepOnly(Map<String, String> inUse) {
        Set<String> slots = new HashSet<>();
        inUse.forEach((function, key) -> slots.add(slot(function, key)));
        // One by one from a copy: a stored map's key set iterates without remove().
        List.copyOf(unpacked.keySet()).stream().filter(slot -> !slots.contains(slot)).forEach(unpacked::remove);
        Set<String> kept = new HashSet<>(unpacked.values());
        try (Stream<Path> entries = Files.list(codeDirectory)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.equals(RUNTIME_DIRECTORY) && !kept.contains(name)) {
                    deleteQuietly(entry);
                }
            }
        } catch (IOException e) {
            // leftovers only cost disk space
        }
        FilePermissions.set(codeDirectory, FilePermissions.UNLISTABLE);
    }

    @Override
    public synchronized Path hold(FunctionConfig config) {
        Path directory = directory(config.functionName(), config.codeKey());
        held.merge(directory, new Holding(config.functionName(), config.codeKey(), 1),
                (holding, one) -> new Holding(holding.function(), holding.key(), holding.jvms() + 1));
        return directory;
    }

    /**
     * Frees the directory when its last JVM has exited and its function runs other code by now: a
     * cold start that began before an update may start from the old code, and unpack it anew.
     */
    @Override
    public synchronized void release(Path directory) {
        Holding holding = held.get(directory);
        if (holding == null) {
            return;
        }
        if (holding.jvms() > 1) {
            held.put(directory, new Holding(holding.function(), holding.key(), holding.jvms() - 1));
            return;
        }
        held.remove(directory);
        if (!stillRuns(holding.function(), holding.key())) {
            free(holding.function(), holding.key(), directory);
        }
    }

    @Override
    public synchronized boolean servesLaterJvms(Path directory) {
        Holding holding = held.get(directory);
        return !temporary && holding != null && stillRuns(holding.function(), holding.key());
    }

    /**
     * The function no longer runs the package {@code key} (it got other code, or was deleted): its
     * directory is deleted now, or when the last JVM that runs from it exits ({@link #release}).
     */
    public synchronized void retire(String function, String key) {
        String name = unpacked.get(slot(function, key));
        if (name != null && !held.containsKey(codeDirectory.resolve(name))) {
            free(function, key, codeDirectory.resolve(name));
        }
    }

    private boolean stillRuns(String function, String key) {
        try {
            return runs.test(function, key);
        } catch (RuntimeException storageClosed) {
            return true; // a JVM that exits after localcloud stopped: the next start sweeps (keepOnly)
        }
    }

    private void free(String function, String key, Path directory) {
        String slot = slot(function, key);
        if (directory.getFileName().toString().equals(unpacked.get(slot))) {
            unpacked.remove(slot);
        }
        deleteQuietly(directory);
    }

    /** The function's unpacked package, unpacking it on first use. */
    synchronized Path directory(String function, String key) {
        String slot = slot(function, key);
        String name = unpacked.get(slot);
        if (name != null && Files.isDirectory(codeDirectory.resolve(name))) {
            Path existing = codeDirectory.resolve(name);
            try {
                writePackageJar(existing, key);
            } catch (IOException e) {
                // the instances run from the unpacked files, without a class archive of their own
            }
            return existing;
        }
        name = randomName();
        Path target = codeDirectory.resolve(name);
        try {
            Files.createDirectory(target);
            FilePermissions.set(target, FilePermissions.PRIVATE);
            unzip(bytes(key), target);
            writePackageJar(target, key);
        } catch (IOException e) {
            try {
                deleteTree(target);
            } catch (IOException ignored) {
                // an unused directory under an unguessable name only costs disk space until the next start
            }
            throw new AwsException("ServiceException", 500, "localcloud could not unpack the function's code: " + e.getMessage());
        }
        unpacked.put(slot, name);
        return target;
    }

    /**
     * The package as it was uploaded, beside its unpacked files: the same classes as a jar, which
     * the function's class-data-sharing archive needs (see FunctionArchives).
     */
    private void writePackageJar(Path directory, String key) throws IOException {
        Path jar = directory.resolve(FunctionArchives.PACKAGE_JAR);
        if (Files.isRegularFile(jar)) {
            return;
        }
        Files.createDirectories(jar.getParent());
        Path partial = jar.resolveSibling(jar.getFileName() + ".tmp");
        Files.write(partial, bytes(key));
        Files.move(partial, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String slot(String function, String key) {
        return function + "/" + key;
    }

    /** 128 random bits, hex: a directory name no other function can guess. */
    private static String randomName() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Throws Lambda's InvalidParameterValueException unless {@code zip} is a zip within Lambda's size limit. */
    static void checkPackage(byte[] zip) {
        long total = 0;
        Set<String> files = new HashSet<>();
        Set<String> directories = new HashSet<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                total += in.transferTo(OutputStream.nullOutputStream());
                if (total > MAX_UNZIPPED_BYTES) {
                    throw new AwsException("InvalidParameterValueException", 400,
                            "Unzipped size must be smaller than " + MAX_UNZIPPED_BYTES + " bytes");
                }
                String name = entry.getName();
                if (!unpacksInside(name)) {
                    throw notAZip();
                }
                (entry.isDirectory() ? directories : files).add(TRAILING_SLASHES.matcher(name).replaceAll(""));
                for (int slash = name.indexOf('/'); slash > 0 && slash < name.length() - 1; slash = name.indexOf('/', slash + 1)) {
                    directories.add(name.substring(0, slash));
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw notAZip();
        }
        // A file that is also a directory of another entry could not be unpacked: every invoke would fail.
        if (files.isEmpty() && directories.isEmpty() || files.stream().anyMatch(directories::contains)) {
            throw notAZip();
        }
    }

    /**
     * True for an entry name that unpacks inside the package's directory: relative, with no
     * {@code ..} segment (a backslash counts as a separator, as it does on Windows), no drive
     * letter and no NUL. Checked when the package is uploaded, so that no invoke fails later on
     * a package Lambda would have refused.
     */
    static boolean unpacksInside(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.startsWith("\\") || name.indexOf('\0') >= 0
                || DRIVE_LETTER.matcher(name).matches()) {
            return false;
        }
        return Arrays.stream(SEPARATORS.split(name)).noneMatch(".."::equals);
    }

    private static AwsException notAZip() {
        return new AwsException("InvalidParameterValueException", 400,
                "Could not unzip uploaded file. Please check your file, then try to upload again.");
    }

    private static void unzip(byte[] zip, Path into) throws IOException {
        Files.createDirectories(into);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!unpacksInside(entry.getName()) || !target.startsWith(into)) {
                    throw new IOException("entry outside the package: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy((InputStream) in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteQuietly(Path directory) {
        try {
            deleteTree(directory);
        } catch (IOException e) {
            // a file the function made undeletable: the directory goes at the next start (keepOnly), or with ./lab cloud reset
        }
    }

    @Override
    public void close() {
        FilePermissions.set(codeDirectory, FilePermissions.PRIVATE);
        if (temporary) {
            try {
                deleteTree(codeDirectory);
            } catch (IOException ignored) {
                // a file still open on Windows: the OS cleans its temp directory eventually
            }
        }
    }
}
