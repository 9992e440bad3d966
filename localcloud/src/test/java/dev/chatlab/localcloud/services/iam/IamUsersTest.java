package dev.chatlab.localcloud.services.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * IAM users, groups and access keys as the IAM API Reference describes them, and a user's signed
 * calls held to its own and its groups' policies (the class set-up: one account, a user per
 * student, each allowed only their own prefix through ${aws:username}).
 */
class IamUsersTest extends WithIamCloud {

    /** A student may do anything to the DynamoDB tables that begin with their user name. */
    static final String OWN_TABLES = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"dynamodb:*\","
            + "\"Resource\":\"arn:aws:dynamodb:*:*:table/${aws:username}-*\"}]}";

    @Test
    void putGroupPolicy_badGroupName_isValidationErrorFromTheModel() {
        IamException e = assertThrows(IamException.class, () -> iam.putGroupPolicy(b -> b.groupName("no group!")
                .policyName("p").policyDocument("{}")));
        assertEquals(400, e.statusCode());
        assertEquals("ValidationError", e.awsErrorDetails().errorCode());
        assertEquals("1 validation error detected: Value 'no group!' at 'groupName' failed to satisfy constraint: "
                + "Member must satisfy regular expression pattern: [\\w+=,.@-]+", e.awsErrorDetails().errorMessage());
    }

    @Test
    void createUser_answersItsArnAndId_andRefusesTheSameNameInAnotherCase() {
        var user = iam.createUser(b -> b.userName("ana").path("/class/")).user();
        assertEquals("arn:aws:iam::000000000000:user/class/ana", user.arn());
        assertTrue(user.userId().matches("AIDA[A-Z0-9]{17}"), user.userId());
        assertEquals(user.arn(), iam.getUser(b -> b.userName("ana")).user().arn());
        EntityAlreadyExistsException twice = assertThrows(EntityAlreadyExistsException.class, () -> iam.createUser(b -> b.userName("ANA")));
        assertEquals("User with name ANA already exists.", twice.awsErrorDetails().errorMessage());
        NoSuchEntityException missing = assertThrows(NoSuchEntityException.class, () -> iam.getUser(b -> b.userName("nobody")));
        assertEquals("The user with name nobody cannot be found.", missing.awsErrorDetails().errorMessage());
        assertTrue(iam.listUsers(b -> b.pathPrefix("/class/")).users().stream().anyMatch(u -> u.userName().equals("ana")));
    }

    @Test
    void accessKey_signsAsItsUser_forStsAndGetUser_andAThirdKeyIsOverTheQuota() {
        iam.createUser(b -> b.userName("ben"));
        AccessKey key = iam.createAccessKey(b -> b.userName("ben")).accessKey();
        assertTrue(key.accessKeyId().matches("AKIA[A-Z0-9]{16}") && key.secretAccessKey().length() == 40, key.toString());
        try (StsClient sts = cloud.client(StsClient.builder()).credentialsProvider(as(key)).build();
             IamClient asBen = cloud.client(IamClient.builder()).credentialsProvider(as(key)).build()) {
            GetCallerIdentityResponse me = sts.getCallerIdentity();
            assertEquals("arn:aws:iam::000000000000:user/ben", me.arn());
            assertEquals(iam.getUser(b -> b.userName("ben")).user().userId(), me.userId());
            assertEquals("ben", asBen.getUser().user().userName(), "GetUser without a name is the signer");
        }
        iam.createAccessKey(b -> b.userName("ben"));
        LimitExceededException third = assertThrows(LimitExceededException.class, () -> iam.createAccessKey(b -> b.userName("ben")));
        assertEquals("Cannot exceed quota for AccessKeysPerUser: 2", third.awsErrorDetails().errorMessage());
        assertEquals(2, iam.listAccessKeys(b -> b.userName("ben")).accessKeyMetadata().size());
    }

    @Test
    void userWithoutPolicies_isDenied_withIamsMessageNamingTheUser() {
        iam.createUser(b -> b.userName("cleo"));
        AccessKey key = iam.createAccessKey(b -> b.userName("cleo")).accessKey();
        try (DynamoDbClient dynamo = cloud.client(DynamoDbClient.builder()).credentialsProvider(as(key)).build()) {
            DynamoDbException denied = assertThrows(DynamoDbException.class, () -> createTable(dynamo, "cleo-Chat"));
            assertEquals("AccessDeniedException", denied.awsErrorDetails().errorCode());
            assertTrue(denied.getMessage().contains("User: arn:aws:iam::000000000000:user/cleo is not authorized to perform: dynamodb:CreateTable on resource: "
                    + "arn:aws:dynamodb:ap-northeast-2:000000000000:table/cleo-Chat"), denied.getMessage());
        }
    }

