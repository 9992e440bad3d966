package dev.chatlab.localcloud.services.cloudformation.resources;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The resource types localcloud's CloudFormation can make, by type name. */
public final class ResourceProviders {

    private final Map<String, ResourceProvider> byType = new LinkedHashMap<>();

    public ResourceProviders() {
        List<ResourceProvider> all = List.of(
                new S3BucketProvider(), new S3BucketPolicyProvider(), new DynamoDbTableProvider(),
                new IamRoleProvider(), new IamPolicyProvider(), new LambdaFunctionProvider(), new LambdaPermissionProvider(),
                new LogGroupProvider(),
                ApiGatewayProvider.restApi(), ApiGatewayProvider.resource(), ApiGatewayProvider.method(), ApiGatewayProvider.deployment(),
                ApiGatewayProvider.stage(),
                ApiGatewayV2Provider.api(), ApiGatewayV2Provider.route(), ApiGatewayV2Provider.integration(), ApiGatewayV2Provider.deployment(),
                ApiGatewayV2Provider.stage(),
                Route53Provider.hostedZone(), Route53Provider.recordSet());
        all.forEach(provider -> byType.put(provider.type(), provider));
    }

    public Optional<ResourceProvider> of(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    public Set<String> types() {
        return byType.keySet();
    }
}
