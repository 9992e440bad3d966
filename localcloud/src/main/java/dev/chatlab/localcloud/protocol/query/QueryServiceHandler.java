package dev.chatlab.localcloud.protocol.query;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.http.AwsRequest;
import dev.chatlab.localcloud.http.AwsResponse;
import dev.chatlab.localcloud.protocol.ErrorRenderer;
import dev.chatlab.localcloud.protocol.ServiceHandler;
import dev.chatlab.localcloud.protocol.constraints.InputValidator;
import dev.chatlab.localcloud.protocol.sigv4.AuthDialect;
import java.util.Set;

/**
 * What the Query-protocol services (IAM, STS, CloudFormation) answer alike: one signing name,
 * input checked against their model and refused as ValidationError, signature refusals and
 * errors as an {@code <ErrorResponse>} in the service's namespace. Its own package, because the
 * model checks ({@code protocol.constraints}) build on {@code protocol}.
 */
public abstract class QueryServiceHandler implements ServiceHandler {

    private final String signingName;
    private final String namespace;
    private final InputValidator input;

    protected QueryServiceHandler(String signingName, String namespace, InputValidator input) {
        this.signingName = signingName;
        this.namespace = namespace;
        this.input = input;
    }

    /** The model checks of {@code model}, refusing as the Query services do (400 ValidationError); one per handler class. */
    protected static InputValidator validator(String model) {
        return InputValidator.of(message -> new AwsException("ValidationError", 400, message), model);
    }

    @Override
    public final Set<String> signingNames() {
        return Set.of(signingName);
    }

    @Override
    public final void checkInput(AwsRequest request) {
        input.check(request);
    }

    @Override
    public final AuthDialect authDialect() {
        return AuthDialect.QUERY;
    }

    @Override
    public final AwsResponse renderError(AwsException error, AwsRequest request) {
        return ErrorRenderer.errorResponse(error, request.requestId(), namespace);
    }
}
