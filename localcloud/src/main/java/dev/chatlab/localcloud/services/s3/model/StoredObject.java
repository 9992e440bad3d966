package dev.chatlab.localcloud.services.s3.model;

/** An object's metadata and its bytes, as GetObject reads them. */
public record StoredObject(ObjectMetadata metadata, byte[] body) {
}