    @Test
    void groupPolicyWithUsername_letsEachMemberUseOnlyTheirOwnPrefix() {
        iam.createGroup(b -> b.groupName("students"));
        iam.putGroupPolicy(b -> b.groupName("students").policyName("own-tables").policyDocument(OWN_TABLES));
        iam.createUser(b -> b.userName("dan"));
        iam.addUserToGroup(b -> b.groupName("students").userName("dan"));
        AccessKey key = iam.createAccessKey(b -> b.userName("dan")).accessKey();
        try (DynamoDbClient dynamo = cloud.client(DynamoDbClient.builder()).credentialsProvider(as(key)).build()) {
            createTable(dynamo, "dan-Chat");
            DynamoDbException other = assertThrows(DynamoDbException.class, () -> createTable(dynamo, "eve-Chat"));
            assertEquals(403, other.statusCode());
        }
        assertEquals(List.of("dan"), iam.getGroup(b -> b.groupName("students")).users().stream().map(u -> u.userName()).toList());
        assertEquals(List.of("students"), iam.listGroupsForUser(b -> b.userName("dan")).groups().stream().map(g -> g.groupName()).toList());
        var simulated = iam.simulatePrincipalPolicy(b -> b.policySourceArn("arn:aws:iam::000000000000:user/dan")
                .actionNames("dynamodb:CreateTable").resourceArns("arn:aws:dynamodb:ap-northeast-2:000000000000:table/dan-Chat")
                .contextEntries(c -> c.contextKeyName("aws:username").contextKeyType("string").contextKeyValues("dan")));
        assertEquals(PolicyEvaluationDecisionType.ALLOWED, simulated.evaluationResults().get(0).evalDecision());
    }

    @Test
    void inactiveKey_isRefusedAsAnInvalidToken() {
        iam.createUser(b -> b.userName("finn"));
        AccessKey key = iam.createAccessKey(b -> b.userName("finn")).accessKey();
        iam.updateAccessKey(b -> b.userName("finn").accessKeyId(key.accessKeyId()).status("Inactive"));
        try (StsClient sts = cloud.client(StsClient.builder()).credentialsProvider(as(key)).build()) {
            StsException refused = assertThrows(StsException.class, sts::getCallerIdentity);
            assertEquals("InvalidClientTokenId", refused.awsErrorDetails().errorCode());
        }
    }

    @Test
    void deleteUser_refusedWhileKeysGroupsOrPoliciesRemain_thenDeleted() {
        iam.createGroup(b -> b.groupName("tas"));
        iam.createUser(b -> b.userName("gus"));
        AccessKey key = iam.createAccessKey(b -> b.userName("gus")).accessKey();
        iam.addUserToGroup(b -> b.groupName("tas").userName("gus"));
        iam.putUserPolicy(b -> b.userName("gus").policyName("own").policyDocument(OWN_TABLES));
        assertConflict("Cannot delete entity, must delete access keys first.");
        iam.deleteAccessKey(b -> b.userName("gus").accessKeyId(key.accessKeyId()));
        assertConflict("Cannot delete entity, must remove users from group first.");
        iam.removeUserFromGroup(b -> b.groupName("tas").userName("gus"));
        assertConflict("Cannot delete entity, must delete policies first.");
        assertEquals(OWN_TABLES, URLDecoder.decode(iam.getUserPolicy(b -> b.userName("gus").policyName("own")).policyDocument(),
                StandardCharsets.UTF_8));
        iam.deleteUserPolicy(b -> b.userName("gus").policyName("own"));
        iam.deleteUser(b -> b.userName("gus"));
        iam.deleteGroup(b -> b.groupName("tas"));
        IamException gone = assertThrows(NoSuchEntityException.class, () -> iam.getUserPolicy(b -> b.userName("gus").policyName("own")));
        assertEquals("The user with name gus cannot be found.", gone.awsErrorDetails().errorMessage());
    }

    @Test
    void userInlinePolicies_areLimitedTo2048Characters_asIamLimitsUsers() {
        iam.createUser(b -> b.userName("hal"));
        String big = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"dynamodb:GetItem\",\"Resource\":\"arn:aws:dynamodb:*:*:table/"
                + "x".repeat(2100) + "\"}]}";
        LimitExceededException tooBig = assertThrows(LimitExceededException.class,
                () -> iam.putUserPolicy(b -> b.userName("hal").policyName("big").policyDocument(big)));
        assertEquals("Maximum policy size of 2048 bytes exceeded for user hal", tooBig.awsErrorDetails().errorMessage());
    }

    private static void assertConflict(String message) {
        DeleteConflictException conflict = assertThrows(DeleteConflictException.class, () -> iam.deleteUser(b -> b.userName("gus")));
        assertEquals(message, conflict.awsErrorDetails().errorMessage());
    }

    private static StaticCredentialsProvider as(AccessKey key) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()));
    }

    private static void createTable(DynamoDbClient dynamo, String name) {
        dynamo.createTable(b -> b.tableName(name).billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH)));
    }
}
