package dev.chatlab.localcloud.services.apigateway.rest.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.http.AwsRequest;
import dev.chatlab.localcloud.http.AwsResponse;
import dev.chatlab.localcloud.services.apigateway.common.ApiGatewayArns;
import dev.chatlab.localcloud.services.apigateway.common.ExecuteApiTarget;
import dev.chatlab.localcloud.services.apigateway.common.ExecuteApiUrls;
import dev.chatlab.localcloud.services.apigateway.common.ExecutionLog;
import dev.chatlab.localcloud.services.apigateway.common.GatewayResponses;
import dev.chatlab.localcloud.services.apigateway.common.IntegrationCalls;
import dev.chatlab.localcloud.services.apigateway.common.LambdaIntegration;
import dev.chatlab.localcloud.services.apigateway.common.LambdaUris;
import dev.chatlab.localcloud.services.apigateway.rest.RestApiService;
import dev.chatlab.localcloud.services.apigateway.rest.model.DeployedStage;
import dev.chatlab.localcloud.services.apigateway.rest.model.Method;
import dev.chatlab.localcloud.services.apigateway.rest.model.Method.Integration;
import dev.chatlab.localcloud.services.apigateway.rest.model.Method.IntegrationResponse;
import dev.chatlab.localcloud.services.apigateway.rest.runtime.ResourceMatcher.Match;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A call to a REST API's deployed stage: finds the resource and method, then answers through
 * the method's integration: AWS_PROXY (the Lambda proxy event v1 and its response mapping)
 * or MOCK (the static answers of a CORS preflight). Failures answer as API Gateway does.
 */
public final class RestInvoker {

    private static final Set<String> PROXY_RESPONSE_FIELDS = Set.of("statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded", "cookies");
    private static final Pattern MOCK_STATUS = Pattern.compile("\"statusCode\"\\s*:\\s*(\\d{3})");

    private final RestApiService restApis;
    private final IntegrationCalls calls;
    private final RestProxyEvent proxyEvent;

    public RestInvoker(RestApiService restApis, IntegrationCalls calls, ExecuteApiUrls urls, Clock clock) {
        this.restApis = restApis;
        this.calls = calls;
        this.proxyEvent = new RestProxyEvent(urls, clock);
    }

    public AwsResponse invoke(AwsRequest request, ExecuteApiTarget target) {
        String requestId = request.requestId();
        Optional<DeployedStage> deployed = restApis.deployedStage(target.apiId(), target.stage());
        if (deployed.isEmpty()) {
            return GatewayResponses.forbidden(requestId);
        }
        Match match = new ResourceMatcher(deployed.get().resources()).match(target.restPath());
        Method method = match == null ? null : methodFor(match, request.method());
        if (method == null) {
            return GatewayResponses.missingAuthenticationToken(requestId);
        }
        if ("AWS_IAM".equals(method.authorizationType) && request.header("authorization").isEmpty()) {
            return GatewayResponses.missingAuthenticationToken(requestId);
        }
        Integration integration = method.methodIntegration;
        return switch (integration.type) {
            case "AWS_PROXY" -> lambdaProxy(request, target, deployed.get(), match, method, integration);
            case "MOCK" -> mock(integration, requestId);
            default -> {
                ExecutionLog.failure(target.apiId(), target.stage(), requestId, request.method() + " " + match.resource().path,
                        "Execution failed due to configuration error: localcloud does not run " + integration.type + " integrations");
                yield GatewayResponses.internalServerError(500, requestId);
            }
        };
    }

    private static Method methodFor(Match match, String verb) {
        Map<String, Method> methods = match.resource().resourceMethods;
        Method method = methods.get(verb);
        return method != null ? method : methods.get("ANY");
    }

    private AwsResponse lambdaProxy(AwsRequest request, ExecuteApiTarget target, DeployedStage deployed, Match match, Method method,
                                    Integration integration) {
        String requestId = request.requestId();
        String resourcePath = match.resource().path;
        String what = request.method() + " " + resourcePath;
        String functionArn = LambdaUris.functionArn(integration.uri).orElseThrow();
        String sourceArn = ApiGatewayArns.executeApiArn(deployed.region(), target.apiId(), target.stage(),
                ("ANY".equals(method.httpMethod) ? "*" : method.httpMethod) + resourcePath);
        byte[] event = Json.writeBytes(proxyEvent.of(request, target, deployed, match));
        byte[] result;
        try {
            result = calls.invoke(functionArn, sourceArn, event, integration.timeoutInMillis == null
                    ? RestApiService.MAX_TIMEOUT_MILLIS : integration.timeoutInMillis);
        } catch (LambdaIntegration.Failure failure) {
            ExecutionLog.failure(target.apiId(), target.stage(), requestId, what, ExecutionLog.reasonFor(failure));
            return GatewayResponses.integrationFailure(failure, requestId);
        }
        try {
            return proxyResponse(result, requestId);
        } catch (MalformedProxyResponse e) {
            ExecutionLog.failure(target.apiId(), target.stage(), requestId, what,
                    "Execution failed due to configuration error: Malformed Lambda proxy response (" + e.getMessage() + ")");
            return GatewayResponses.internalServerError(502, requestId);
        }
    }

