package dev.chatlab.localcloud.services.s3.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An object's metadata and its bytes, as GetObject reads them: in memory, or in the file
 * {@code file} (an object a PutObject streamed to disk), which GetObject streams from.
 */
public record StoredObject(ObjectMetadata metadata, byte[] body, Path file) {

    public StoredObject(ObjectMetadata metadata, byte[] body) {
        this(metadata, body, null);
    }

    /** The bytes; those of a body in a file are read into memory here (for callers that need them whole). */
    @Override
    public byte[] body() {
        if (file == null) {
            return body;
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the object body " + file, e);
        }
    }
}
