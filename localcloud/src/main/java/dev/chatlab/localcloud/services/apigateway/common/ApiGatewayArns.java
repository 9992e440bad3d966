package dev.chatlab.localcloud.services.apigateway.common;

import dev.chatlab.localcloud.protocol.AccountAndRegion;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ARNs API Gateway's tag operations take: {@code arn:aws:apigateway:<region>::/restapis/<id>}
 * (v1), {@code arn:aws:apigateway:<region>::/apis/<id>} (v2), each optionally followed by
 * {@code /stages/<name>}; and the execute-api ARN a call to a deployed stage is known by
 * ({@link #executeApiArn}).
 */
public record ApiGatewayArns(String region, String collection, String apiId, String stageName) {

    private static final Pattern ARN = Pattern.compile("arn:aws:apigateway:([a-z0-9-]+)::/(restapis|apis)/([^/]+)(?:/stages/([^/]+))?");

    public static Optional<ApiGatewayArns> parse(String arn) {
        Matcher m = ARN.matcher(arn);
        return m.matches() ? Optional.of(new ApiGatewayArns(m.group(1), m.group(2), m.group(3), m.group(4))) : Optional.empty();
    }

    public static String of(String region, String collection, String apiId) {
        return "arn:aws:apigateway:" + region + "::/" + collection + "/" + apiId;
    }

    /**
     * The ARN of a call to a deployed stage, which a function's resource policy (source ARN)
     * and an IAM policy (execute-api:Invoke, execute-api:ManageConnections) name:
     * {@code arn:aws:execute-api:<region>:<account>:<apiId>/<stage>/<route>}, where the route is
     * {@code <METHOD>/<resource path>} for a REST API (e.g. {@code GET/rooms/{roomId}/messages}),
     * the route key for a WebSocket route (e.g. {@code $connect}), and
     * {@code <METHOD>/@connections/<id>} for the @connections API.
     */
    public static String executeApiArn(String region, String apiId, String stage, String route) {
        return "arn:aws:execute-api:" + region + ":" + AccountAndRegion.ACCOUNT_ID + ":" + apiId + "/" + stage + "/" + route;
    }
}
