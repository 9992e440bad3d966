package dev.chatlab.localcloud.services.lambda.model;

/** Temporary credentials of a function's execution role, handed to its instances as AWS_* variables. */
public record RoleCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {
}
