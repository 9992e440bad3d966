package dev.chatlab.localcloud.services.lambda;

import dev.chatlab.localcloud.config.CloudContext;
import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.protocol.AccountAndRegion;
import dev.chatlab.localcloud.services.lambda.model.CodeInput;
import dev.chatlab.localcloud.services.lambda.model.FunctionConfig;
import dev.chatlab.localcloud.services.lambda.model.FunctionSettings;
import dev.chatlab.localcloud.services.lambda.model.InvokeResult;
import dev.chatlab.localcloud.services.lambda.runtime.ExecutionRoles;
import dev.chatlab.localcloud.services.lambda.runtime.FunctionRuntime;
import dev.chatlab.localcloud.services.lambda.runtime.RuntimeApiEndpoint;
import dev.chatlab.localcloud.services.lambda.runtime.RuntimeSettings;
import dev.chatlab.localcloud.services.logs.LogsService;
import dev.chatlab.localcloud.storage.Documents;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda's control plane (functions, their code, configuration, permissions, tags) and Invoke.
 * Functions are stored in Storage; their instances run in {@link FunctionRuntime}.
 *
 * <p>Other services call it in Java: {@link #invoke(String, byte[])} for a plain synchronous
 * invoke and {@link #invokeAsService(String, String, String, byte[])} for a service (API
 * Gateway) that must be allowed by the function's resource policy.
 */
public final class LambdaService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LambdaService.class);
    static final int MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;
    private static final DateTimeFormatter LAST_MODIFIED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    private final CloudContext context;
    /** Every Invoke reads its function (twice: IAM and the call), through the documents' parse-once cache. */
    private final Documents<FunctionConfig> functions;
    private final DeploymentPackages packages;
    private final ExecutionRoles roles;
    private final CodeObjects codeObjects;
    private final FunctionRuntime runtime;
    private final ExecutorService asyncInvokes = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "lambda-event-invoke");
        thread.setDaemon(true);
        return thread;
    });

    public LambdaService(CloudContext context, LogsService logs, ExecutionRoles roles, CodeObjects codeObjects,
                         RuntimeSettings settings) {
        this.context = context;
        this.functions = context.storage().documents("lambda.functions", FunctionConfig.class);
        this.packages = new DeploymentPackages(context.storage(), context.config().dataDirectory(),
                (function, key) -> functions.get(function).map(config -> config.codeKey().equals(key)).orElse(false));
        this.roles = roles;
        this.codeObjects = codeObjects;
        Map<String, String> inUse = new HashMap<>();
        functions.values().forEach(config -> inUse.put(config.functionName(), config.codeKey()));
        packages.keepOnly(inUse);
        String runtimeApi = "127.0.0.1:" + context.httpPort() + RuntimeApiEndpoint.PATH_PREFIX.substring(0, RuntimeApiEndpoint.PATH_PREFIX.length() - 1);
        this.runtime = new FunctionRuntime(settings, logs, roles, packages,
                runtimeApi, "http://127.0.0.1:" + context.httpPort(), packages.workDirectory());
        functions.values().forEach(runtime::prepare);
    }

    public FunctionRuntime runtime() {
        return runtime;
    }

    public String accountId() {
        return context.accountId();
    }

    // ---- functions

    public synchronized FunctionConfig createFunction(String region, String name, FunctionSettings settings, CodeInput code,
                                                      Map<String, String> tags) {
        if (name == null || !FunctionNames.NAME.matcher(name).matches()) {
            throw AwsException.validation("1 validation error detected: Value '" + name
                    + "' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9-_]+ and have length less than or equal to 64");
        }
        if (settings.runtime() == null || settings.handler() == null) {
            throw invalid("Runtime and Handler are mandatory parameters for functions created with deployment packages.");
        }
        FunctionSettingsValidation.check(settings);
        if (code == null || code.isEmpty()) {
            throw invalid("Please provide a source for function code.");
        }
        if (functions.contains(name)) {
            throw new AwsException("ResourceConflictException", 409, "Function already exist: " + name);
        }
        roles.credentialsFor(settings.role(), name);
        DeploymentPackages.PackageInfo info = packages.store(codeBytes(code));
        long now = context.clock().millis();
        FunctionConfig config = new FunctionConfig(name, FunctionNames.arn(region, context.accountId(), name), region,
                settings.runtime(), settings.role(), settings.handler(), settings.description(),
                settings.timeout() == null ? 3 : settings.timeout(), settings.memorySize() == null ? 128 : settings.memorySize(),
                settings.environment(), info.sha256Base64(), info.key(), info.size(), lastModified(now),
                UUID.randomUUID().toString(), now + context.timing().functionPending().toMillis(), true, tags, null);
        save(config);
        return config;
    }

    public FunctionConfig getFunction(String nameOrArn) {
        FunctionNames.Parsed parsed = FunctionNames.parse(nameOrArn);
        FunctionConfig config = find(parsed.name(), nameOrArn);
        if (parsed.qualifier() != null && !parsed.qualifier().equals("$LATEST")) {
            throw notFound(config.functionArn() + ":" + parsed.qualifier());
        }
        return config;
    }

    /** ListFunctions: by name, {@code maxItems} (default 50) per page from after {@code marker}. */
    public List<FunctionConfig> listFunctions(String marker, int maxItems) {
        List<FunctionConfig> page = new ArrayList<>();
        functions.keys(marker).filter(key -> !key.equals(marker)).limit(maxItems + 1L)
                .forEach(key -> functions.get(key).ifPresent(page::add));
        return page;
    }

    public synchronized FunctionConfig updateFunctionCode(String nameOrArn, CodeInput code, String revisionId, boolean dryRun) {
        FunctionConfig current = getFunction(nameOrArn);
        checkRevision(current, revisionId);
        checkNotUpdating(current);
        if (code == null || code.isEmpty()) {
            throw invalid("Please provide a source for function code.");
        }
        byte[] zip = codeBytes(code);
        if (dryRun) {
            DeploymentPackages.checkPackage(zip);
            return current;
        }
        DeploymentPackages.PackageInfo info = packages.store(zip);
        long now = context.clock().millis();
        FunctionConfig updated = current.withCode(info.sha256Base64(), info.key(), info.size(), lastModified(now),
                UUID.randomUUID().toString(), now + context.timing().functionUpdating().toMillis());
        save(updated);
        if (!info.key().equals(current.codeKey())) {
            packages.retire(current.functionName(), current.codeKey());
        }
        releasePackage(current.codeKey());
        return updated;
    }

    public synchronized FunctionConfig updateFunctionConfiguration(String nameOrArn, FunctionSettings changes, String revisionId) {
        FunctionConfig current = getFunction(nameOrArn);
        checkRevision(current, revisionId);
        checkNotUpdating(current);
        FunctionSettingsValidation.check(changes);
        if (changes.role() != null) {
            roles.credentialsFor(changes.role(), current.functionName());
        }
        long now = context.clock().millis();
        FunctionConfig updated = new FunctionConfig(current.functionName(), current.functionArn(), current.region(),
                or(changes.runtime(), current.runtime()), or(changes.role(), current.role()), or(changes.handler(), current.handler()),
                or(changes.description(), current.description()), or(changes.timeout(), current.timeout()),
                or(changes.memorySize(), current.memorySize()), or(changes.environment(), current.environment()),
                current.codeSha256(), current.codeKey(), current.codeSize(), lastModified(now), UUID.randomUUID().toString(),
                now + context.timing().functionUpdating().toMillis(), false, current.tags(), current.policy());
        save(updated);
        return updated;
    }

    public synchronized void deleteFunction(String nameOrArn) {
        FunctionNames.Parsed parsed = FunctionNames.parse(nameOrArn);
        FunctionConfig config = find(parsed.name(), nameOrArn);
        if (parsed.qualifier() != null) {
            throw invalid("Deletion of aliases and versions is not supported by localcloud (it keeps only $LATEST).");
        }
        functions.remove(config.functionName());
        runtime.stopInstances(config.functionName());
        packages.retire(config.functionName(), config.codeKey());
        releasePackage(config.codeKey());
    }

    /** Drops a package from storage once no function uses it. */
    private void releasePackage(String key) {
        boolean used = functions.values().anyMatch(config -> config.codeKey().equals(key));
        if (!used) {
            packages.remove(key);
        }
    }

    /** The function's deployment package (GetFunction's Code.Location serves it). */
    public byte[] code(String name) {
        return packages.bytes(getFunction(name).codeKey());
    }

    // ---- permissions

    /** AddPermission: returns the statement added, as JSON text. */
    public synchronized String addPermission(String nameOrArn, String sid, String action, String principal,
                                             String sourceArn, String sourceAccount, String revisionId) {
        FunctionConfig config = getFunction(nameOrArn);
        checkRevision(config, revisionId);
        if (sid == null || !sid.matches("[a-zA-Z0-9_-]{1,100}")) {
            throw AwsException.validation("1 validation error detected: Value '" + sid
                    + "' at 'statementId' failed to satisfy constraint: Member must satisfy regular expression pattern: ([a-zA-Z0-9-_]+)");
        }
        if (principal == null || principal.isBlank()) {
            throw AwsException.validation("1 validation error detected: Value null at 'principal' failed to satisfy constraint: Member must not be null");
        }
        var statement = ResourcePolicies.statement(sid, action, principal, sourceArn, sourceAccount, config.functionArn());
        String policy = ResourcePolicies.add(config.policy(), statement);
        save(config.withPolicy(policy, UUID.randomUUID().toString()));
        return Json.write(statement);
    }

    public synchronized void removePermission(String nameOrArn, String sid, String revisionId) {
        FunctionConfig config = getFunction(nameOrArn);
        checkRevision(config, revisionId);
        save(config.withPolicy(ResourcePolicies.remove(config.policy(), sid), UUID.randomUUID().toString()));
    }

    /** GetPolicy: the policy document, or ResourceNotFoundException when no permission was added. */
    public FunctionConfig getPolicy(String nameOrArn) {
        FunctionConfig config = getFunction(nameOrArn);
        if (config.policy() == null) {
            throw new AwsException("ResourceNotFoundException", 404, "The resource you requested does not exist.");
        }
        return config;
    }

    // ---- tags

    public synchronized void tagResource(String arn, Map<String, String> tags) {
        FunctionConfig config = byArn(arn);
        Map<String, String> merged = new LinkedHashMap<>(config.tags());
        merged.putAll(tags);
        if (merged.size() > 50) {
            throw invalid("Number of tags exceeds resource tag limit.");
        }
        save(config.withTags(merged));
    }

    public synchronized void untagResource(String arn, List<String> keys) {
        FunctionConfig config = byArn(arn);
        Map<String, String> remaining = new LinkedHashMap<>(config.tags());
        keys.forEach(remaining::remove);
        save(config.withTags(remaining));
    }

    public Map<String, String> listTags(String arn) {
        return byArn(arn).tags();
    }

    // ---- invoke

    /**
     * Invoke as the API does it: RequestResponse (200, the function's answer), Event (202, runs
     * in the background), DryRun (204, checks only).
     */
    public InvokeResult invoke(String nameOrArn, String qualifier, String invocationType, byte[] payload, boolean tail) {
        FunctionConfig config = getFunction(qualifier == null ? nameOrArn : nameOrArn + ":" + qualifier);
        checkPayload(payload);
        String type = invocationType == null ? "RequestResponse" : invocationType;
        switch (type) {
            case "RequestResponse" -> {
                checkActive(config);
                return runtime.invoke(config, payload, tail);
            }
            case "Event" -> {
                checkActive(config);
                asyncInvokes.submit(() -> {
                    try {
                        runtime.invoke(getFunction(config.functionName()), payload, false);
                    } catch (RuntimeException e) {
                        LOG.warn("asynchronous invoke of {} failed: {}", config.functionName(), e.getMessage());
                    }
                });
                return new InvokeResult(202, new byte[0], null, null);
            }
            case "DryRun" -> {
                return new InvokeResult(204, new byte[0], null, null);
            }
            default -> throw AwsException.validation("1 validation error detected: Value '" + type
                    + "' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]");
        }
    }

    /** A synchronous invoke from inside localcloud (no permission check: the caller is trusted). */
    public InvokeResult invoke(String functionNameOrArn, byte[] payload) {
        return invoke(functionNameOrArn, null, "RequestResponse", payload, false);
    }

    /**
     * A synchronous invoke on behalf of an AWS service, e.g. API Gateway calling an integration:
     * allowed only when the function's resource policy lets {@code servicePrincipal}
     * ("apigateway.amazonaws.com") perform lambda:InvokeFunction with {@code sourceArn} (the
     * execute-api ARN of the route) as aws:SourceArn.
     *
     * @throws AwsException AccessDeniedException (403) when the resource policy does not allow it;
     *         ResourceNotFoundException when there is no such function
     */
    public InvokeResult invokeAsService(String functionArn, String servicePrincipal, String sourceArn, byte[] payload) {
        FunctionConfig config = getFunction(functionArn);
        if (!ResourcePolicies.allowsService(config.policy(), servicePrincipal, config.functionArn(), sourceArn, context.accountId())) {
            throw new AwsException("AccessDeniedException", 403, "The resource policy of " + config.functionArn()
                    + " does not allow " + servicePrincipal + " to perform lambda:InvokeFunction"
                    + (sourceArn == null ? "" : " for source " + sourceArn) + ".");
        }
        return invoke(config.functionName(), payload);
    }

    // ---- helpers

    private byte[] codeBytes(CodeInput code) {
        if (code.zipFile() != null) {
            if (code.s3Bucket() != null || code.s3Key() != null) {
                throw invalid("Please do not provide other FunctionCode parameters when providing a ZipFile.");
            }
            return code.zipFile();
        }
        if (code.s3Bucket() == null || code.s3Key() == null) {
            throw invalid("Please provide a source for function code.");
        }
        return codeObjects.read(code.s3Bucket(), code.s3Key());
    }

    private void checkPayload(byte[] payload) {
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new AwsException("RequestTooLargeException", 413,
                    "Request must be smaller than " + MAX_PAYLOAD_BYTES + " bytes for the InvokeFunction operation");
        }
        if (payload.length > 0) {
            try {
                Json.MAPPER.readTree(payload);
            } catch (IOException e) {
                String reason = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
                throw new AwsException("InvalidRequestContentException", 400,
                        "Could not parse request body into json: Could not parse payload into json: " + reason);
            }
        }
    }

    private void checkActive(FunctionConfig config) {
        String state = config.state(context.clock().millis());
        if (!state.equals("Active")) {
            throw new AwsException("ResourceConflictException", 409,
                    "The operation cannot be performed at this time. The function is currently in the following state: " + state);
        }
    }

    private void checkNotUpdating(FunctionConfig config) {
        long now = context.clock().millis();
        if (config.state(now).equals("Pending") || config.lastUpdateStatus(now).equals("InProgress")) {
            throw new AwsException("ResourceConflictException", 409,
                    "The operation cannot be performed at this time. An update is in progress for resource: " + config.functionArn());
        }
    }

    private static void checkRevision(FunctionConfig config, String revisionId) {
        if (revisionId != null && !revisionId.equals(config.revisionId())) {
            throw new AwsException("PreconditionFailedException", 412,
                    "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
        }
    }

    private FunctionConfig byArn(String arn) {
        if (arn == null || !arn.startsWith("arn:")) {
            throw AwsException.validation("1 validation error detected: Value '" + arn
                    + "' at 'resource' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:lambda:[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:function:[a-zA-Z0-9-_]+(:(\\$LATEST|[a-zA-Z0-9-_]+))?");
        }
        return getFunction(arn);
    }

    /**
     * The function of that name. Difference from AWS: functions are not per region here (the lab
     * uses one), so a name is found whatever region its ARN names. The handler passes names as
     * ARNs of the request's region, so "Function not found" names that region; a bare name from
     * inside localcloud is named in the default region.
     */
    private FunctionConfig find(String name, String asGiven) {
        return functions.get(name).orElseThrow(() -> notFound(asGiven.startsWith("arn:") ? asGiven
                : FunctionNames.arn(AccountAndRegion.DEFAULT_REGION, context.accountId(), name)));
    }

    private static AwsException notFound(String arn) {
        return new AwsException("ResourceNotFoundException", 404, "Function not found: " + arn);
    }

    static AwsException invalid(String message) {
        return new AwsException("InvalidParameterValueException", 400, message);
    }

    /** Stores the function's new state; its next cold start may then take a JVM started for this revision. */
    private void save(FunctionConfig config) {
        functions.put(config.functionName(), config);
        runtime.prepare(config);
    }

    private static String lastModified(long millis) {
        return LAST_MODIFIED.format(Instant.ofEpochMilli(millis));
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }

    @Override
    public void close() {
        asyncInvokes.shutdownNow();
        runtime.close();
        packages.close();
    }
}
