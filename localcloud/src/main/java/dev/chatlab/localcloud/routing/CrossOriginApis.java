package dev.chatlab.localcloud.routing;

import dev.chatlab.localcloud.http.AwsRequest;
import dev.chatlab.localcloud.http.AwsResponse;

/**
 * CORS on the JSON services (DynamoDB, CloudWatch Logs, Lambda), as AWS's front end answers a
 * browser that calls them with the SDK for JavaScript: a preflight ({@code OPTIONS} with
 * {@code Access-Control-Request-Method}) is answered 200 without a signature, allowing any
 * origin, the method and the headers asked for, for two days; every answer to a request with an
 * {@code Origin} allows any origin and exposes the request id and error headers the SDK reads.
 * The signature, not the origin, is what protects these APIs on AWS. Here, pages of other sites
 * never get this far: {@link CrossSiteGuard} refuses them first.
 */
final class CrossOriginApis {

    static final String EXPOSED_HEADERS = "x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,x-amz-request-id,x-amz-id-2,x-amz-crc32,Date";
    static final String MAX_AGE_SECONDS = "172800";

    private CrossOriginApis() {
    }

    static boolean isPreflight(AwsRequest request) {
        return request.method().equals("OPTIONS") && request.header("origin").isPresent()
                && request.header("access-control-request-method").isPresent();
    }

    static AwsResponse preflight(AwsRequest request) {
        AwsResponse answer = AwsResponse.ok()
                .header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Allow-Methods", request.header("access-control-request-method").orElseThrow())
                .header("Access-Control-Max-Age", MAX_AGE_SECONDS)
                .header("Access-Control-Expose-Headers", EXPOSED_HEADERS)
                .header("x-amzn-RequestId", request.requestId());
        request.header("access-control-request-headers").ifPresent(headers -> answer.header("Access-Control-Allow-Headers", headers));
        return answer;
    }

    /** The headers a browser needs to hand a cross-origin answer (an error too) to the page. */
    static AwsResponse allowOrigin(AwsRequest request, AwsResponse answer) {
        if (request.header("origin").isEmpty()) {
            return answer;
        }
        return answer.header("Access-Control-Allow-Origin", "*").header("Access-Control-Expose-Headers", EXPOSED_HEADERS);
    }
}
