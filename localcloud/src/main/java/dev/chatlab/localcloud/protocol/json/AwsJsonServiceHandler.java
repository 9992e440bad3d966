package dev.chatlab.localcloud.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.http.AwsRequest;
import dev.chatlab.localcloud.http.AwsResponse;
import dev.chatlab.localcloud.protocol.ErrorRenderer;
import dev.chatlab.localcloud.protocol.ServiceHandler;
import dev.chatlab.localcloud.protocol.constraints.InputValidator;
import java.util.Set;

/**
 * What the awsJson services (DynamoDB's JSON 1.0, CloudWatch Logs' 1.1) answer alike: {@code POST /}
 * with {@code X-Amz-Target: <Prefix>.<Operation>} and a JSON body, answered with a JSON object in
 * {@code application/x-amz-json-<version>}, errors with {@code __type} (see
 * {@link ErrorRenderer#awsJson}). A service gives its {@link Protocol} and answers one operation at
 * a time ({@link #answer}). Its own package, because the model checks ({@code protocol.constraints})
 * build on {@code protocol}.
 */
public abstract class AwsJsonServiceHandler implements ServiceHandler {

    /**
     * One awsJson service's wire details.
     *
     * @param signingName          its SigV4 signing name, e.g. "dynamodb"
     * @param targetPrefix         the X-Amz-Target prefix, e.g. "DynamoDB_20120810."
     * @param version              "1.0" or "1.1", the protocol's version in its content type
     * @param errorTypePrefix      what comes before {@code #} in an error's {@code __type}; null where
     *                             the service sends the bare code
     * @param malformedBodyMessage the service's SerializationException message for a body that is not JSON
     */
    public record Protocol(String signingName, String targetPrefix, String version, String errorTypePrefix,
                           String malformedBodyMessage) {

        public String contentType() {
            return "application/x-amz-json-" + version;
        }
    }

    private final Protocol protocol;
    private final String contentType;
    private final InputValidator input;

    /** {@code input}: the model checks the service refuses input with, or null where it checks its own. */
    protected AwsJsonServiceHandler(Protocol protocol, InputValidator input) {
        this.protocol = protocol;
        this.contentType = protocol.contentType();
        this.input = input;
    }

    /** The answer to {@code operation}; the service's AwsException for a refusal. */
    protected abstract ObjectNode answer(String operation, JsonNode body, AwsRequest request);

    /** The id this service answers a request with: the request's own, unless the service shapes its ids. */
    protected String requestId(AwsRequest request) {
        return request.requestId();
    }

    /** {@code error} as the service's JSON body; a service adds what its errors carry beyond code and message. */
    protected AwsResponse render(AwsException error, String requestId) {
        return ErrorRenderer.awsJson(error, requestId, protocol.errorTypePrefix(), contentType);
    }

    @Override
    public final Set<String> signingNames() {
        return Set.of(protocol.signingName());
    }

    @Override
    public final Set<String> targetPrefixes() {
        return Set.of(protocol.targetPrefix());
    }

    @Override
    public final void checkInput(AwsRequest request) {
        if (input != null) {
            input.check(request);
        }
    }

    @Override
    public final AwsResponse handle(AwsRequest request) {
        String requestId = requestId(request);
        try {
            AwsJsonRequest call = AwsJsonRequest.read(request, protocol.targetPrefix(), protocol.malformedBodyMessage());
            ObjectNode answer = answer(call.operation(), call.body(), request);
            return AwsResponse.status(200).contentType(contentType).body(Json.writeBytes(answer))
                    .header("x-amzn-RequestId", requestId);
        } catch (AwsException e) {
            return render(e, requestId);
        }
    }

    @Override
    public final AwsResponse renderError(AwsException error, AwsRequest request) {
        return render(error, requestId(request));
    }
}
