package dev.chatlab.localcloud.services.apigateway.common;

/**
 * How API Gateway's data plane invokes a Lambda function (the seam to the Lambda service).
 * The answer is the function's result document; a failure is one of the three kinds that
 * API Gateway tells apart in its answer: {@link NotPermitted} (500), {@link FunctionError}
 * (502) and {@link Timeout} (504).
 */
public interface LambdaIntegration {

    /**
     * Invokes the function synchronously, as API Gateway does for a proxy integration.
     *
     * @param functionArn the function (possibly qualified) named by the integration URI
     * @param sourceArn   the caller's ARN that the function's resource policy must allow for
     *                    {@code apigateway.amazonaws.com}, e.g.
     *                    {@code arn:aws:execute-api:ap-northeast-2:000000000000:abc123/dev/GET/rooms/{roomId}/messages}
     * @param event       the event document (JSON)
     * @return the function's result (JSON, possibly empty)
     */
    byte[] invoke(String functionArn, String sourceArn, byte[] event);

    /** Why an invocation gave no result. */
    abstract sealed class Failure extends RuntimeException permits NotPermitted, FunctionError, Timeout {
        protected Failure(String message) {
            super(message);
        }
    }

    /** The function does not exist or its resource policy does not let API Gateway invoke it from this source ARN. */
    final class NotPermitted extends Failure {
        public NotPermitted(String message) {
            super(message);
        }
    }

    /** The function ran and failed (an unhandled exception, a crash, a function timeout). */
    final class FunctionError extends Failure {
        public FunctionError(String message) {
            super(message);
        }
    }

    /** No answer within the integration's timeout (29 s at most). */
    final class Timeout extends Failure {
        public Timeout(String message) {
            super(message);
        }
    }

    /** What localcloud uses until a Lambda service is wired: every function is unknown, as when it was never created. */
    LambdaIntegration NONE = (functionArn, sourceArn, event) -> {
        throw new NotPermitted("Function not found: " + functionArn + " (this localcloud has no Lambda service)");
    };
}
