package dev.chatlab.localcloud.services.lambda.model;

import java.util.Map;

/**
 * A function as stored (only $LATEST: localcloud has no published versions or aliases).
 *
 * @param codeSha256     base64 SHA-256 of the deployment package, as Lambda reports it
 * @param codeKey        hex SHA-256: the key of the package in storage and of its unpacked directory
 * @param readyAt        epoch millis from which the function is Active (create) or its update Successful
 * @param policy         the resource policy document (JSON), null when no permission was added
 */
public record FunctionConfig(String functionName, String functionArn, String region, String runtime, String role,
                             String handler, String description, int timeout, int memorySize,
                             Map<String, String> environment, String codeSha256, String codeKey, long codeSize,
                             String lastModified, String revisionId, long readyAt, boolean created,
                             Map<String, String> tags, String policy) {

    public FunctionConfig {
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        description = description == null ? "" : description;
    }

    /** Lambda's State: Pending until the package is ready after CreateFunction, then Active. */
    public String state(long now) {
        return created && now < readyAt ? "Pending" : "Active";
    }

    /** Lambda's LastUpdateStatus: InProgress for a moment after an update, then Successful. */
    public String lastUpdateStatus(long now) {
        return now < readyAt ? "InProgress" : "Successful";
    }

    /**
     * True when an execution environment started for this configuration runs {@code other} as it
     * is: the same function, code and settings. AddPermission and RemovePermission give the
     * function a new RevisionId, but Lambda keeps its environments then: only code and
     * configuration updates replace them.
     */
    public boolean runsAs(FunctionConfig other) {
        return functionName.equals(other.functionName) && (revisionId.equals(other.revisionId)
                || withPolicy(null, "").equals(other.withPolicy(null, "").withTags(tags)));
    }

    public FunctionConfig withPolicy(String newPolicy, String newRevisionId) {
        return new FunctionConfig(functionName, functionArn, region, runtime, role, handler, description, timeout, memorySize,
                environment, codeSha256, codeKey, codeSize, lastModified, newRevisionId, readyAt, created, tags, newPolicy);
    }

    public FunctionConfig withTags(Map<String, String> newTags) {
        return new FunctionConfig(functionName, functionArn, region, runtime, role, handler, description, timeout, memorySize,
                environment, codeSha256, codeKey, codeSize, lastModified, revisionId, readyAt, created, newTags, policy);
    }

    public FunctionConfig withCode(String newSha256, String newKey, long newSize, String modified, String newRevisionId, long newReadyAt) {
        return new FunctionConfig(functionName, functionArn, region, runtime, role, handler, description, timeout, memorySize,
                environment, newSha256, newKey, newSize, modified, newRevisionId, newReadyAt, false, tags, policy);
    }
}
