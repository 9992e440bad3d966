package dev.chatlab.localcloud.protocol;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.core.XmlWriter;
import dev.chatlab.localcloud.http.AwsRequest;
import dev.chatlab.localcloud.http.AwsResponse;
import java.util.Map;

/**
 * The envelope of AWS's query protocol (IAM, STS, CloudFormation): the {@code Action} parameter picks the
 * operation, which writes into {@code <ActionResponse>}; the envelope adds
 * {@code <ResponseMetadata><RequestId>} and renders AwsExceptions as {@code <ErrorResponse>}.
 */
public final class QueryProtocol {

    /** One operation: reads its parameters, writes its {@code <ActionResult>} (none for void operations). */
    @FunctionalInterface
    public interface Operation {
        void answer(QueryParameters params, XmlWriter xml, AwsRequest request);
    }

    private QueryProtocol() {
    }

    public static AwsResponse handle(AwsRequest request, String namespace, String apiVersion, Map<String, Operation> operations) {
        try {
            QueryParameters params = QueryParameters.of(request);
            String action = params.optional("Action").orElse("");
            Operation operation = operations.get(action);
            if (operation == null) {
                throw new AwsException("InvalidAction", 400, "Could not find operation " + action + " for version " + apiVersion);
            }
            XmlWriter xml = XmlWriter.document(action + "Response", namespace);
            operation.answer(params, xml, request);
            xml.start("ResponseMetadata").element("RequestId", request.requestId()).end();
            return AwsResponse.xml(200, xml.toString()).contentType("text/xml").header("x-amzn-RequestId", request.requestId());
        } catch (AwsException e) {
            return ErrorRenderer.errorResponse(e, request.requestId(), namespace);
        }
    }

    /** Wraps what {@code body} writes in {@code <OperationResult>}. */
    public static void result(XmlWriter xml, String operation, Runnable body) {
        xml.start(operation + "Result");
        body.run();
        xml.end();
    }
}
