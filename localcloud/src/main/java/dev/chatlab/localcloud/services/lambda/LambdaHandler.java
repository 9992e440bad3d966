package dev.chatlab.localcloud.services.lambda;

import static dev.chatlab.localcloud.core.Json.text;
import static dev.chatlab.localcloud.http.AwsResponse.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.http.AwsRequest;
import dev.chatlab.localcloud.http.AwsResponse;
import dev.chatlab.localcloud.protocol.AccountAndRegion;
import dev.chatlab.localcloud.protocol.ErrorRenderer;
import dev.chatlab.localcloud.protocol.ServiceHandler;
import dev.chatlab.localcloud.protocol.constraints.InputValidator;
import dev.chatlab.localcloud.protocol.sigv4.AuthDialect;
import dev.chatlab.localcloud.services.iam.CallerAuthorization;
import dev.chatlab.localcloud.services.iam.IamAuthorizer;
import dev.chatlab.localcloud.services.lambda.model.CodeInput;
import dev.chatlab.localcloud.services.lambda.model.FunctionConfig;
import dev.chatlab.localcloud.services.lambda.model.FunctionSettings;
import dev.chatlab.localcloud.services.lambda.model.InvokeResult;
import dev.chatlab.localcloud.services.lambda.runtime.FunctionRuntime;
import dev.chatlab.localcloud.services.lambda.runtime.RuntimeApiEndpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Lambda's rest-json protocol ({@code /2015-03-31/functions/...}, {@code /2017-03-31/tags/...}),
 * plus two unsigned endpoints: the Runtime API of the function instances
 * ({@code /_aws/lambda-runtime/...}) and the download of a function's package that
 * GetFunction's Code.Location points at ({@code /_aws/lambda-code/<name>?...}, signed as a
 * presigned URL is: see {@link CodeDownloadLinks}).
 */
public final class LambdaHandler implements ServiceHandler {

    private static final String FUNCTIONS = "/2015-03-31/functions";
    private static final String TAGS = "/2017-03-31/tags/";
    static final String CODE_PATH = "/_aws/lambda-code/";

    private final LambdaService lambda;
    private final RuntimeApiEndpoint runtimeApi;
    private final CallerAuthorization authorization;
    private final CodeDownloadLinks codeLinks = new CodeDownloadLinks(Clock.systemUTC());

    public LambdaHandler(LambdaService lambda, IamAuthorizer authorizer) {
        this.lambda = lambda;
        this.runtimeApi = new RuntimeApiEndpoint(lambda.runtime());
        this.authorization = new CallerAuthorization(authorizer);
    }

    /** A deployment package uploaded directly may be 50 MB zipped: about 70 MB as the base64 of a JSON request. */
    @Override
    public long maxRequestBytes() {
        return 70L * 1024 * 1024;
    }

    @Override
    public Set<String> signingNames() {
        return Set.of("lambda");
    }

    /** Lambda refuses input that breaks its model's constraints with this error. */
    private static final InputValidator INPUT = InputValidator.of(message -> new AwsException("ValidationException", 400, message), "lambda");

    @Override
    public void checkInput(AwsRequest request) {
        if (!carriesCode(request)) {
            INPUT.check(request);
        }
    }

    /** Lambda's API paths ({@code /2015-03-31/functions/...}), signed or not, besides what {@link #acceptsUnsigned} takes. */
    private static final Pattern API_PATH =
            Pattern.compile("/\\d{4}-\\d{2}-\\d{2}/(functions|event-source-mappings|layers|tags|account-settings|code-signing-configs)");

    @Override
    public boolean ownsEndpoint(AwsRequest request) {
        return acceptsUnsigned(request) || API_PATH.matcher(request.rawPath()).lookingAt();
    }

    /** The Runtime API (a function's own runtime calls it) and the GetFunction code links (signed by localcloud itself). */
    @Override
    public boolean acceptsUnsigned(AwsRequest request) {
        return RuntimeApiEndpoint.owns(request) || request.rawPath().startsWith(CODE_PATH);
    }

