package dev.chatlab.localcloud.services.lambda;

import dev.chatlab.localcloud.testing.TestCloud;
import software.amazon.awssdk.services.iam.IamClient;

/** The execution roles test functions use, created through IAM as the lab's step 4 creates its role. */
public final class LambdaTesting {

    static final String TRUST_LAMBDA = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
             "Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}
            """;

    private LambdaTesting() {
    }

    /** A role that lambda.amazonaws.com may assume, with no permissions. */
    public static String createLambdaRole(TestCloud cloud, String name) {
        return createRole(cloud, name, TRUST_LAMBDA);
    }

    static String createRole(TestCloud cloud, String name, String trustPolicy) {
        try (IamClient iam = cloud.client(IamClient.builder()).build()) {
            return iam.createRole(b -> b.roleName(name).assumeRolePolicyDocument(trustPolicy)).role().arn();
        }
    }

    static void allow(TestCloud cloud, String roleName, String action, String resource) {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"" + action
                + "\",\"Resource\":\"" + resource + "\"}]}";
        try (IamClient iam = cloud.client(IamClient.builder()).build()) {
            iam.putRolePolicy(b -> b.roleName(roleName).policyName("allow").policyDocument(policy));
        }
    }
}
