package dev.chatlab.localcloud.protocol;

import dev.chatlab.localcloud.http.AwsRequest;
import dev.chatlab.localcloud.http.MalformedUri;
import java.util.Optional;

/**
 * The credential scope of a SigV4-signed request: {@code AKID/20261125/ap-northeast-2/s3/aws4_request},
 * from the Authorization header or, for a presigned URL, the X-Amz-Credential parameter.
 */
public record CredentialScope(String accessKeyId, String date, String region, String service) {

    public static Optional<CredentialScope> of(AwsRequest request) {
        Optional<String> credential = request.header("authorization")
                .flatMap(CredentialScope::credentialFromAuthorization)
                .or(() -> presignedCredential(request));
        return credential.flatMap(CredentialScope::parse);
    }

    /** A query that cannot be read carries no credential: the service it reaches says what is wrong with it. */
    private static Optional<String> presignedCredential(AwsRequest request) {
        try {
            return request.queryParam("X-Amz-Credential");
        } catch (MalformedUri e) {
            return Optional.empty();
        }
    }

    private static Optional<String> credentialFromAuthorization(String authorization) {
        int start = authorization.indexOf("Credential=");
        if (!authorization.startsWith("AWS4-HMAC-SHA256") || start < 0) {
            return Optional.empty();
        }
        int end = authorization.indexOf(',', start);
        return Optional.of(authorization.substring(start + "Credential=".length(), end < 0 ? authorization.length() : end).trim());
    }

    static Optional<CredentialScope> parse(String credential) {
        String[] parts = credential.split("/");
        if (parts.length != 5 || !"aws4_request".equals(parts[4])) {
            return Optional.empty();
        }
        return Optional.of(new CredentialScope(parts[0], parts[1], parts[2], parts[3]));
    }
}