    @Override
    public AuthDialect authDialect() {
        return AuthDialect.REST_JSON;
    }

    /** Invoke from a browser with the SDK for JavaScript, as AWS allows. */
    @Override
    public boolean answersCrossOrigin() {
        return true;
    }

    @Override
    public AwsResponse handle(AwsRequest request) {
        if (RuntimeApiEndpoint.owns(request)) {
            return runtimeApi.handle(request);
        }
        try {
            return route(request).header("x-amzn-RequestId", request.requestId());
        } catch (AwsException e) {
            return renderError(e, request);
        }
    }

    @Override
    public AwsResponse renderError(AwsException e, AwsRequest request) {
        return ErrorRenderer.restJson(e, request.requestId());
    }

    private AwsResponse route(AwsRequest request) {
        String path = request.rawPath();
        String method = request.method();
        String region = AccountAndRegion.regionOf(request);
        if (path.startsWith(CODE_PATH) && method.equals("GET")) {
            String function = decode(path.substring(CODE_PATH.length()));
            codeLinks.verify(function, request.queryParam("X-Localcloud-Expires"), request.queryParam("X-Localcloud-Signature"));
            return AwsResponse.status(200).contentType("application/zip").body(lambda.code(function));
        }
        if (path.startsWith(TAGS)) {
            String arn = decode(path.substring(TAGS.length()));
            String action = switch (method) {
                case "GET" -> "lambda:ListTags";
                case "POST" -> "lambda:TagResource";
                default -> "lambda:UntagResource";
            };
            authorization.check(request, action, arn, null);
            return tags(request, arn);
        }
        if (path.equals(FUNCTIONS) || path.equals(FUNCTIONS + "/")) {
            if (method.equals("POST")) {
                JsonNode in = body(request);
                INPUT.check(request, in);
                authorization.check(request, "lambda:CreateFunction", arnOf(text(in, "FunctionName"), region), null);
                return json(201, asLeftByTheCall(createFunction(in, region)));
            }
            if (method.equals("GET")) {
                authorization.check(request, "lambda:ListFunctions", "*", null);
                return listFunctions(request);
            }
        }
        if (path.startsWith(FUNCTIONS + "/")) {
            String[] segments = path.substring(FUNCTIONS.length() + 1).split("/");
            String given = decode(segments[0]);
            String name = inRegion(given, region);
            String sub = segments.length > 1 ? segments[1] : "";
            String qualifier = request.queryParam("Qualifier").orElse(null);
            String target = qualifier == null ? name : name + ":" + qualifier;
            String operation = method + " " + sub;
            String action = ACTIONS.get(operation);
            if (action != null) {
                String policy = action.equals("lambda:InvokeFunction") ? policyOf(name) : null;
                authorization.check(request, action, arnOf(given, region), policy);
            }
            switch (operation) {
                case "GET " -> {
                    return json(200, getFunction(target, request));
                }
                case "DELETE " -> {
                    lambda.deleteFunction(target);
                    return AwsResponse.noContent();
                }
                case "GET configuration" -> {
                    return json(200, configuration(lambda.getFunction(target)));
                }
                case "PUT configuration" -> {
                    JsonNode in = body(request);
                    return json(200, asLeftByTheCall(lambda.updateFunctionConfiguration(name, settings(in), text(in, "RevisionId"))));
                }
                case "PUT code" -> {
                    JsonNode in = body(request);
                    INPUT.check(request, in);
                    CodeInput code = code(in);
                    boolean dryRun = in.path("DryRun").asBoolean(false);
                    FunctionConfig updated = lambda.updateFunctionCode(name, code, text(in, "RevisionId"), dryRun);
                    return json(200, dryRun ? configuration(updated) : asLeftByTheCall(updated));
                }
                case "POST policy" -> {
                    JsonNode in = body(request);
                    String statement = lambda.addPermission(target, text(in, "StatementId"), text(in, "Action"), text(in, "Principal"),
                            text(in, "SourceArn"), text(in, "SourceAccount"), text(in, "RevisionId"));
                    return json(201, Json.object().put("Statement", statement));
                }
                case "GET policy" -> {
                    FunctionConfig config = lambda.getPolicy(target);
                    return json(200, Json.object().put("Policy", config.policy()).put("RevisionId", config.revisionId()));
                }
                case "DELETE policy" -> {
                    if (segments.length < 3) {
                        break;
                    }
                    lambda.removePermission(target, decode(segments[2]), request.queryParam("RevisionId").orElse(null));
                    return AwsResponse.noContent();
                }
                case "POST invocations" -> {
                    return invoke(request, name, qualifier);
                }
                default -> {
                    // falls through to the error below
                }
            }
        }
        throw new AwsException("UnknownOperationException", 404, "localcloud's Lambda has no operation " + method + " " + path + ".");
    }

