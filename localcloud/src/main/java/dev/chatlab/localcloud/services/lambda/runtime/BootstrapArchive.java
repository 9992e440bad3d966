package dev.chatlab.localcloud.services.lambda.runtime;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A class-data-sharing archive of the bootstrap's start-up classes, one per JDK: recorded once
 * by running {@code Bootstrap --warm-up} with {@code -XX:ArchiveClassesAtExit}, then given to
 * every instance with {@code -XX:SharedArchiveFile}, which roughly halves an instance's start.
 * It works only when the bootstrap's classpath is all jars (localcloud run from its jar, as the
 * lab runs it); under {@code mvn test} the bootstrap is a classes directory and instances start
 * without it. An archive the JDK cannot use is ignored silently ({@code -Xshare:auto}).
 */
final class BootstrapArchive {

    private static final Logger LOG = LoggerFactory.getLogger(BootstrapArchive.class);

    /**
     * How an instance uses an archive: quietly, and mapped at the address it was written for. The
     * JDK's default maps it elsewhere (address-space randomisation) and then rewrites every pointer
     * in it, which for a 20 MB archive is a good part of what the archive saves; a function's
     * instance is the lab's own short-lived JVM, not a server to harden. The JDKs that lack the
     * option ignore it.
     */
    static final List<String> USE_ARCHIVE = FunctionArchives.concat(List.of("-Xshare:auto"), FunctionArchives.concat(FunctionArchives.QUIET,
            List.of("-XX:+IgnoreUnrecognizedVMOptions", "-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0")));

    private final Path directory;
    private final List<Path> classpath;
    private final boolean usable;
    private final Map<Path, CompletableFuture<Optional<Path>>> archives = new ConcurrentHashMap<>();

    BootstrapArchive(Path directory, List<Path> classpath) {
        this.directory = directory;
        this.classpath = classpath;
        this.usable = directory != null && classpath.stream().allMatch(Files::isRegularFile);
    }

    /** Starts recording the archive for {@code java} in the background (a no-op when it exists or cannot exist). */
    void prepare(Path java) {
        if (usable) {
            archives.computeIfAbsent(java, key -> CompletableFuture.supplyAsync(() -> record(key)));
        }
    }

    /** The JVM options that use the archive for {@code java}; none while it is still being recorded. */
    List<String> optionsFor(Path java) {
        prepare(java);
        CompletableFuture<Optional<Path>> archive = archives.get(java);
        if (archive == null) {
            return List.of();
        }
        return archive.getNow(Optional.empty())
                .map(path -> FunctionArchives.concat(List.of("-XX:SharedArchiveFile=" + path), USE_ARCHIVE))
                .orElse(List.of());
    }

    /** Waits until the archive for {@code java} is recorded; false when there is none (not usable, failed, or not in time). */
    boolean await(Path java, long timeoutMillis) {
        prepare(java);
        CompletableFuture<Optional<Path>> archive = archives.get(java);
        if (archive == null) {
            return false;
        }
        try {
            return archive.get(timeoutMillis, TimeUnit.MILLISECONDS).isPresent();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    private Optional<Path> record(Path java) {
        Path archive = directory.resolve("bootstrap-" + fingerprint(java) + ".jsa");
        if (Files.isRegularFile(archive)) {
            return Optional.of(archive);
        }
        // a name of its own: the in-memory clouds of a JVM share the directory, and two may record at once
        Path partial = directory.resolve(archive.getFileName() + "." + ProcessHandle.current().pid() + "-" + UUID.randomUUID() + ".tmp");
        try {
            Files.createDirectories(directory);
            List<String> command = new ArrayList<>(List.of(java.toString(), "-XX:ArchiveClassesAtExit=" + partial,
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                    "-cp", joined(), BootstrapClasspath.MAIN_CLASS, "--warm-up"));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            if (process.exitValue() != 0 || !Files.isRegularFile(partial)) {
                return Optional.empty();
            }
            try {
                Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING);
            } catch (FileSystemException inUse) {
                // another cloud's recording came first, and its archive is mapped by a JVM (Windows refuses to replace it)
                return Files.isRegularFile(archive) ? Optional.of(archive) : Optional.empty();
            }
            return Optional.of(archive);
        } catch (IOException | InterruptedException e) {
            LOG.debug("no class-data-sharing archive for Lambda instances: {}", e.toString());
            return Optional.empty();
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // a leftover temp file only costs disk space
            }
        }
    }

    private String joined() {
        List<String> entries = new ArrayList<>();
        classpath.forEach(path -> entries.add(path.toString()));
        return String.join(File.pathSeparator, entries);
    }

    /** True when the bootstrap is all jars, as an archive needs (localcloud run from its jar). */
    boolean usable() {
        return usable;
    }

    /** Changes with the JDK and with any bootstrap jar, so a stale archive is never used. */
    String fingerprint(Path java) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(java.toString().getBytes(StandardCharsets.UTF_8));
            digest.update(String.valueOf(Files.getLastModifiedTime(java).toMillis()).getBytes(StandardCharsets.UTF_8));
            for (Path entry : classpath) {
                digest.update(entry.toString().getBytes(StandardCharsets.UTF_8));
                digest.update((Files.size(entry) + ":" + Files.getLastModifiedTime(entry).toMillis()).getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (IOException | NoSuchAlgorithmException e) {
            return "unknown";
        }
    }
}
