package dev.chatlab.localcloud.services.apigateway.common;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What API Gateway's execution log (CloudWatch, log level INFO) would say about a failed
 * call, in its words, so that a student searching for the message finds AWS's advice.
 */
public final class ExecutionLog {

    private static final Logger LOG = LoggerFactory.getLogger("localcloud.apigateway.execution");

    private ExecutionLog() {
    }

    public static void failure(String apiId, String stage, String requestId, String what, String reason) {
        LOG.warn("({}) {}/{} {}: {}", requestId, apiId, stage, what, reason);
    }

    public static String reasonFor(LambdaIntegration.Failure failure) {
        if (failure instanceof LambdaIntegration.NotPermitted) {
            return "Execution failed due to configuration error: Invalid permissions on Lambda function (" + failure.getMessage() + ")";
        }
        if (failure instanceof LambdaIntegration.Timeout) {
            return "Execution failed due to a timeout error (" + failure.getMessage() + ")";
        }
        return "Lambda execution failed with status 200 due to customer function error: " + failure.getMessage();
    }
}
