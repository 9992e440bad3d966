package dev.chatlab.localcloud.protocol.sigv4;

import dev.chatlab.localcloud.http.AwsRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * SigV4's canonical request: method, path, sorted query, the signed headers and the payload's
 * hash, one per line, built from the request as it arrived. S3 encodes each path segment once;
 * every other service encodes the path as sent once more (the SDKs' "double URL encoding").
 */
final class CanonicalRequest {

    private CanonicalRequest() {
    }

    static String of(AwsRequest request, SignedRequest signed, String payloadHash, boolean s3) {
        StringBuilder canonical = new StringBuilder()
                .append(request.method()).append('\n')
                .append(s3 ? s3Path(request.rawPath()) : encode(request.rawPath().isEmpty() ? "/" : request.rawPath(), false)).append('\n')
                .append(query(request.rawQuery(), signed.presigned())).append('\n');
        for (String name : signed.signedHeaders()) {
            canonical.append(name).append(':').append(headerValue(request.headers().get(name))).append('\n');
        }
        return canonical.append('\n')
                .append(String.join(";", signed.signedHeaders())).append('\n')
                .append(payloadHash)
                .toString();
    }

    /** S3: each segment decoded and encoded again, so that a client that left '~' or '(' unencoded matches too. */
    private static String s3Path(String rawPath) {
        if (rawPath.isEmpty()) {
            return "/";
        }
        StringBuilder path = new StringBuilder();
        String[] segments = rawPath.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                path.append('/');
            }
            path.append(encode(AwsRequest.decodePathSegment(segments[i]), true));
        }
        return path.toString();
    }

    /** Every parameter, names and values encoded, sorted; a presigned URL's own signature left out. */
    private static String query(String rawQuery, boolean presigned) {
        List<String[]> pairs = new ArrayList<>();
        for (Map.Entry<String, String> pair : AwsRequest.formPairs(rawQuery)) {
            if (!(presigned && pair.getKey().equals("X-Amz-Signature"))) {
                pairs.add(new String[] {encode(pair.getKey(), true), encode(pair.getValue(), true)});
            }
        }
        pairs.sort(Comparator.<String[], String>comparing(pair -> pair[0]).thenComparing(pair -> pair[1]));
        StringBuilder query = new StringBuilder();
        for (String[] pair : pairs) {
            query.append(query.isEmpty() ? "" : "&").append(pair[0]).append('=').append(pair[1]);
        }
        return query.toString();
    }

    /** Values of one header, each trimmed with inner runs of spaces folded, joined by commas; "" when absent. */
    private static String headerValue(List<String> values) {
        if (values == null) {
            return "";
        }
        List<String> folded = new ArrayList<>();
        values.forEach(value -> folded.add(foldSpaces(value.trim())));
        return String.join(",", folded);
    }

    /** Runs of spaces as one; most values have none, so no regular expression is compiled per header. */
    private static String foldSpaces(String value) {
        if (!value.contains("  ")) {
            return value;
        }
        StringBuilder folded = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != ' ' || folded.isEmpty() || folded.charAt(folded.length() - 1) != ' ') {
                folded.append(c);
            }
        }
        return folded.toString();
    }

    /** RFC 3986 percent-encoding of everything but the unreserved characters (and '/', unless told). */
    static String encode(String text, boolean encodeSlash) {
        StringBuilder encoded = new StringBuilder(text.length() + 16);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~'
                    || (c == '/' && !encodeSlash)) {
                encoded.append(c);
            } else {
                encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return encoded.toString();
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
}
