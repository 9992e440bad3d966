package dev.chatlab.localcloud.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One HTTP request as a service sees it, free of any server library: services and
 * their tests depend on this, never on Jetty.
 *
 * @param method      upper-case HTTP method
 * @param rawPath     the path exactly as sent, still percent-encoded (S3 keys need it raw)
 * @param rawQuery    the query string as sent, without '?', or "" when there is none
 * @param headers     header values by lower-case name
 * @param body        the whole body (empty when there is none)
 * @param remoteAddr  the caller's IP address
 * @param requestId   the id this request answers with (x-amz-request-id and friends)
 * @param spooled     the body written to a file as it arrived, for an endpoint that takes bodies
 *                    larger than memory ({@link HttpEndpoint#spoolDirectory}); then {@code body} is
 *                    empty. Null otherwise
 */
public record AwsRequest(String method, String rawPath, String rawQuery,
                         Map<String, List<String>> headers, byte[] body,
                         String remoteAddr, String requestId, SpooledBody spooled) {

    public AwsRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body,
                      String remoteAddr, String requestId) {
        this(method, rawPath, rawQuery, headers, body, remoteAddr, requestId, null);
    }

    public AwsRequest {
        if (!(headers instanceof LowerCaseHeaders)) {
            Map<String, List<String>> lower = new TreeMap<>();
            headers.forEach((name, values) -> lower.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(values));
            headers = new LowerCaseHeaders(Collections.unmodifiableMap(lower));
        }
        rawQuery = rawQuery == null ? "" : rawQuery;
        body = body == null ? new byte[0] : body;
    }

    /**
     * Headers already keyed in lower case, so that {@link #withBody} and {@link #withSpooledBody}
     * (every request passes one) keep them as they are instead of copying them again.
     */
    private static final class LowerCaseHeaders extends AbstractMap<String, List<String>> {

        private final Map<String, List<String>> byName;

        LowerCaseHeaders(Map<String, List<String>> byName) {
            this.byName = byName;
        }

        @Override
        public List<String> get(Object name) {
            return byName.get(name);
        }

        @Override
        public boolean containsKey(Object name) {
            return byName.containsKey(name);
        }

        @Override
        public int size() {
            return byName.size();
        }

        @Override
        public Set<Entry<String, List<String>>> entrySet() {
            return byName.entrySet();
        }
    }

    /**
     * The remote address of a request that another localcloud service makes in-process on behalf
     * of AWS (CloudFormation creating a stack's resources): a service principal, which no socket
     * address can be, so that no client over HTTP can claim it.
     */
    public static final String CLOUDFORMATION_CALLER = "cloudformation.amazonaws.com";

    /** True for CloudFormation's own in-process calls (see {@link #CLOUDFORMATION_CALLER}). */
    public boolean fromCloudFormation() {
        return CLOUDFORMATION_CALLER.equals(remoteAddr);
    }

    /** This request with {@code newBody}: the head is read before the body. */
    public AwsRequest withBody(byte[] newBody) {
        return new AwsRequest(method, rawPath, rawQuery, headers, newBody, remoteAddr, requestId, null);
    }

    /** This request with its body in a file: the head is read before the body. */
    public AwsRequest withSpooledBody(SpooledBody file) {
        return new AwsRequest(method, rawPath, rawQuery, headers, new byte[0], remoteAddr, requestId, file);
    }

    /** The first value of a header, case-insensitively. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The path, percent-decoded ('+' stays '+', as in a URL path). */
    public String path() {
        return decodePathSegment(rawPath);
    }

    /** Query parameters in order of appearance; a parameter without '=' has the value "". */
    public Map<String, String> queryParams() {
        return parseForm(rawQuery);
    }

    public Optional<String> queryParam(String name) {
        return Optional.ofNullable(queryParams().get(name));
    }

    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The Host header without the port, lower-case; "" when absent. */
    public String hostName() {
        String host = header("host").orElse("");
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end > 0 ? host.substring(0, end + 1) : host;
        }
        int colon = host.lastIndexOf(':');
        return (colon >= 0 ? host.substring(0, colon) : host).toLowerCase(Locale.ROOT);
    }

    /**
     * Parses application/x-www-form-urlencoded text (query strings and AWS query-protocol bodies);
     * a name given twice keeps its first value.
     */
    public static Map<String, String> parseForm(String text) {
        Map<String, String> params = new LinkedHashMap<>();
        formPairs(text).forEach(pair -> params.putIfAbsent(pair.getKey(), pair.getValue()));
        return params;
    }

    /** Every name=value pair of form text, decoded, in order, repeated names included ({@code tagKeys=a&tagKeys=b}). */
    public static List<Map.Entry<String, String>> formPairs(String text) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return pairs;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            pairs.add(Map.entry(decodeForm(name), decodeForm(value)));
        }
        return pairs;
    }

    /** The values of a query parameter given once or more, which {@link #queryParams()} folds into its first. */
    public List<String> queryParamValues(String name) {
        return formPairs(rawQuery).stream().filter(pair -> pair.getKey().equals(name)).map(Map.Entry::getValue).toList();
    }

    private static String decodeForm(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw MalformedUri.inQuery();
        }
    }

    /** Percent-decodes a URL path; unlike form decoding, '+' is a plain plus. */
    public static String decodePathSegment(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw MalformedUri.inPath();
        }
    }
}
