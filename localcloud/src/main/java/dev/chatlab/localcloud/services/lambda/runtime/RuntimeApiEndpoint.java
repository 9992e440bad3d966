package dev.chatlab.localcloud.services.lambda.runtime;

import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.http.AwsRequest;
import dev.chatlab.localcloud.http.AwsResponse;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The Lambda Runtime API (2018-06-01) that function instances call, served on localcloud's
 * port under {@code /_aws/lambda-runtime/<token>/}: each instance's AWS_LAMBDA_RUNTIME_API
 * ends with its own secret token (128 random bits, handed over through its stdin, never its
 * process environment), so the path says which instance is asking, and no other process can
 * take or answer its invocations.
 *
 * <p>Difference from AWS: {@code invocation/next} answers 204 after {@link RuntimeSettings#longPollMillis()}
 * without an event (AWS's waits for ever); localcloud's bootstrap simply asks again. This
 * bounds how long a request holds one of localcloud's HTTP threads.
 */
public final class RuntimeApiEndpoint {

    public static final String PATH_PREFIX = "/_aws/lambda-runtime/";
    private static final String API = "/2018-06-01/runtime";

    private final FunctionRuntime runtime;

    public RuntimeApiEndpoint(FunctionRuntime runtime) {
        this.runtime = runtime;
    }

    public static boolean owns(AwsRequest request) {
        return request.rawPath().startsWith(PATH_PREFIX);
    }

    public AwsResponse handle(AwsRequest request) {
        String rest = request.rawPath().substring(PATH_PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return error(404, "InvalidPath", "No Runtime API at " + request.rawPath());
        }
        Optional<FunctionInstance> found = runtime.instance(rest.substring(0, slash));
        if (found.isEmpty()) {
            return error(404, "ResourceNotFound", "This function instance no longer exists.");
        }
        FunctionInstance instance = found.get();
        String path = rest.substring(slash);
        String method = request.method();
        if (method.equals("GET") && path.equals(API + "/invocation/next")) {
            return next(instance);
        }
        if (method.equals("POST") && path.equals(API + "/init/error")) {
            instance.initError(request.body());
            return accepted();
        }
        String invocationPrefix = API + "/invocation/";
        if (method.equals("POST") && path.startsWith(invocationPrefix)) {
            String tail = path.substring(invocationPrefix.length());
            int cut = tail.lastIndexOf('/');
            if (cut > 0) {
                String requestId = tail.substring(0, cut);
                String kind = tail.substring(cut + 1);
                if (kind.equals("response") || kind.equals("error")) {
                    boolean known = instance.answer(requestId, request.body(), kind.equals("error"));
                    return known ? accepted() : error(400, "InvalidRequestID", "Invalid request ID");
                }
            }
        }
        return error(404, "InvalidPath", "No Runtime API at " + method + " " + path);
    }

    private AwsResponse next(FunctionInstance instance) {
        Optional<PendingInvocation> next;
        try {
            next = instance.next(runtime.longPollMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return AwsResponse.noContent();
        }
        if (next.isEmpty()) {
            return AwsResponse.noContent();
        }
        PendingInvocation invocation = next.get();
        return AwsResponse.status(200)
                .contentType("application/json")
                .header("Lambda-Runtime-Aws-Request-Id", invocation.requestId)
                .header("Lambda-Runtime-Deadline-Ms", String.valueOf(invocation.deadlineMillis))
                .header("Lambda-Runtime-Invoked-Function-Arn", instance.config.functionArn())
                .header("Lambda-Runtime-Trace-Id", traceId())
                .body(invocation.payload);
    }

    /**
     * An X-Ray trace header of the form Lambda hands out (nothing records it locally):
     * {@code Root=1-<8 hex: epoch seconds>-<24 hex>;Parent=<16 hex>;Sampled=0}. Built without
     * String.format, which parses its pattern on every call: every invoke builds one.
     */
    private static String traceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        HexFormat hex = HexFormat.of();
        return "Root=1-" + hex.toHexDigits((int) (System.currentTimeMillis() / 1000)) + "-" + hex.toHexDigits(random.nextInt())
                + hex.toHexDigits(random.nextLong()) + ";Parent=" + hex.toHexDigits(random.nextLong()) + ";Sampled=0";
    }

    private static AwsResponse accepted() {
        return AwsResponse.json(202, "{\"status\":\"OK\"}", "application/json");
    }

    private static AwsResponse error(int status, String type, String message) {
        return AwsResponse.json(status, Json.object().put("errorMessage", message).put("errorType", type));
    }
}
