package dev.chatlab.localcloud.services.apigateway.common;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The integration URI that points API Gateway at a Lambda function:
 * {@code arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function ARN>/invocations}.
 */
public final class LambdaUris {

    private static final Pattern INVOCATION_URI =
            Pattern.compile("arn:aws:apigateway:[a-z0-9-]+:lambda:path/2015-03-31/functions/(arn:aws:lambda:[^/]+)/invocations");

    private LambdaUris() {
    }

    /** The function ARN inside an integration URI (possibly with a :qualifier), or empty when it is not one. */
    public static Optional<String> functionArn(String integrationUri) {
        if (integrationUri == null) {
            return Optional.empty();
        }
        Matcher m = INVOCATION_URI.matcher(integrationUri);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
