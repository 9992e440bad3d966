package dev.chatlab.localcloud.services.lambda;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.services.lambda.model.FunctionSettings;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks CreateFunction and UpdateFunctionConfiguration make on a function's settings
 * (runtime, role, timeout, memory, description, handler, environment), with Lambda's own
 * messages: a model validation error ("1 validation error detected: ...") or an
 * InvalidParameterValueException.
 */
final class FunctionSettingsValidation {

    private static final Set<String> SUPPORTED_RUNTIMES = Set.of("java21", "java25");
    private static final Set<String> BLOCKED_JAVA_RUNTIMES = Set.of("java8", "java8.al2", "java11", "java17");
    private static final Set<String> RESERVED_VARIABLES = Set.of("_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION",
            "AWS_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
            "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME",
            "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[a-zA-Z]([a-zA-Z0-9_])+");

    private FunctionSettingsValidation() {
    }

    /** Refuses the first setting AWS would refuse, in AWS's words; a null setting is one the call leaves unchanged. */
    static void check(FunctionSettings settings) {
        if (settings.runtime() != null) {
            checkRuntime(settings.runtime());
        }
        if (settings.role() != null && !ROLE_ARN.matcher(settings.role()).matches()) {
            throw AwsException.validation("1 validation error detected: Value '" + settings.role()
                    + "' at 'role' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+");
        }
        if (settings.timeout() != null && (settings.timeout() < 1 || settings.timeout() > 900)) {
            throw AwsException.validation("1 validation error detected: Value '" + settings.timeout()
                    + "' at 'timeout' failed to satisfy constraint: Member must have value "
                    + (settings.timeout() < 1 ? "greater than or equal to 1" : "less than or equal to 900"));
        }
        if (settings.memorySize() != null && (settings.memorySize() < 128 || settings.memorySize() > 10240)) {
            throw AwsException.validation("1 validation error detected: Value '" + settings.memorySize()
                    + "' at 'memorySize' failed to satisfy constraint: Member must have value "
                    + (settings.memorySize() < 128 ? "greater than or equal to 128" : "less than or equal to 10240"));
        }
        if (settings.description() != null && settings.description().length() > 256) {
            throw AwsException.validation("1 validation error detected: Value at 'description' failed to satisfy constraint: Member must have length less than or equal to 256");
        }
        if (settings.handler() != null && (settings.handler().length() > 128 || !settings.handler().matches("[^\\s]+"))) {
            throw AwsException.validation("1 validation error detected: Value '" + settings.handler()
                    + "' at 'handler' failed to satisfy constraint: Member must satisfy regular expression pattern: [^\\s]+");
        }
        if (settings.environment() != null) {
            checkEnvironment(settings.environment());
        }
    }

    /**
     * java21 and java25 run; java17 and older are refused as AWS refuses them since their
     * deprecation. Any other runtime is refused: localcloud runs Java only.
     */
    private static void checkRuntime(String runtime) {
        if (SUPPORTED_RUNTIMES.contains(runtime)) {
            return;
        }
        if (BLOCKED_JAVA_RUNTIMES.contains(runtime)) {
            throw LambdaService.invalid("The runtime parameter of " + runtime + " is no longer supported for creating or updating AWS Lambda functions. "
                    + "We recommend you use a supported runtime while creating or updating functions.");
        }
        throw LambdaService.invalid("localcloud runs Java functions only: the runtime " + runtime
                + " is not available here. Use java21 or java25 (compile the code for Java 17 bytecode to run it on any JDK 17+).");
    }

    private static void checkEnvironment(Map<String, String> variables) {
        List<String> reserved = variables.keySet().stream().filter(RESERVED_VARIABLES::contains).sorted().toList();
        if (!reserved.isEmpty()) {
            throw LambdaService.invalid("Lambda was unable to configure your environment variables because the environment variables you have provided "
                    + "contains reserved keys that are currently not supported for modification. Reserved keys used in this request: "
                    + String.join(", ", reserved));
        }
        for (String name : variables.keySet()) {
            if (!VARIABLE_NAME.matcher(name).matches()) {
                throw AwsException.validation("1 validation error detected: Value at 'environment.variables' failed to satisfy constraint: "
                        + "Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]");
            }
        }
        String measured = Json.write(variables);
        if (measured.getBytes(StandardCharsets.UTF_8).length > 4096) {
            throw LambdaService.invalid("Lambda was unable to configure your environment variables because the environment variables you have provided "
                    + "exceeded the 4KB limit. String measured: " + measured);
        }
    }
}
