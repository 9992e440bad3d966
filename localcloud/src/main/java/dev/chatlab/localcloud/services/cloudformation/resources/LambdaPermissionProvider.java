package dev.chatlab.localcloud.services.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatlab.localcloud.core.Json;
import java.util.Set;

/**
 * AWS::Lambda::Permission: AddPermission on the function with a statement id made up from the
 * stack; any change replaces it, as on AWS. Ref is that statement id.
 */
final class LambdaPermissionProvider extends TypedProvider {

    LambdaPermissionProvider() {
        super("AWS::Lambda::Permission", ALL_PROPERTIES, Set.of());
    }

    @Override
    public Provisioned create(ResourceRequest request) {
        String statementId = request.generatedName(100, false);
        ObjectNode input = Json.object().put("StatementId", statementId)
                .put("Action", request.required("Action")).put("Principal", request.required("Principal"));
        for (String member : new String[]{"SourceArn", "SourceAccount", "EventSourceToken", "PrincipalOrgID", "FunctionUrlAuthType"}) {
            if (request.text(member) != null) {
                input.put(member, request.text(member));
            }
        }
        LambdaFunctionProvider.call(request, "POST", policyPath(request), input);
        return Provisioned.of(statementId);
    }

    @Override
    public Provisioned update(ResourceRequest request, Provisioned current, JsonNode previousProperties) {
        throw new IllegalStateException("every property of a Lambda permission replaces it");
    }

    @Override
    public void delete(ResourceRequest request, Provisioned current) {
        LambdaFunctionProvider.call(request, "DELETE", policyPath(request) + "/" + ServiceCalls.encode(current.physicalId()), null);
    }

    private static String policyPath(ResourceRequest request) {
        return LambdaFunctionProvider.FUNCTIONS + "/" + ServiceCalls.encode(request.required("FunctionName")) + "/policy";
    }
}
