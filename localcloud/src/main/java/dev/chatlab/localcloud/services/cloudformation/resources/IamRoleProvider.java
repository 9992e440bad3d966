package dev.chatlab.localcloud.services.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatlab.localcloud.core.Json;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * AWS::IAM::Role through IAM's query API: CreateRole, then each inline policy of
 * {@code Policies} (PutRolePolicy) and each of {@code ManagedPolicyArns} (AttachRolePolicy).
 * Deleting detaches and deletes those first, as IAM requires. Ref is the role's name.
 */
final class IamRoleProvider extends TypedProvider {

    static final String VERSION = "2010-05-08";

    IamRoleProvider() {
        super("AWS::IAM::Role", Set.of("RoleName", "Path"), Set.of("Arn", "RoleId"));
    }

    @Override
    public Provisioned create(ResourceRequest request) {
        String role = request.nameOr("RoleName", 64, false);
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("RoleName", role);
        parameters.put("AssumeRolePolicyDocument", request.document("AssumeRolePolicyDocument"));
        optional(request, parameters, "Path", "Description", "MaxSessionDuration", "PermissionsBoundary");
        int i = 1;
        for (Map.Entry<String, String> tag : request.tags("Tags").entrySet()) {
            parameters.put("Tags.member." + i + ".Key", tag.getKey());
            parameters.put("Tags.member." + i + ".Value", tag.getValue());
            i++;
        }
        Element answer = call(request, "CreateRole", parameters);
        putPolicies(request, role, Json.array());
        attach(request, role, Set.of());
        return Provisioned.of(role).with("Arn", ServiceCalls.text(answer, "Arn")).with("RoleId", ServiceCalls.text(answer, "RoleId"));
    }

    @Override
    public Provisioned update(ResourceRequest request, Provisioned current, JsonNode previousProperties) {
        String role = current.physicalId();
        call(request, "UpdateAssumeRolePolicy", Map.of("RoleName", role, "PolicyDocument", request.document("AssumeRolePolicyDocument")));
        Map<String, String> settings = new LinkedHashMap<>(Map.of("RoleName", role));
        optional(request, settings, "Description", "MaxSessionDuration");
        call(request, "UpdateRole", settings);
        putPolicies(request, role, previousProperties.path("Policies"));
        attach(request, role, arns(previousProperties));
        return current;
    }

    @Override
    public void delete(ResourceRequest request, Provisioned current) {
        String role = current.physicalId();
        for (String arn : arns(request.properties())) {
            call(request, "DetachRolePolicy", Map.of("RoleName", role, "PolicyArn", arn));
        }
        for (JsonNode policy : request.properties().path("Policies")) {
            call(request, "DeleteRolePolicy", Map.of("RoleName", role, "PolicyName", policy.path("PolicyName").asText()));
        }
        call(request, "DeleteRole", Map.of("RoleName", role));
    }

    /** Puts the template's inline policies and deletes the ones it had before and no longer has. */
    private static void putPolicies(ResourceRequest request, String role, JsonNode before) {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode policy : request.properties().path("Policies")) {
            String name = policy.path("PolicyName").asText();
            names.add(name);
            JsonNode document = policy.path("PolicyDocument");
            call(request, "PutRolePolicy", Map.of("RoleName", role, "PolicyName", name,
                    "PolicyDocument", document.isTextual() ? document.asText() : Json.write(document)));
        }
        for (JsonNode policy : before) {
            if (!names.contains(policy.path("PolicyName").asText())) {
                call(request, "DeleteRolePolicy", Map.of("RoleName", role, "PolicyName", policy.path("PolicyName").asText()));
            }
        }
    }

    private static void attach(ResourceRequest request, String role, Set<String> before) {
        Set<String> wanted = arns(request.properties());
        for (String arn : wanted) {
            if (!before.contains(arn)) {
                call(request, "AttachRolePolicy", Map.of("RoleName", role, "PolicyArn", arn));
            }
        }
        for (String arn : before) {
            if (!wanted.contains(arn)) {
                call(request, "DetachRolePolicy", Map.of("RoleName", role, "PolicyArn", arn));
            }
        }
    }

    private static Set<String> arns(JsonNode properties) {
        Set<String> arns = new LinkedHashSet<>();
        properties.path("ManagedPolicyArns").forEach(arn -> arns.add(arn.asText()));
        return arns;
    }

    private static void optional(ResourceRequest request, Map<String, String> parameters, String... names) {
        for (String name : names) {
            if (request.text(name) != null) {
                parameters.put(name, request.text(name));
            }
        }
    }

    static Element call(ResourceRequest request, String action, Map<String, String> parameters) {
        return request.calls().query("iam", "Iam", action, VERSION, parameters);
    }
}
