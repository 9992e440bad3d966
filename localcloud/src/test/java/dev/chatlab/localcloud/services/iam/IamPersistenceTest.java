package dev.chatlab.localcloud.services.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chatlab.localcloud.config.LocalCloudConfig;
import dev.chatlab.localcloud.policy.Decision;
import dev.chatlab.localcloud.services.iam.model.SessionCredentials;
import dev.chatlab.localcloud.testing.TestCloud;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.sts.StsClient;

/** Roles, policies, tags and issued credentials survive a restart of localcloud. */
class IamPersistenceTest {

    @TempDir
    Path state;

    @Test
    void rolesPoliciesTagsAndSessions_surviveARestart() {
        LocalCloudConfig config = LocalCloudConfig.forTests().withDataDirectory(state);
        SessionCredentials session;
        String policyArn;
        try (TestCloud first = TestCloud.start(config); IamClient iam = first.client(IamClient.builder()).build()) {
            iam.createRole(r -> r.roleName("kept").assumeRolePolicyDocument(WithIamCloud.LAMBDA_TRUST).tags(Tag.builder().key("lab").value("1").build()));
            policyArn = iam.createPolicy(r -> r.policyName("kept-policy").policyDocument(IamPoliciesTest.LOGS_POLICY)).policy().arn();
            iam.attachRolePolicy(r -> r.roleName("kept").policyArn(policyArn));
            iam.putRolePolicy(r -> r.roleName("kept").policyName("inline").policyDocument(PolicySimulationTest.CHAT_POLICY));
            session = IamTesting.catalog(first).sts().credentialsForServicePrincipal(
                    "arn:aws:iam::000000000000:role/kept", "lambda.amazonaws.com", "fn");
        }

        try (TestCloud second = TestCloud.start(config); IamClient iam = second.client(IamClient.builder()).build();
             StsClient asFunction = second.client(StsClient.builder()).credentialsProvider(IamTesting.provider(session)).build()) {
            assertEquals(List.of(Tag.builder().key("lab").value("1").build()), iam.getRole(r -> r.roleName("kept")).role().tags());
            assertEquals(policyArn, iam.listAttachedRolePolicies(r -> r.roleName("kept")).attachedPolicies().get(0).policyArn());
            assertEquals(List.of("inline"), iam.listRolePolicies(r -> r.roleName("kept")).policyNames());
            assertEquals("arn:aws:sts::000000000000:assumed-role/kept/fn", asFunction.getCallerIdentity().arn());
            assertEquals(Decision.ALLOWED, IamTesting.catalog(second).authorizer()
                    .authorize(session.accessKeyId(), "dynamodb:PutItem", PolicySimulationTest.MESSAGES, Map.of()).decision());
        }
    }
}
