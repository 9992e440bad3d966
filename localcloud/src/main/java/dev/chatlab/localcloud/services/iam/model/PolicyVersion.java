package dev.chatlab.localcloud.services.iam.model;

/** One version of a managed policy: "v1", "v2", ...; the document is plain JSON. */
public record PolicyVersion(String versionId, String document, String createDate) {
}
