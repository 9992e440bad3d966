package dev.chatlab.localcloud.services.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.services.iam.model.ManagedPolicy;
import dev.chatlab.localcloud.services.iam.model.PolicyVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The AWS managed policies a student reaches for, with their real ARNs and documents, loaded
 * from {@code src/main/resources/iam/aws-managed-policies/} (one JSON file each, listed in
 * {@code index.txt}). They exist in every account and cannot be changed or deleted.
 */
final class AwsManagedPolicies {

    private static final String FOLDER = "/iam/aws-managed-policies/";

    private AwsManagedPolicies() {
    }

    /** By ARN, in the order of the index. */
    static Map<String, ManagedPolicy> load() {
        Map<String, ManagedPolicy> policies = new LinkedHashMap<>();
        for (String name : read("index.txt").split("\\R")) {
            if (name.isBlank()) {
                continue;
            }
            JsonNode file = Json.parse(read(name.trim() + ".json").getBytes(StandardCharsets.UTF_8),
                    () -> AwsException.internalError("unreadable AWS managed policy " + name));
            String versionId = file.get("DefaultVersionId").asText();
            ManagedPolicy policy = new ManagedPolicy(file.get("PolicyName").asText(), IamIds.stableId("ANPA", name),
                    file.get("Arn").asText(), file.get("Path").asText(), file.get("Description").asText(),
                    file.get("CreateDate").asText(), file.get("UpdateDate").asText(), versionId,
                    List.of(new PolicyVersion(versionId, Json.write(file.get("Document")), file.get("UpdateDate").asText())),
                    List.of(), Integer.parseInt(versionId.substring(1)) + 1);
            policies.put(policy.arn(), policy);
        }
        return policies;
    }

    private static String read(String file) {
        try (InputStream in = AwsManagedPolicies.class.getResourceAsStream(FOLDER + file)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + FOLDER + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + FOLDER + file, e);
        }
    }
}
