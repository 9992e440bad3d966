package dev.chatlab.localcloud.services.apigateway.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatlab.localcloud.LocalCloudConfig;
import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.http.AwsRequest;
import dev.chatlab.localcloud.http.AwsResponse;
import dev.chatlab.localcloud.services.apigateway.LambdaUris;
import dev.chatlab.localcloud.services.apigateway.RestApiService;
import dev.chatlab.localcloud.services.apigateway.model.DeployedStage;
import dev.chatlab.localcloud.services.apigateway.model.Method;
import dev.chatlab.localcloud.services.apigateway.model.Method.Integration;
import dev.chatlab.localcloud.services.apigateway.model.Method.IntegrationResponse;
import dev.chatlab.localcloud.services.apigateway.runtime.ResourceMatcher.Match;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
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
final class RestInvoker {

    static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final Set<String> PROXY_RESPONSE_FIELDS = Set.of("statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded", "cookies");
    private static final Pattern MOCK_STATUS = Pattern.compile("\"statusCode\"\\s*:\\s*(\\d{3})");

    private final RestApiService restApis;
    private final IntegrationCalls calls;
    private final ExecuteApiUrls urls;
    private final Clock clock;

    RestInvoker(RestApiService restApis, IntegrationCalls calls, ExecuteApiUrls urls, Clock clock) {
        this.restApis = restApis;
        this.calls = calls;
        this.urls = urls;
        this.clock = clock;
    }

    AwsResponse invoke(AwsRequest request, ExecuteApiTarget target) {
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
        String sourceArn = "arn:aws:execute-api:" + deployed.region() + ":" + LocalCloudConfig.ACCOUNT_ID + ":" + target.apiId() + "/"
                + target.stage() + "/" + ("ANY".equals(method.httpMethod) ? "*" : method.httpMethod) + resourcePath;
        byte[] event = Json.writeBytes(proxyEvent(request, target, deployed, match));
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

    /** The Lambda proxy event v1, as {@code APIGatewayProxyRequestEvent} reads it. */
    private ObjectNode proxyEvent(AwsRequest request, ExecuteApiTarget target, DeployedStage deployed, Match match) {
        Instant now = clock.instant();
        ObjectNode event = Json.object();
        event.put("resource", match.resource().path);
        event.put("path", pathOf(target));
        event.put("httpMethod", request.method());
        putHeaders(event, request.headers());
        putQuery(event, request.rawQuery());
        event.set("pathParameters", match.pathParameters().isEmpty() ? null : Json.MAPPER.valueToTree(match.pathParameters()));
        Map<String, String> variables = deployed.stage().variables;
        event.set("stageVariables", variables == null || variables.isEmpty() ? null : Json.MAPPER.valueToTree(variables));
        ObjectNode context = event.putObject("requestContext");
        context.put("resourceId", match.resource().id)
                .put("resourcePath", match.resource().path)
                .put("httpMethod", request.method())
                .put("extendedRequestId", request.requestId())
                .put("requestTime", REQUEST_TIME.format(now))
                .put("path", "/" + target.stage() + pathOf(target))
                .put("accountId", LocalCloudConfig.ACCOUNT_ID)
                .put("protocol", "HTTP/1.1")
                .put("stage", target.stage())
                .put("domainPrefix", target.apiId())
                .put("requestTimeEpoch", now.toEpochMilli())
                .put("requestId", request.requestId())
                .put("domainName", urls.domainName(target.apiId()))
                .put("apiId", target.apiId());
        ObjectNode identity = context.putObject("identity");
        for (String field : List.of("cognitoIdentityPoolId", "accountId", "cognitoIdentityId", "caller", "accessKey", "cognitoAuthenticationType",
                "cognitoAuthenticationProvider", "userArn", "user")) {
            identity.putNull(field);
        }
        identity.put("sourceIp", request.remoteAddr());
        identity.put("userAgent", request.header("user-agent").orElse(null));
        boolean binary = isBinary(deployed, request.header("content-type").orElse(""));
        if (request.body().length == 0) {
            event.putNull("body");
        } else {
            event.put("body", binary ? Base64.getEncoder().encodeToString(request.body()) : request.bodyAsString());
        }
        event.put("isBase64Encoded", binary && request.body().length > 0);
        return event;
    }

    private static String pathOf(ExecuteApiTarget target) {
        return AwsRequest.decodePathSegment(target.restPath());
    }

    static void putHeaders(ObjectNode event, Map<String, List<String>> headers) {
        ObjectNode single = event.putObject("headers");
        ObjectNode multi = event.putObject("multiValueHeaders");
        headers.forEach((name, values) -> {
            single.put(name, values.get(values.size() - 1));
            values.forEach(multi.putArray(name)::add);
        });
    }

    /** queryStringParameters (the last value of each name) and multiValueQueryStringParameters; both null without a query. */
    static void putQuery(ObjectNode event, String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            event.putNull("queryStringParameters");
            event.putNull("multiValueQueryStringParameters");
            return;
        }
        ObjectNode single = event.putObject("queryStringParameters");
        ObjectNode multi = event.putObject("multiValueQueryStringParameters");
        for (Map.Entry<String, String> pair : AwsRequest.formPairs(rawQuery)) {
            String name = pair.getKey();
            String value = pair.getValue();
            single.put(name, value);
            (multi.has(name) ? (com.fasterxml.jackson.databind.node.ArrayNode) multi.get(name) : multi.putArray(name)).add(value);
        }
    }

    private static boolean isBinary(DeployedStage deployed, String contentType) {
        List<String> types = deployed.api().binaryMediaTypes;
        if (types == null || contentType.isEmpty()) {
            return false;
        }
        String type = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        for (String binary : types) {
            String pattern = binary.replace("~1", "/").toLowerCase(Locale.ROOT);
            if (pattern.equals("*/*") || pattern.equals(type) || (pattern.endsWith("/*") && type.startsWith(pattern.substring(0, pattern.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    /** Maps {statusCode, headers, multiValueHeaders, body, isBase64Encoded} onto the HTTP answer. */
    private static AwsResponse proxyResponse(byte[] result, String requestId) {
        JsonNode answer;
        try {
            answer = Json.MAPPER.readTree(result);
        } catch (java.io.IOException e) {
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
