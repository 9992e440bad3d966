package dev.chatlab.localcloud.services.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * AWS::IAM::Policy: an inline policy put on each role of {@code Roles} (PutRolePolicy).
 * Users and Groups are not supported (localcloud's IAM has roles only). Ref is a name made
 * up as CloudFormation makes it.
 */
final class IamPolicyProvider extends TypedProvider {

    IamPolicyProvider() {
        super("AWS::IAM::Policy", Set.of(), Set.of("Id"));
    }

    @Override
    public Provisioned create(ResourceRequest request) {
        if (request.properties().has("Users") || request.properties().has("Groups")) {
            throw ResourceFailure.invalidProperty("localcloud's IAM has roles only: give the policy Roles, not Users or Groups");
        }
        put(request, Set.of(), null);
        String id = request.generatedName(128, false);
        return Provisioned.of(id).with("Id", id);
    }

    @Override
    public Provisioned update(ResourceRequest request, Provisioned current, JsonNode previousProperties) {
        put(request, roles(previousProperties), previousProperties.path("PolicyName").asText());
        return current;
    }

    @Override
    public void delete(ResourceRequest request, Provisioned current) {
        for (String role : roles(request.properties())) {
            IamRoleProvider.call(request, "DeleteRolePolicy", Map.of("RoleName", role, "PolicyName", request.required("PolicyName")));
        }
    }

    private static void put(ResourceRequest request, Set<String> rolesBefore, String nameBefore) {
        String name = request.required("PolicyName");
        Set<String> roles = roles(request.properties());
        for (String role : roles) {
            IamRoleProvider.call(request, "PutRolePolicy", Map.of("RoleName", role, "PolicyName", name, "PolicyDocument", request.document("PolicyDocument")));
        }
        for (String role : rolesBefore) {
            if (!roles.contains(role) || !name.equals(nameBefore)) {
                IamRoleProvider.call(request, "DeleteRolePolicy", Map.of("RoleName", role, "PolicyName", nameBefore));
            }
        }
    }

    private static Set<String> roles(JsonNode properties) {
        Set<String> roles = new LinkedHashSet<>();
        properties.path("Roles").forEach(role -> roles.add(role.asText()));
        return roles;
    }
}
