package dev.chatlab.localcloud.services.s3;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.http.AwsRequest;
import dev.chatlab.localcloud.http.MalformedUri;
import dev.chatlab.localcloud.protocol.AccountAndRegion;
import dev.chatlab.localcloud.protocol.CredentialScope;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One S3 request, taken apart: {@code /<bucket>/<key>?<subresources>} (path style, what the lab and
 * the CLI use with an IP endpoint), or {@code <bucket>.s3.localhost/<key>} (virtual-hosted style).
 *
 * @param bucket the bucket name ("" for the service: ListBuckets)
 * @param key    the decoded object key ("" for a bucket request)
 * @param query  the query parameters (subresources such as "policy" have the value "")
 * @param scope  the SigV4 credential scope; empty for an anonymous request
 */
record S3Call(AwsRequest request, String bucket, String key, Map<String, String> query, Optional<CredentialScope> scope) {

    /** Virtual-hosted style: {@code <bucket>.s3.localhost} or {@code <bucket>.s3.<region>.localhost}. */
    private static final Pattern VIRTUAL_HOST = Pattern.compile("(.+)\\.s3\\.([a-z0-9-]+\\.)?localhost");

    static S3Call of(AwsRequest request) {
        String raw = request.rawPath().startsWith("/") ? request.rawPath().substring(1) : request.rawPath();
        Optional<CredentialScope> scope = CredentialScope.of(request);
        Matcher virtualHost = VIRTUAL_HOST.matcher(request.hostName());
        if (virtualHost.matches()) {
            return new S3Call(request, virtualHost.group(1), decode(raw), query(request), scope);
        }
        int slash = raw.indexOf('/');
        String bucket = decode(slash < 0 ? raw : raw.substring(0, slash));
        String key = slash < 0 ? "" : decode(raw.substring(slash + 1));
        return new S3Call(request, bucket, key, query(request), scope);
    }

    /** Percent-decodes a path; a broken escape ("%zz") is S3's InvalidURI, not a server error. */
    static String decode(String raw) {
        try {
            return AwsRequest.decodePathSegment(raw);
        } catch (MalformedUri e) {
            throw invalidUri();
        }
    }

    private static Map<String, String> query(AwsRequest request) {
        try {
            return request.queryParams();
        } catch (MalformedUri e) {
            throw invalidUri();
        }
    }

    private static AwsException invalidUri() {
        return new AwsException("InvalidURI", 400, "Couldn't parse the specified URI.");
    }

    /** A request made with credentials: in localcloud's one account, the bucket owner's. */
    boolean signed() {
        return scope.isPresent() || request.header("authorization").isPresent();
    }

    boolean has(String subresource) {
        return query.containsKey(subresource);
    }

    String param(String name) {
        return query.get(name);
    }

    String method() {
        return request.method();
    }

    String region() {
        return scope.map(CredentialScope::region).orElse(AccountAndRegion.DEFAULT_REGION);
    }

    String header(String name) {
        return request.header(name).orElse(null);
    }
}
