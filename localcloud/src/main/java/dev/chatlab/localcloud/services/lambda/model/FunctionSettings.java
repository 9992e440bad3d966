package dev.chatlab.localcloud.services.lambda.model;

import java.util.Map;

/**
 * The settings CreateFunction and UpdateFunctionConfiguration carry; null means "not given"
 * (a default on create, unchanged on update).
 */
public record FunctionSettings(String runtime, String role, String handler, String description, Integer timeout,
                               Integer memorySize, Map<String, String> environment) {
}
