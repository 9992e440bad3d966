package dev.chatlab.localcloud.services.apigateway.common;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a data-plane request goes: the API, the stage, and the rest of the path. Two URL
 * forms reach the same API (see services/apigateway/README.md):
 * <ul>
 *   <li>path form {@code http://localhost:4566/_aws/execute-api/<apiId>/<stage>/<path>}, which
 *       resolves everywhere (Java, Node, curl, browsers) with no DNS change;</li>
 *   <li>Host form {@code http://<apiId>.execute-api.localhost:4566/<stage>/<path>}, as AWS's
 *       {@code <apiId>.execute-api.<region>.amazonaws.com}; browsers and curl resolve
 *       {@code *.localhost}, glibc does not.</li>
 * </ul>
 *
 * @param restPath the raw path after the stage, "/" at least (e.g. "/rooms/general/messages")
 */
public record ExecuteApiTarget(String apiId, String stage, String restPath) {

    public static final String PATH_PREFIX = "/_aws/execute-api/";
    private static final Pattern HOST = Pattern.compile("([a-z0-9]{1,32})\\.execute-api\\..+");

    /** The target of a request, from its Host header and raw path; empty when it is not a data-plane request. */
    public static Optional<ExecuteApiTarget> of(String host, String rawPath) {
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        if (path.startsWith(PATH_PREFIX)) {
            return split(path.substring(PATH_PREFIX.length() - 1)).flatMap(parts -> stageAndRest(parts[0], parts[1]));
        }
        String hostName = hostName(host);
        Matcher m = HOST.matcher(hostName);
        if (m.matches()) {
            return stageAndRest(m.group(1), path);
        }
        return Optional.empty();
    }

    /** True for a request to an execute-api endpoint in either form, even one without a stage. */
    public static boolean isExecuteApi(String host, String rawPath) {
        return (rawPath != null && rawPath.startsWith(PATH_PREFIX)) || HOST.matcher(hostName(host)).matches();
    }

    private static Optional<String[]> split(String path) {
        // "/<apiId>/<rest...>"
        int slash = path.indexOf('/', 1);
        String apiId = slash < 0 ? path.substring(1) : path.substring(1, slash);
        String rest = slash < 0 ? "/" : path.substring(slash);
        return apiId.isEmpty() ? Optional.empty() : Optional.of(new String[] {apiId, rest});
    }

    private static Optional<ExecuteApiTarget> stageAndRest(String apiId, String path) {
        return split(path).map(parts -> new ExecuteApiTarget(apiId, parts[0], parts[1]));
    }

    private static String hostName(String host) {
        if (host == null) {
            return "";
        }
        int colon = host.lastIndexOf(':');
        return (colon > 0 && !host.endsWith("]") ? host.substring(0, colon) : host).toLowerCase(Locale.ROOT);
    }
}