    /** The IAM action of each operation on a function, by method and path segment. */
    private static final Map<String, String> ACTIONS = Map.ofEntries(
            Map.entry("GET ", "lambda:GetFunction"),
            Map.entry("DELETE ", "lambda:DeleteFunction"),
            Map.entry("GET configuration", "lambda:GetFunctionConfiguration"),
            Map.entry("PUT configuration", "lambda:UpdateFunctionConfiguration"),
            Map.entry("PUT code", "lambda:UpdateFunctionCode"),
            Map.entry("POST policy", "lambda:AddPermission"),
            Map.entry("GET policy", "lambda:GetPolicy"),
            Map.entry("DELETE policy", "lambda:RemovePermission"),
            Map.entry("POST invocations", "lambda:InvokeFunction"));

    /** The function's ARN for IAM, whatever form the caller named it in (the function need not exist). */
    private String arnOf(String nameOrArn, String region) {
        if (nameOrArn != null && nameOrArn.startsWith("arn:")) {
            return nameOrArn;
        }
        String name = nameOrArn == null ? "" : FunctionNames.parse(nameOrArn).name();
        return FunctionNames.arn(region, lambda.accountId(), name);
    }

    /**
     * A bare or partial FunctionName as the ARN of the request's region (the qualifier kept), so
     * that "Function not found" names the region the caller asked in, as AWS does.
     */
    private String inRegion(String nameOrArn, String region) {
        if (nameOrArn.startsWith("arn:")) {
            return nameOrArn;
        }
        FunctionNames.Parsed parsed = FunctionNames.parse(nameOrArn);
        String arn = FunctionNames.arn(region, lambda.accountId(), parsed.name());
        return parsed.qualifier() == null ? arn : arn + ":" + parsed.qualifier();
    }

    private String policyOf(String name) {
        try {
            return lambda.getFunction(name).policy();
        } catch (AwsException notFound) {
            return null;
        }
    }

