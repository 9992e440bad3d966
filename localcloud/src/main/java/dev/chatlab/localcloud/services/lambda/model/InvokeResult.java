package dev.chatlab.localcloud.services.lambda.model;

/**
 * What Invoke answers.
 *
 * @param statusCode    200 (RequestResponse), 202 (Event), 204 (DryRun)
 * @param payload       the function's response, or the error document when functionError is set
 * @param functionError "Unhandled" when the function failed, else null
 * @param logTail       the last 4 KB of the invocation's log (only when asked for), else null
 */
public record InvokeResult(int statusCode, byte[] payload, String functionError, String logTail) {

    public boolean failed() {
        return functionError != null;
    }
}
