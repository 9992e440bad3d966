package dev.chatlab.localcloud.services.s3.website;

import dev.chatlab.localcloud.http.AwsRequest;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a website request points: the bucket and the raw key path, from one of the three
 * forms the endpoint answers:
 * <ul>
 *   <li>{@code http://<bucket>.s3-website.<region>.localhost:4566/<key>} (or {@code s3-website-<region>},
 *       AWS's older spelling); browsers and curl resolve *.localhost to 127.0.0.1;</li>
 *   <li>{@code http://127.0.0.1:4566/_aws/s3-website/<bucket>/<key>}, for clients that cannot
 *       resolve *.localhost (Java's and Node's resolvers) or set a Host header;</li>
 *   <li>any Host that is the name of a bucket with website hosting ({@code chat.lab.test}): a custom
 *       domain, as Route53 alias + bucket-named-like-the-domain work on AWS.</li>
 * </ul>
 *
 * @param base the URL path under which keys live ("/" or "/_aws/s3-website/<bucket>/"), for redirects
 */
record WebsiteAddress(String bucket, String rawKeyPath, String base) {

    static final String PATH_PREFIX = "/_aws/s3-website/";
    private static final Pattern WEBSITE_HOST = Pattern.compile("(.+)\\.s3-website[.-]([a-z0-9-]+)\\.localhost");

    static Optional<String> bucketFromWebsiteHost(String hostName) {
        Matcher matcher = WEBSITE_HOST.matcher(hostName);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    static boolean isPathForm(AwsRequest request) {
        return request.rawPath().startsWith(PATH_PREFIX);
    }

    static WebsiteAddress of(AwsRequest request) {
        if (isPathForm(request)) {
            String rest = request.rawPath().substring(PATH_PREFIX.length());
            int slash = rest.indexOf('/');
            String bucket = decode(slash < 0 ? rest : rest.substring(0, slash));
            return new WebsiteAddress(bucket, slash < 0 ? null : rest.substring(slash + 1), PATH_PREFIX + bucket + "/");
        }
        String host = request.hostName();
        String bucket = bucketFromWebsiteHost(host).orElse(host);
        String raw = request.rawPath().startsWith("/") ? request.rawPath().substring(1) : request.rawPath();
        return new WebsiteAddress(bucket, raw, "/");
    }

    /** The decoded key the path names ("" for the root). */
    String key() {
        return rawKeyPath == null ? "" : decode(rawKeyPath);
    }

    /** A broken percent escape in a visitor's URL is a 400 page (InvalidURI), not a server error. */
    private static String decode(String raw) {
        return AwsRequest.decodePathSegment(raw);
    }
}
