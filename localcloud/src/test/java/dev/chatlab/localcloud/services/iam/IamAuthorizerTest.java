package dev.chatlab.localcloud.services.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.policy.Decision;
import dev.chatlab.localcloud.policy.PolicyDocument;
import dev.chatlab.localcloud.policy.PolicyKind;
import dev.chatlab.localcloud.services.ServiceCatalog;
import dev.chatlab.localcloud.services.iam.model.CallerIdentity;
import dev.chatlab.localcloud.services.iam.model.SessionCredentials;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Java API other services call: IamAuthorizer.authorize(accessKeyId, action, resource, context). */
class IamAuthorizerTest extends WithIamCloud {

    static IamAuthorizer authorizer;
    static SessionCredentials chatFunction;

    @BeforeAll
    static void start() {
        ServiceCatalog catalog = IamTesting.catalog(cloud);
        authorizer = catalog.authorizer();
        String roleArn = iam.createRole(r -> r.roleName("chat-lambda").assumeRolePolicyDocument(LAMBDA_TRUST)).role().arn();
        iam.putRolePolicy(r -> r.roleName("chat-lambda").policyName("chat-data").policyDocument(PolicySimulationTest.CHAT_POLICY));
        chatFunction = catalog.sts().credentialsForServicePrincipal(roleArn, "lambda.amazonaws.com", "chat-send-message");
    }


    @Test
    void labKeys_areRoot_andAlwaysAllowed() {
        assertEquals(Decision.ALLOWED, authorizer.authorize("test", "dynamodb:DeleteTable", PolicySimulationTest.MESSAGES, Map.of()).decision());
        CallerIdentity root = authorizer.identify("test");
        assertTrue(root.isRoot());
        assertEquals("arn:aws:iam::000000000000:root", root.arn());
    }

    @Test
    void roleSessionKey_isEvaluatedAgainstTheRolesPolicies() {
        assertEquals(Decision.ALLOWED, authorizer.authorize(chatFunction.accessKeyId(), "dynamodb:PutItem", PolicySimulationTest.MESSAGES, Map.of()).decision());
        assertEquals(Decision.ALLOWED, authorizer.authorize(chatFunction.accessKeyId(), "dynamodb:Query", PolicySimulationTest.USERS_GSI, Map.of()).decision());
        assertEquals(Decision.IMPLICIT_DENY, authorizer.authorize(chatFunction.accessKeyId(), "dynamodb:DeleteTable", PolicySimulationTest.MESSAGES, Map.of()).decision());
        assertEquals(Decision.IMPLICIT_DENY, authorizer.authorize(chatFunction.accessKeyId(), "s3:GetObject", "arn:aws:s3:::b/k", Map.of()).decision());
    }

    @Test
    void roleSessionKey_seesPolicyChangesImmediately() {
        iam.createRole(r -> r.roleName("changing").assumeRolePolicyDocument(LAMBDA_TRUST));
        SessionCredentials session = IamTesting.catalog(cloud).sts().credentialsForServicePrincipal(
                "arn:aws:iam::000000000000:role/changing", "lambda.amazonaws.com", "f");
        assertEquals(Decision.IMPLICIT_DENY, authorizer.authorize(session.accessKeyId(), "s3:GetObject", "arn:aws:s3:::b/k", Map.of()).decision());

        iam.attachRolePolicy(r -> r.roleName("changing").policyArn("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"));

        assertEquals(Decision.ALLOWED, authorizer.authorize(session.accessKeyId(), "s3:GetObject", "arn:aws:s3:::b/k", Map.of()).decision());
    }

    @Test
    void resourcePolicy_canAllowTheSession_andDenyEvenRoot() {
        PolicyDocument allowSession = PolicyDocument.parse("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::000000000000:role/chat-lambda"},
                  "Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}""", PolicyKind.RESOURCE);
        PolicyDocument denyEveryone = PolicyDocument.parse("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:DeleteBucket","Resource":"arn:aws:s3:::b"}]}""", PolicyKind.RESOURCE);

        assertEquals(Decision.ALLOWED, authorizer.authorize(chatFunction.accessKeyId(), "s3:GetObject", "arn:aws:s3:::b/k", Map.of(), allowSession).decision());
        assertEquals(Decision.EXPLICIT_DENY, authorizer.authorize("test", "s3:DeleteBucket", "arn:aws:s3:::b", Map.of(), denyEveryone).decision());
    }

    @Test
    void globalConditionKeys_areProvided() {
        PolicyDocument onlyChat = PolicyDocument.parse("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*",
                  "Condition":{"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::000000000000:role/chat-lambda"}}}]}""", PolicyKind.RESOURCE);
        assertEquals(Decision.ALLOWED, authorizer.authorize(chatFunction.accessKeyId(), "s3:GetObject", "arn:aws:s3:::b/k", Map.of(), onlyChat).decision());
        assertEquals(Decision.ALLOWED, authorizer.authorize(chatFunction.accessKeyId(), "s3:GetObject", "arn:aws:s3:::b/k",
                Map.of("aws:SourceIp", List.of("127.0.0.1")), onlyChat).decision());
    }

    @Test
    void notAuthorized_isAwsAccessDeniedMessage() {
        CallerIdentity caller = authorizer.identify(chatFunction.accessKeyId());
        assertEquals("User: arn:aws:sts::000000000000:assumed-role/chat-lambda/chat-send-message is not authorized to perform: "
                        + "dynamodb:DeleteTable on resource: " + PolicySimulationTest.MESSAGES,
                IamAuthorizer.notAuthorized(caller, "dynamodb:DeleteTable", PolicySimulationTest.MESSAGES));
    }

    @Test
    void anonymousRequests_areAllowedOnlyByAResourcePolicyForEveryone() {
        PolicyDocument publicRead = PolicyDocument.parse("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::site/*"}]}""", PolicyKind.RESOURCE);

        assertEquals(Decision.ALLOWED, authorizer.authorizeAnonymous("s3:GetObject", "arn:aws:s3:::site/index.html", Map.of(), publicRead).decision());
        assertEquals(Decision.IMPLICIT_DENY, authorizer.authorizeAnonymous("s3:PutObject", "arn:aws:s3:::site/index.html", Map.of(), publicRead).decision());
        assertEquals(Decision.IMPLICIT_DENY, authorizer.authorizeAnonymous("s3:GetObject", "arn:aws:s3:::site/index.html", Map.of(), null).decision());
        assertThrows(AwsException.class, () -> authorizer.identify(null));
    }

    @Test
    void unknownSessionKey_isInvalidClientTokenId() {
        AwsException e = assertThrows(AwsException.class, () -> authorizer.authorize("ASIA0000000000000000", "s3:GetObject", "*", Map.of()));
        assertEquals("InvalidClientTokenId", e.code());
        assertEquals(403, e.status());
    }
}
