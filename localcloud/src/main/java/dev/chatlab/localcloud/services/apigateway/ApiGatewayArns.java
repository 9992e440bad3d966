package dev.chatlab.localcloud.services.apigateway;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ARNs API Gateway's tag operations take: {@code arn:aws:apigateway:<region>::/restapis/<id>}
 * (v1), {@code arn:aws:apigateway:<region>::/apis/<id>} (v2), each optionally followed by
 * {@code /stages/<name>}.
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
}
