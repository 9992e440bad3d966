package dev.chatlab.localcloud.services.lambda;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.storage.Storage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.h2.mvstore.MVMap;

/**
 * Deployment packages: the zip bytes live in Storage (keyed by their SHA-256), and each is
 * unpacked once into {@code <code directory>/<sha256>/}, the directory an instance's classpath
 * points at. The code directory is under the data directory, or a temporary one for an
 * in-memory cloud (deleted on close).
 */
public final class DeploymentPackages implements AutoCloseable {

    /** Lambda's limit on the unpacked size of a package. */
    static final long MAX_UNZIPPED_BYTES = 262_144_000L;
    private static final String COMPLETE_MARKER = ".localcloud-unpacked";

    /** A checked package: its digests and size. */
    public record PackageInfo(String sha256Base64, String key, long size) {
    }

    private final MVMap<String, byte[]> packages;
    private final Path codeDirectory;
    private final boolean temporary;

    public DeploymentPackages(Storage storage, Path dataDirectory) {
        this.packages = storage.map("lambda.packages");
        try {
            if (dataDirectory == null) {
                this.codeDirectory = Files.createTempDirectory("localcloud-lambda-");
                this.temporary = true;
            } else {
                this.codeDirectory = dataDirectory.resolve("lambda").resolve("code");
                Files.createDirectories(codeDirectory);
                this.temporary = false;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory for function code", e);
        }
    }

    /** Checks that {@code zip} is a zip Lambda would accept and stores it. */
    public PackageInfo store(byte[] zip) {
        checkPackage(zip);
        byte[] digest = sha256(zip);
        String key = HexFormat.of().formatHex(digest);
        packages.putIfAbsent(key, zip);
        return new PackageInfo(Base64.getEncoder().encodeToString(digest), key, zip.length);
    }

    public byte[] bytes(String key) {
        byte[] zip = packages.get(key);
        if (zip == null) {
            throw new IllegalStateException("the package " + key + " is missing from storage");
        }
        return zip;
    }

    /** A directory for what the runtime keeps besides packages (its names start with a dot). */
    public Path workDirectory() {
        return codeDirectory.resolve(".runtime");
    }

    /** Forgets a package no function uses any more (its unpacked directory goes at the next start). */
    public void remove(String key) {
        packages.remove(key);
    }

    /**
     * Deletes the unpacked directories of packages that are no longer stored: done at start,
     * because an instance of the old code may still be loading classes from its directory
     * while the function is updated.
     */
    public void deleteUnusedDirectories() {
        try (java.util.stream.Stream<Path> entries = Files.list(codeDirectory)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.startsWith(".") && !packages.containsKey(name)) {
                    deleteTree(entry);
                }
            }
        } catch (IOException e) {
            // leftovers only cost disk space
        }
    }

    /** The unpacked package, unpacking it on first use. */
    public synchronized Path directory(String key) {
        Path target = codeDirectory.resolve(key);
        if (Files.exists(target.resolve(COMPLETE_MARKER))) {
            return target;
        }
        Path staging = codeDirectory.resolve(key + ".unpacking");
        try {
            deleteTree(staging);
            deleteTree(target);
            unzip(bytes(key), staging);
            Files.createFile(staging.resolve(COMPLETE_MARKER));
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staging, target);
            }
        } catch (IOException e) {
            throw new AwsException("ServiceException", 500, "localcloud could not unpack the function's code: " + e.getMessage());
        }
        return target;
    }

    /** Throws Lambda's InvalidParameterValueException unless {@code zip} is a zip within Lambda's size limit. */
    static void checkPackage(byte[] zip) {
        long total = 0;
        int entries = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                entries++;
                total += in.transferTo(java.io.OutputStream.nullOutputStream());
                if (total > MAX_UNZIPPED_BYTES) {
                    throw new AwsException("InvalidParameterValueException", 400,
                            "Unzipped size must be smaller than " + MAX_UNZIPPED_BYTES + " bytes");
                }
                if (entry.getName().contains("..")) {
                    throw notAZip();
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw notAZip();
        }
        if (entries == 0) {
            throw notAZip();
        }
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
                if (!target.startsWith(into)) {
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

    @Override
    public void close() {
        if (temporary) {
            try {
                deleteTree(codeDirectory);
            } catch (IOException ignored) {
                // a file still open on Windows: the OS cleans its temp directory eventually
            }
        }
    }
}
