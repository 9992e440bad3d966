package dev.chatlab.localcloud.services.route53.model;

/** A tag on a hosted zone. */
public record Tag(String key, String value) {
}
