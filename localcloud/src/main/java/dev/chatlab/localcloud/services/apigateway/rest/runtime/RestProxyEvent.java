package dev.chatlab.localcloud.services.apigateway.rest.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.http.AwsRequest;
import dev.chatlab.localcloud.protocol.AccountAndRegion;
import dev.chatlab.localcloud.services.apigateway.common.ExecuteApiTarget;
import dev.chatlab.localcloud.services.apigateway.common.ExecuteApiUrls;
import dev.chatlab.localcloud.services.apigateway.common.ProxyEvents;
import dev.chatlab.localcloud.services.apigateway.rest.model.DeployedStage;
import dev.chatlab.localcloud.services.apigateway.rest.runtime.ResourceMatcher.Match;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds the Lambda proxy event v1 of a REST call, as {@code APIGatewayProxyRequestEvent} reads it. */
final class RestProxyEvent {

    private final ExecuteApiUrls urls;
    private final Clock clock;

    RestProxyEvent(ExecuteApiUrls urls, Clock clock) {
        this.urls = urls;
        this.clock = clock;
    }

    /** The event of a call that matched {@code match} in the deployed stage. */
    ObjectNode of(AwsRequest request, ExecuteApiTarget target, DeployedStage deployed, Match match) {
        Instant now = clock.instant();
        ObjectNode event = Json.object();
        event.put("resource", match.resource().path);
        event.put("path", pathOf(target));
        event.put("httpMethod", request.method());
        ProxyEvents.putHeaders(event, request.headers());
        ProxyEvents.putQuery(event, request.rawQuery());
        event.set("pathParameters", match.pathParameters().isEmpty() ? null : Json.MAPPER.valueToTree(match.pathParameters()));
        Map<String, String> variables = deployed.stage().variables;
        event.set("stageVariables", variables == null || variables.isEmpty() ? null : Json.MAPPER.valueToTree(variables));
        ObjectNode context = event.putObject("requestContext");
        context.put("resourceId", match.resource().id)
                .put("resourcePath", match.resource().path)
                .put("httpMethod", request.method())
                .put("extendedRequestId", request.requestId())
                .put("requestTime", ProxyEvents.REQUEST_TIME.format(now))
                .put("path", "/" + target.stage() + pathOf(target))
                .put("accountId", AccountAndRegion.ACCOUNT_ID)
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
}
