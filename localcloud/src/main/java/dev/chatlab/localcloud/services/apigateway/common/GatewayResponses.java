package dev.chatlab.localcloud.services.apigateway.common;

import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.http.AwsResponse;

/** The answers API Gateway itself gives on its data plane: a {@code {"message": ...}} body and the error type header. */
public final class GatewayResponses {

    private GatewayResponses() {
    }

    public static AwsResponse missingAuthenticationToken(String requestId) {
        return error(403, "MissingAuthenticationTokenException", "Missing Authentication Token", requestId);
    }

    public static AwsResponse forbidden(String requestId) {
        return error(403, "ForbiddenException", "Forbidden", requestId);
    }

    /** 500 (not permitted), 502 (function error or malformed answer) or 504 (timeout), as API Gateway maps them. */
    public static AwsResponse integrationFailure(LambdaIntegration.Failure failure, String requestId) {
        if (failure instanceof LambdaIntegration.Timeout) {
            return error(504, "IntegrationTimeout", "Endpoint request timed out", requestId);
        }
        return failure instanceof LambdaIntegration.NotPermitted ? internalServerError(500, requestId) : internalServerError(502, requestId);
    }

    public static AwsResponse internalServerError(int status, String requestId) {
        return error(status, "InternalServerErrorException", "Internal server error", requestId);
    }

    public static int statusOf(LambdaIntegration.Failure failure) {
        if (failure instanceof LambdaIntegration.Timeout) {
            return 504;
        }
        return failure instanceof LambdaIntegration.NotPermitted ? 500 : 502;
    }

    public static AwsResponse error(int status, String type, String message, String requestId) {
        return AwsResponse.json(status, Json.object().put("message", message))
                .header("x-amzn-ErrorType", type)
                .header("x-amzn-RequestId", requestId);
    }
}
