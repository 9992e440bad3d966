package dev.chatlab.cli.classroom;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The class this lab joined, remembered in {@code .lab/class.json} (readable by its owner
 * only: it holds the class code): where to report, with which name, and the random id that
 * keeps the name this student's.
 */
record ClassMembership(URI url, String code, String name, String student) {

    static final String FILE_NAME = "class.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static Path file(Path stateDirectory) {
        return stateDirectory.resolve(FILE_NAME);
    }

    /** The class joined, if any; a file that cannot be read counts as none (reporting is a convenience). */
    static Optional<ClassMembership> read(Path stateDirectory) {
        Path file = file(stateDirectory);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), ClassMembership.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Written whole or not at all: a temporary file, owner-only, moved into place. */
    void write(Path stateDirectory) throws IOException {
        Files.createDirectories(stateDirectory);
        Path temporary = Files.createTempFile(stateDirectory, FILE_NAME, ".tmp");
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            }
            JSON.writeValue(temporary.toFile(), this);
            try {
                Files.move(temporary, file(stateDirectory), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file(stateDirectory), StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    static String newStudentId() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /**
     * The class server's address from what a student typed: http or https, a host, maybe a
     * port; any path or query (a copied page address) is left out.
     */
    static URI serverAddress(String typed) {
        URI uri;
        try {
            uri = URI.create(typed.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an address: " + typed);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("not an http:// address: " + typed);
        }
        return URI.create(scheme + "://" + uri.getRawAuthority() + "/");
    }
}
