package dev.chatlab.localcloud.services.apigateway.common;

import dev.chatlab.localcloud.core.AwsException;

/** The errors API Gateway's control planes (v1 and v2) answer with; the SDK reads the code from X-Amzn-ErrorType. */
public final class ApiGatewayErrors {

    private ApiGatewayErrors() {
    }

    public static AwsException notFound(String message) {
        return new AwsException("NotFoundException", 404, message);
    }

    public static AwsException badRequest(String message) {
        return new AwsException("BadRequestException", 400, message);
    }

    public static AwsException conflict(String message) {
        return new AwsException("ConflictException", 409, message);
    }

    public static AwsException tooManyRequests(String message) {
        return new AwsException("TooManyRequestsException", 429, message);
    }
}
