package dev.chatlab.localcloud.services.lambda.runtime;

import dev.chatlab.localcloud.core.Json;

/** The error documents Lambda itself writes (not the function's): {"errorType":...,"errorMessage":...}. */
final class ErrorDocuments {

    private ErrorDocuments() {
    }

    static byte[] of(String errorType, String errorMessage) {
        return Json.writeBytes(Json.object().put("errorType", errorType).put("errorMessage", errorMessage));
    }
}