    private FunctionConfig createFunction(JsonNode in, String region) {
        if (in.hasNonNull("PackageType") && !in.get("PackageType").asText().equals("Zip")) {
            throw new AwsException("InvalidParameterValueException", 400,
                    "localcloud runs .zip deployment packages only, not container images.");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        in.path("Tags").fields().forEachRemaining(entry -> tags.put(entry.getKey(), entry.getValue().asText()));
        return lambda.createFunction(region, text(in, "FunctionName"), settings(in), code(in.path("Code")), tags);
    }

    private ObjectNode getFunction(String target, AwsRequest request) {
        FunctionConfig config = lambda.getFunction(target);
        ObjectNode out = Json.object();
        out.set("Configuration", configuration(config));
        out.putObject("Code").put("RepositoryType", "S3")
                .put("Location", "http://" + request.header("host").orElse("localhost") + CODE_PATH + config.functionName()
                        + "?" + codeLinks.query(config.functionName()));
        if (!config.tags().isEmpty()) {
            ObjectNode tags = out.putObject("Tags");
            config.tags().forEach(tags::put);
        }
        return out;
    }

    private AwsResponse listFunctions(AwsRequest request) {
        // 1 to 10,000: the model check (checkInput) refused any other value before this
        int maxItems = request.queryParam("MaxItems").map(LambdaHandler::maxItems).orElse(50);
        List<FunctionConfig> page = lambda.listFunctions(request.queryParam("Marker").orElse(null), maxItems);
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("Functions");
        page.stream().limit(maxItems).forEach(config -> list.add(configuration(config)));
        if (page.size() > maxItems) {
            out.put("NextMarker", page.get(maxItems - 1).functionName());
        }
        return json(200, out);
    }

    private AwsResponse invoke(AwsRequest request, String name, String qualifier) {
        String type = request.header("x-amz-invocation-type").orElse(null);
        boolean tail = request.header("x-amz-log-type").map("Tail"::equals).orElse(false);
        InvokeResult result = lambda.invoke(name, qualifier, type, request.body(), tail && !"Event".equals(type));
        AwsResponse response = AwsResponse.status(result.statusCode()).body(result.payload());
        if (result.statusCode() == 200) {
            response.contentType("application/json").header("X-Amz-Executed-Version", "$LATEST");
        }
        if (result.functionError() != null) {
            response.header("X-Amz-Function-Error", result.functionError());
        }
        if (result.logTail() != null) {
            response.header("X-Amz-Log-Result", Base64.getEncoder().encodeToString(result.logTail().getBytes(StandardCharsets.UTF_8)));
        }
        return response;
    }

    private AwsResponse tags(AwsRequest request, String arn) {
        switch (request.method()) {
            case "GET" -> {
                ObjectNode out = Json.object();
                ObjectNode tags = out.putObject("Tags");
                lambda.listTags(arn).forEach(tags::put);
                return json(200, out);
            }
            case "POST" -> {
                Map<String, String> tags = new LinkedHashMap<>();
                body(request).path("Tags").fields().forEachRemaining(entry -> tags.put(entry.getKey(), entry.getValue().asText()));
                lambda.tagResource(arn, tags);
                return AwsResponse.noContent();
            }
            case "DELETE" -> {
                lambda.untagResource(arn, request.queryParamValues("tagKeys"));
                return AwsResponse.noContent();
            }
            default -> throw new AwsException("UnknownOperationException", 404, "localcloud's Lambda has no operation "
                    + request.method() + " " + request.rawPath() + ".");
        }
    }

    /**
     * The answer of CreateFunction and the updates: Pending / InProgress, as AWS always answers
     * them, even when the cloud's timing makes the change done at once.
     */
    private ObjectNode asLeftByTheCall(FunctionConfig config) {
        return configuration(config, config.readyAt() - 1);
    }

    /** The Configuration document (FunctionConfiguration) of GetFunction, ListFunctions and friends. */
    private ObjectNode configuration(FunctionConfig config) {
        return configuration(config, System.currentTimeMillis());
    }

    private ObjectNode configuration(FunctionConfig config, long now) {
        ObjectNode out = Json.object()
                .put("FunctionName", config.functionName())
                .put("FunctionArn", config.functionArn())
                .put("Runtime", config.runtime())
                .put("Role", config.role())
                .put("Handler", config.handler())
                .put("CodeSize", config.codeSize())
                .put("Description", config.description())
                .put("Timeout", config.timeout())
                .put("MemorySize", config.memorySize())
                .put("LastModified", config.lastModified())
                .put("CodeSha256", config.codeSha256())
                .put("Version", "$LATEST")
                .put("RevisionId", config.revisionId())
                .put("State", config.state(now))
                .put("LastUpdateStatus", config.lastUpdateStatus(now))
                .put("PackageType", "Zip");
        if (config.state(now).equals("Pending")) {
            out.put("StateReason", "The function is being created.").put("StateReasonCode", "Creating");
        }
        if (config.created() && config.lastUpdateStatus(now).equals("InProgress")) {
            // an update in progress carries no reason (Lambda's "function states" guide shows only LastUpdateStatus)
            out.put("LastUpdateStatusReason", "The function is being created.").put("LastUpdateStatusReasonCode", "Creating");
        }
        if (!config.environment().isEmpty()) {
            ObjectNode variables = out.putObject("Environment").putObject("Variables");
            config.environment().forEach(variables::put);
        }
        out.putObject("TracingConfig").put("Mode", "PassThrough");
        out.putArray("Architectures").add("x86_64");
        out.putObject("EphemeralStorage").put("Size", 512);
        out.putObject("SnapStart").put("ApplyOn", "None").put("OptimizationStatus", "Off");
        out.putObject("LoggingConfig").put("LogFormat", "Text").put("LogGroup", FunctionRuntime.logGroupOf(config.functionName()));
        return out;
    }

    private static FunctionSettings settings(JsonNode in) {
        Map<String, String> environment = null;
        if (in.has("Environment")) {
            environment = new LinkedHashMap<>();
            Map<String, String> variables = environment;
            in.path("Environment").path("Variables").fields().forEachRemaining(entry -> variables.put(entry.getKey(), entry.getValue().asText()));
        }
        return new FunctionSettings(text(in, "Runtime"), text(in, "Role"), text(in, "Handler"), text(in, "Description"),
                in.hasNonNull("Timeout") ? in.get("Timeout").asInt() : null,
                in.hasNonNull("MemorySize") ? in.get("MemorySize").asInt() : null, environment);
    }

    private static CodeInput code(JsonNode code) {
        byte[] zip = null;
        if (code.hasNonNull("ZipFile")) {
            try {
                zip = code.get("ZipFile").binaryValue();
            } catch (IOException | RuntimeException e) {
                zip = null;
            }
            if (zip == null) {
                throw new AwsException("InvalidParameterValueException", 400,
                        "Could not unzip uploaded file. Please check your file, then try to upload again.");
            }
        }
        if (code.hasNonNull("ImageUri")) {
            throw new AwsException("InvalidParameterValueException", 400, "localcloud runs .zip deployment packages only, not container images.");
        }
        return new CodeInput(zip, text(code, "S3Bucket"), text(code, "S3Key"));
    }

    private static JsonNode body(AwsRequest request) {
        if (request.body().length > RequestBodies.MAX_CODE_REQUEST_BYTES) {
            throw new AwsException("RequestTooLargeException", 413,
                    "Request must be smaller than " + RequestBodies.MAX_CODE_REQUEST_BYTES + " bytes for the " + operationOf(request) + " operation");
        }
        return RequestBodies.read(request.body());
    }

    /**
     * CreateFunction and UpdateFunctionCode, whose body may hold a deployment package: read once,
     * by {@link #body}, and checked against the model from that reading.
     */
    private static boolean carriesCode(AwsRequest request) {
        String path = request.path();
        return request.method().equals("POST") && (path.equals(FUNCTIONS) || path.equals(FUNCTIONS + "/"))
                || request.method().equals("PUT") && path.startsWith(FUNCTIONS + "/") && path.endsWith("/code");
    }

    private static String operationOf(AwsRequest request) {
        return request.method().equals("POST") ? "CreateFunction" : "UpdateFunctionCode";
    }


    /** A whole number the model check lets through in another form ("5.0", "1e1"): the REST-JSON front end refuses it. */
    private static int maxItems(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new AwsException("InvalidParameterValueException", 400, "Invalid value for MaxItems: '" + text + "' is not an integer.");
        }
    }

    private static String decode(String segment) {
        return AwsRequest.decodePathSegment(segment);
    }

}
