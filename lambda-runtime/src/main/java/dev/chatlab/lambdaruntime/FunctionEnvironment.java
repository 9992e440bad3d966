package dev.chatlab.lambdaruntime;

import java.util.Map;

/** What Lambda tells the runtime through environment variables, read once at start. */
record FunctionEnvironment(String runtimeApi, String handler, String functionName, String functionVersion,
                           int memoryLimitMb, String logGroupName, String logStreamName) {

    static FunctionEnvironment from(Map<String, String> env) {
        return new FunctionEnvironment(
                env.get("AWS_LAMBDA_RUNTIME_API"),
                env.get("_HANDLER"),
                env.getOrDefault("AWS_LAMBDA_FUNCTION_NAME", ""),
                env.getOrDefault("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"),
                parseInt(env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"), 128),
                env.getOrDefault("AWS_LAMBDA_LOG_GROUP_NAME", ""),
                env.getOrDefault("AWS_LAMBDA_LOG_STREAM_NAME", ""));
    }

    private static int parseInt(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
