package dev.chatlab.localcloud.services.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.services.apigateway.common.LambdaIntegration;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/**
 * Small functions in Java that stand in for Lambda in the data-plane tests: each function
 * name maps to a handler from the event to the result JSON (or a thrown Failure), and every
 * invocation is recorded with its source ARN, as Lambda's resource policy would see it.
 */
public class FakeLambda implements LambdaIntegration {

    public record Invocation(String functionArn, String sourceArn, JsonNode event) {
    }

    public static final String REGION = "ap-northeast-2";

    private final Map<String, Function<JsonNode, String>> functions = new ConcurrentHashMap<>();
    public final BlockingQueue<Invocation> invocations = new LinkedBlockingQueue<>();

    public static String arn(String name) {
        return "arn:aws:lambda:" + REGION + ":000000000000:function:" + name;
    }

    public static String uri(String name) {
        return "arn:aws:apigateway:" + REGION + ":lambda:path/2015-03-31/functions/" + arn(name) + "/invocations";
    }

    public FakeLambda function(String name, Function<JsonNode, String> handler) {
        functions.put(arn(name), handler);
        return this;
    }

    @Override
    public byte[] invoke(String functionArn, String sourceArn, byte[] event) {
        JsonNode parsed = Json.parse(event, () -> AwsException.validation("API Gateway sent a malformed event"));
        invocations.add(new Invocation(functionArn, sourceArn, parsed));
        Function<JsonNode, String> handler = functions.get(functionArn);
        if (handler == null) {
            throw new NotPermitted("no such function or no permission: " + functionArn);
        }
        String result = handler.apply(parsed);
        return result == null ? "null".getBytes(StandardCharsets.UTF_8) : result.getBytes(StandardCharsets.UTF_8);
    }

    /** A proxy answer {statusCode, body}. */
    public static String answer(int status, String body) {
        return Json.write(Json.object().put("statusCode", status).put("body", body));
    }
}
