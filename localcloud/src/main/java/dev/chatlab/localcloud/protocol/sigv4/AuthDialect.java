package dev.chatlab.localcloud.protocol.sigv4;

import dev.chatlab.localcloud.core.AwsException;

/**
 * How a service words a refused signature. AWS's services share one authentication layer but
 * answer it in their protocol's words: S3 with its own codes and the computed StringToSign in the
 * XML; the JSON services (DynamoDB, CloudWatch Logs) with {@code ...Exception} codes and 400;
 * the REST-JSON ones behind API Gateway's front (Lambda, API Gateway) with the same codes and 403;
 * the Query services (IAM, STS, CloudFormation; Route53 too) with bare codes and 403.
 */
public enum AuthDialect {

    S3 {
        @Override
        public AwsException error(SignatureFailure failure) {
            AwsException error = switch (failure.kind()) {
                case MISSING -> new AwsException("AccessDenied", 403, "Access Denied");
                case INCOMPLETE -> failure.presigned()
                        ? new AwsException("AuthorizationQueryParametersError", 400, failure.getMessage())
                        : new AwsException("AuthorizationHeaderMalformed", 400,
                                "The authorization header is malformed; the authorization header requires three components: Credential, SignedHeaders, and Signature.");
                case BAD_EXPIRY -> new AwsException("AuthorizationQueryParametersError", 400, failure.getMessage());
                case UNSUPPORTED_SCHEME -> failure.detail("Authorization").startsWith("AWS ")
                        ? new AwsException("InvalidRequest", 400, "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.")
                        : new AwsException("InvalidArgument", 400, "Unsupported Authorization Type")
                                .withDetail("ArgumentName", "Authorization").withDetail("ArgumentValue", failure.detail("Authorization"));
                case MISSING_DATE -> new AwsException("AccessDenied", 403, "AWS authentication requires a valid Date or x-amz-date header");
                case UNKNOWN_KEY -> new AwsException("InvalidAccessKeyId", 403, "The AWS Access Key Id you provided does not exist in our records.");
                case INVALID_TOKEN -> new AwsException("InvalidToken", 400, "The provided token is malformed or otherwise invalid.");
                case EXPIRED_TOKEN -> new AwsException("ExpiredToken", 400, "The provided token has expired.");
                case SCOPE_DATE -> new AwsException("AuthorizationHeaderMalformed", 400,
                        "The authorization header is malformed; Invalid credential date. Date is not the same as X-Amz-Date.");
                case SKEWED -> new AwsException("RequestTimeTooSkewed", 403, "The difference between the request time and the current time is too large.");
                case PRESIGNED_EXPIRED, PRESIGNED_NOT_YET_VALID -> new AwsException("AccessDenied", 403, failure.getMessage());
                case MISSING_CONTENT_SHA256 -> new AwsException("InvalidRequest", 400, failure.getMessage());
                case PAYLOAD_HASH_MISMATCH -> new AwsException("XAmzContentSHA256Mismatch", 400, failure.getMessage());
                case MISMATCH -> new AwsException("SignatureDoesNotMatch", 403,
                        "The request signature we calculated does not match the signature you provided. Check your key and signing method.");
            };
            if (failure.kind() != SignatureFailure.Kind.UNSUPPORTED_SCHEME) {
                failure.details().forEach(error::withDetail);
            }
            return error;
        }
    },

    /** DynamoDB, CloudWatch Logs: JSON 1.0/1.1. */
    AWS_JSON(new Codes(400, "MissingAuthenticationTokenException", "Request is missing Authentication Token", "IncompleteSignatureException",
            "UnrecognizedClientException", "ExpiredTokenException", "InvalidSignatureException")),

    /** Lambda, API Gateway: REST-JSON, behind the same front as API Gateway's invoke URLs (403 for every refusal). */
    REST_JSON(new Codes(403, "MissingAuthenticationTokenException", "Missing Authentication Token", "IncompleteSignatureException",
            "UnrecognizedClientException", "ExpiredTokenException", "InvalidSignatureException")),

    /** IAM, STS, CloudFormation (the Query protocol) and Route53. */
    QUERY(new Codes(403, "MissingAuthenticationToken", "Request is missing Authentication Token", "IncompleteSignature",
            "InvalidClientTokenId", "ExpiredToken", "SignatureDoesNotMatch"));

    /**
     * The codes of a non-S3 protocol.
     *
     * @param status the status of its refusals, but for an incomplete signature on JSON and Query: 400
     */
    private record Codes(int status, String missing, String missingMessage, String incomplete, String unknownKey, String expiredToken,
                         String mismatch) {
    }

    private final Codes codes;

    AuthDialect() {
        this(null);
    }

    AuthDialect(Codes codes) {
        this.codes = codes;
    }

    /** The error this protocol answers for {@code failure}, with AWS's code, status and message. */
    public AwsException error(SignatureFailure failure) {
        return switch (failure.kind()) {
            case MISSING -> new AwsException(codes.missing(), codes.status(), codes.missingMessage());
            case INCOMPLETE, UNSUPPORTED_SCHEME, MISSING_DATE, BAD_EXPIRY -> new AwsException(codes.incomplete(), this == REST_JSON ? 403 : 400,
                    failure.getMessage());
            case UNKNOWN_KEY, INVALID_TOKEN -> new AwsException(codes.unknownKey(), codes.status(), failure.getMessage());
            case EXPIRED_TOKEN -> new AwsException(codes.expiredToken(), codes.status(), failure.getMessage());
            default -> new AwsException(codes.mismatch(), codes.status(), failure.getMessage());
        };
    }

    /** What a request without any signature gets where one is needed. */
    public AwsException missing() {
        return error(new SignatureFailure(SignatureFailure.Kind.MISSING, false, "Request is missing Authentication Token"));
    }
}
