package dev.chatlab.localcloud.services.iam.model;

/** A tag on a role or policy. */
public record Tag(String key, String value) {
}