    /** Maps {statusCode, headers, multiValueHeaders, body, isBase64Encoded} onto the HTTP answer. */
    private static AwsResponse proxyResponse(byte[] result, String requestId) {
        JsonNode answer;
        try {
            answer = Json.MAPPER.readTree(result);
        } catch (IOException e) {
            throw new MalformedProxyResponse("not JSON");
        }
        if (answer == null || !answer.isObject()) {
            throw new MalformedProxyResponse("the function's result is not a JSON object");
        }
        for (Iterator<String> names = answer.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!PROXY_RESPONSE_FIELDS.contains(name)) {
                throw new MalformedProxyResponse("unexpected field '" + name + "'");
            }
        }
        JsonNode status = answer.get("statusCode");
        if (status == null || !status.canConvertToInt() || !(status.isIntegralNumber() || status.isTextual() && status.asText().matches("\\d{3}"))) {
            throw new MalformedProxyResponse("statusCode is missing or not an integer");
        }
        int code = status.asInt();
        if (code < 100 || code > 599) {
            throw new MalformedProxyResponse("statusCode " + code + " is out of range");
        }
        AwsResponse response = AwsResponse.status(code);
        JsonNode headers = answer.get("headers");
        if (headers != null && !headers.isNull()) {
            if (!headers.isObject()) {
                throw new MalformedProxyResponse("headers is not an object");
            }
            headers.fields().forEachRemaining(h -> response.header(h.getKey(), h.getValue().asText()));
        }
        JsonNode multi = answer.get("multiValueHeaders");
        if (multi != null && !multi.isNull()) {
            if (!multi.isObject()) {
                throw new MalformedProxyResponse("multiValueHeaders is not an object");
            }
            multi.fields().forEachRemaining(h -> {
                if (!h.getValue().isArray()) {
                    throw new MalformedProxyResponse("multiValueHeaders." + h.getKey() + " is not an array");
                }
                h.getValue().forEach(v -> response.addHeader(h.getKey(), v.asText()));
            });
        }
        JsonNode body = answer.get("body");
        if (body != null && !body.isNull()) {
            if (!body.isTextual()) {
                throw new MalformedProxyResponse("body is not a string");
            }
            boolean base64 = answer.path("isBase64Encoded").asBoolean(false);
            try {
                response.body(base64 ? Base64.getDecoder().decode(body.asText()) : body.asText().getBytes(StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new MalformedProxyResponse("isBase64Encoded is true but body is not base64");
            }
        }
        if (response.firstHeader("Content-Type") == null) {
            response.contentType("application/json");
        }
        return withGatewayHeaders(response, requestId);
    }

    /** A MOCK integration: the status from the request template, headers and body from the matching integration response. */
    private static AwsResponse mock(Integration integration, String requestId) {
        String template = integration.requestTemplates == null ? null : integration.requestTemplates.get("application/json");
        String status = "200";
        if (template != null) {
            Matcher m = MOCK_STATUS.matcher(template);
            if (m.find()) {
                status = m.group(1);
            }
        }
        IntegrationResponse chosen = null;
        for (IntegrationResponse candidate : integration.responses().values()) {
            String pattern = candidate.selectionPattern;
            if (pattern != null && !pattern.isEmpty() && status.matches(pattern)) {
                chosen = candidate;
                break;
            }
            if ((pattern == null || pattern.isEmpty()) && chosen == null) {
                chosen = candidate;
            }
        }
        if (chosen == null) {
            return withGatewayHeaders(AwsResponse.status(Integer.parseInt(status)).contentType("application/json"), requestId);
        }
        AwsResponse response = AwsResponse.status(Integer.parseInt(chosen.statusCode)).contentType("application/json");
        if (chosen.responseParameters != null) {
            chosen.responseParameters.forEach((name, value) -> {
                String prefix = "method.response.header.";
                if (name.startsWith(prefix) && value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
                    response.header(name.substring(prefix.length()), value.substring(1, value.length() - 1));
                }
            });
        }
        String body = chosen.responseTemplates == null ? null : chosen.responseTemplates.get("application/json");
        if (body != null && !body.contains("$")) {
            response.body(body);
        }
        return withGatewayHeaders(response, requestId);
    }

    private static AwsResponse withGatewayHeaders(AwsResponse response, String requestId) {
        return response.header("x-amzn-RequestId", requestId)
                .header("x-amz-apigw-id", requestId.substring(0, Math.min(16, requestId.length())))
                .header("X-Amzn-Trace-Id", "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-" + requestId.replace("-", "").substring(0, 24));
    }

    /** The function's answer is not what a proxy integration needs. */
    private static final class MalformedProxyResponse extends RuntimeException {
        MalformedProxyResponse(String message) {
            super(message);
        }
    }
}
