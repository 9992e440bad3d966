package dev.chatlab.localcloud.services.apigateway;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.services.apigateway.common.LambdaIntegration;
import dev.chatlab.localcloud.services.lambda.LambdaService;
import dev.chatlab.localcloud.services.lambda.model.InvokeResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * API Gateway's integration with localcloud's Lambda service: invokes a function on behalf of
 * {@code apigateway.amazonaws.com}, which the function's resource policy must allow for the
 * call's source ARN (lambda:AddPermission), as on AWS.
 */
public final class LambdaServiceIntegration implements LambdaIntegration {

    static final String PRINCIPAL = "apigateway.amazonaws.com";

    private final LambdaService lambda;

    public LambdaServiceIntegration(LambdaService lambda) {
        this.lambda = lambda;
    }

    @Override
    public byte[] invoke(String functionArn, String sourceArn, byte[] event) {
        InvokeResult result;
        try {
            result = lambda.invokeAsService(functionArn, PRINCIPAL, sourceArn, event);
        } catch (AwsException e) {
            if (e.status() == 403 || e.status() == 404) {
                // AccessDeniedException (no permission for API Gateway) or ResourceNotFoundException
                throw new NotPermitted(e.code() + ": " + e.getMessage());
            }
            throw new FunctionError(e.code() + ": " + e.getMessage());
        }
        if (result.failed()) {
            throw new FunctionError(result.functionError() + ": " + errorSummary(result.payload()));
        }
        return result.payload();
    }

    /** "java.lang.IllegalStateException: boom" from Lambda's error document (the stack trace stays in the function's log). */
    private static String errorSummary(byte[] errorDocument) {
        try {
            var error = Json.MAPPER.readTree(errorDocument);
            return error.path("errorType").asText("?") + ": " + error.path("errorMessage").asText("");
        } catch (IOException e) {
            return new String(errorDocument, StandardCharsets.UTF_8);
        }
    }
}
