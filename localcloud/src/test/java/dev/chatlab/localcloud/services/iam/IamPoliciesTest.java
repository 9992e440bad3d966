package dev.chatlab.localcloud.services.iam;

import static dev.chatlab.localcloud.services.iam.IamTesting.assertIamError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.InvalidInputException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyRole;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.iam.model.PolicyVersion;

class IamPoliciesTest extends WithIamCloud {

    static final String LOGS_POLICY = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["logs:CreateLogStream","logs:PutLogEvents"],"Resource":"arn:aws:logs:*:*:*"}]}""";
    static final String BASIC_EXECUTION = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";


    static void role(String name) {
        iam.createRole(r -> r.roleName(name).assumeRolePolicyDocument(LAMBDA_TRUST));
    }

    // Inline policies

    @Test
    void putRolePolicy_thenGetRolePolicy_answersUrlEncodedDocument_listRolePolicies_namesIt() {
        role("inline");
        iam.putRolePolicy(r -> r.roleName("inline").policyName("logs").policyDocument(LOGS_POLICY));

        var got = iam.getRolePolicy(r -> r.roleName("inline").policyName("logs"));
        assertEquals("inline", got.roleName());
        assertEquals("logs", got.policyName());
        assertEquals(LOGS_POLICY, URLDecoder.decode(got.policyDocument(), StandardCharsets.UTF_8));
        assertEquals(List.of("logs"), iam.listRolePolicies(r -> r.roleName("inline")).policyNames());
    }

    @Test
    void putRolePolicy_sameName_replacesDocument() {
        role("replace");
        iam.putRolePolicy(r -> r.roleName("replace").policyName("p").policyDocument(LOGS_POLICY));
        String other = LOGS_POLICY.replace("logs:PutLogEvents", "logs:CreateLogGroup");
        iam.putRolePolicy(r -> r.roleName("replace").policyName("p").policyDocument(other));

        assertEquals(other, URLDecoder.decode(iam.getRolePolicy(r -> r.roleName("replace").policyName("p")).policyDocument(), StandardCharsets.UTF_8));
    }

    @Test
    void putRolePolicy_withPrincipal_isMalformed_policyDocumentShouldNotSpecifyAPrincipal() {
        role("principal-inline");
        String withPrincipal = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}""";

        assertIamError(MalformedPolicyDocumentException.class, "Policy document should not specify a principal.",
                () -> iam.putRolePolicy(r -> r.roleName("principal-inline").policyName("p").policyDocument(withPrincipal)));
    }

    @Test
    void putRolePolicy_withoutResource_isMalformed_mustContainResources() {
        role("no-resource");
        String noResource = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject"}]}""";

        assertIamError(MalformedPolicyDocumentException.class, "Policy statement must contain resources.",
                () -> iam.putRolePolicy(r -> r.roleName("no-resource").policyName("p").policyDocument(noResource)));
    }

    @Test
    void putRolePolicy_missingRole_isNoSuchEntity() {
        assertThrows(NoSuchEntityException.class,
                () -> iam.putRolePolicy(r -> r.roleName("absent").policyName("p").policyDocument(LOGS_POLICY)));
    }

    @Test
    void getRolePolicy_missing_isNoSuchEntity_deleteRolePolicy_removes() {
        role("delete-inline");
        iam.putRolePolicy(r -> r.roleName("delete-inline").policyName("p").policyDocument(LOGS_POLICY));
        iam.deleteRolePolicy(r -> r.roleName("delete-inline").policyName("p"));

        assertIamError(NoSuchEntityException.class, "The role policy with name p cannot be found.",
                () -> iam.getRolePolicy(r -> r.roleName("delete-inline").policyName("p")));
        assertThrows(NoSuchEntityException.class, () -> iam.deleteRolePolicy(r -> r.roleName("delete-inline").policyName("p")));
        iam.deleteRole(r -> r.roleName("delete-inline"));
    }

    // Attached managed policies

    @Test
    void attachRolePolicy_awsManaged_listAttachedRolePolicies_showsIt() {
        role("attach");
        iam.attachRolePolicy(r -> r.roleName("attach").policyArn(BASIC_EXECUTION));

        assertEquals(List.of(AttachedPolicy.builder().policyName("AWSLambdaBasicExecutionRole").policyArn(BASIC_EXECUTION).build()),
                iam.listAttachedRolePolicies(r -> r.roleName("attach")).attachedPolicies());
    }

    @Test
    void attachRolePolicy_unknownPolicy_isNoSuchEntity() {
        role("attach-unknown");
        assertIamError(NoSuchEntityException.class, "Policy arn:aws:iam::aws:policy/NoSuchPolicy does not exist or is not attachable.",
                () -> iam.attachRolePolicy(r -> r.roleName("attach-unknown").policyArn("arn:aws:iam::aws:policy/NoSuchPolicy")));
    }

    @Test
    void listEntitiesForPolicy_namesTheRolesItIsAttachedTo() {
        role("entity");
        String arn = iam.createPolicy(r -> r.policyName("entity-policy").policyDocument(LOGS_POLICY)).policy().arn();
        iam.attachRolePolicy(r -> r.roleName("entity").policyArn(arn));

        var entities = iam.listEntitiesForPolicy(r -> r.policyArn(arn));

        assertEquals(List.of("entity"), entities.policyRoles().stream().map(PolicyRole::roleName).toList());
        assertTrue(entities.policyUsers().isEmpty());
    }

    @Test
    void attachRolePolicy_notAPolicyArn_isInvalidInput() {
        role("attach-bad-arn");
        assertIamError(InvalidInputException.class, "ARN arn:aws:s3:::not-a-policy is not valid.",
                () -> iam.attachRolePolicy(r -> r.roleName("attach-bad-arn").policyArn("arn:aws:s3:::not-a-policy")));
    }

    @Test
    void listPolicies_leavesOutDescription_getPolicy_hasIt() {
        iam.createPolicy(r -> r.policyName("described").description("what it is for").policyDocument(LOGS_POLICY));

        Policy listed = iam.listPoliciesPaginator(r -> r.scope(PolicyScopeType.LOCAL)).policies().stream()
                .filter(p -> p.policyName().equals("described")).findFirst().orElseThrow();

        assertEquals(null, listed.description());
        assertEquals("what it is for", iam.getPolicy(r -> r.policyArn(listed.arn())).policy().description());
    }

    @Test
    void detachRolePolicy_notAttached_isNoSuchEntity() {
        role("detach-none");
        assertThrows(NoSuchEntityException.class,
                () -> iam.detachRolePolicy(r -> r.roleName("detach-none").policyArn(BASIC_EXECUTION)));
    }

    @Test
    void attachRolePolicy_eleventh_isLimitExceeded() {
        role("many");
        for (int i = 0; i < 10; i++) {
            int n = i;
            String arn = iam.createPolicy(r -> r.policyName("many-" + n).policyDocument(LOGS_POLICY)).policy().arn();
            iam.attachRolePolicy(r -> r.roleName("many").policyArn(arn));
        }
        String eleventh = iam.createPolicy(r -> r.policyName("many-10").policyDocument(LOGS_POLICY)).policy().arn();

        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> iam.attachRolePolicy(r -> r.roleName("many").policyArn(eleventh)));
        assertEquals(409, e.statusCode());
    }

    // AWS managed policies

    @ParameterizedTest
    @CsvSource({
            "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole, AWSLambdaBasicExecutionRole, logs:PutLogEvents",
            "arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess, AmazonDynamoDBFullAccess, dynamodb:*",
            "arn:aws:iam::aws:policy/AmazonAPIGatewayInvokeFullAccess, AmazonAPIGatewayInvokeFullAccess, execute-api:ManageConnections",
            "arn:aws:iam::aws:policy/AmazonAPIGatewayAdministrator, AmazonAPIGatewayAdministrator, apigateway:*",
            "arn:aws:iam::aws:policy/CloudWatchLogsFullAccess, CloudWatchLogsFullAccess, logs:*",
            "arn:aws:iam::aws:policy/AWSLambda_FullAccess, AWSLambda_FullAccess, lambda:*",
            "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess, AmazonS3ReadOnlyAccess, s3:Get*",
    })
    void awsManagedPolicy_existsWithItsRealArnAndDocument(String arn, String name, String action) {
        Policy policy = iam.getPolicy(r -> r.policyArn(arn)).policy();
        assertEquals(name, policy.policyName());
        assertTrue(policy.policyId().startsWith("ANPA"));

        PolicyVersion version = iam.getPolicyVersion(r -> r.policyArn(arn).versionId(policy.defaultVersionId())).policyVersion();
        assertTrue(version.isDefaultVersion());
        assertTrue(URLDecoder.decode(version.document(), StandardCharsets.UTF_8).contains("\"" + action + "\""));
    }

    @Test
    void listPolicies_scopeAws_listsManagedPolicies_scopeLocal_listsOnlyOwn() {
        iam.createPolicy(r -> r.policyName("own-listed").policyDocument(LOGS_POLICY));

        List<String> aws = iam.listPoliciesPaginator(r -> r.scope(PolicyScopeType.AWS)).policies().stream().map(Policy::policyName).toList();
        List<String> local = iam.listPoliciesPaginator(r -> r.scope(PolicyScopeType.LOCAL)).policies().stream().map(Policy::policyName).toList();

        assertTrue(aws.contains("AWSLambdaBasicExecutionRole"));
        assertFalse(aws.contains("own-listed"));
        assertTrue(local.contains("own-listed"));
        assertFalse(local.contains("AmazonDynamoDBFullAccess"));
    }

    @Test
    void deletePolicy_awsManaged_isRefused() {
        assertThrows(InvalidInputException.class,
                () -> iam.deletePolicy(r -> r.policyArn(BASIC_EXECUTION)));
    }

    // Customer managed policies

    @Test
    void createPolicy_answersArnIdAndV1_getPolicy_findsIt() {
        Policy created = iam.createPolicy(r -> r.policyName("chat-tables").description("tables").policyDocument(LOGS_POLICY)).policy();

        assertEquals("arn:aws:iam::000000000000:policy/chat-tables", created.arn());
        assertTrue(created.policyId().matches("ANPA[A-Z0-9]{17}"), created.policyId());
        assertEquals("v1", created.defaultVersionId());
        assertEquals(0, created.attachmentCount());
        assertEquals(created.policyId(), iam.getPolicy(r -> r.policyArn(created.arn())).policy().policyId());
    }

    @Test
    void createPolicy_twice_isEntityAlreadyExists() {
        iam.createPolicy(r -> r.policyName("dup").policyDocument(LOGS_POLICY));
        assertThrows(EntityAlreadyExistsException.class, () -> iam.createPolicy(r -> r.policyName("dup").policyDocument(LOGS_POLICY)));
    }

    @Test
    void createPolicy_withoutVersion_isMalformed_mustBeVersion20121017() {
        String noVersion = """
                {"Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::example_bucket"}]}""";
        assertIamError(MalformedPolicyDocumentException.class, "Policy document must be version 2012-10-17 or greater.",
                () -> iam.createPolicy(r -> r.policyName("old").policyDocument(noVersion)));
    }

    @Test
    void createPolicy_actionWithoutVendor_isMalformed() {
        String bad = LOGS_POLICY.replace("logs:CreateLogStream", "CreateLogStream");
        assertIamError(MalformedPolicyDocumentException.class, "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.",
                () -> iam.createPolicy(r -> r.policyName("no-vendor").policyDocument(bad)));
    }

    @Test
    void getPolicy_missing_isNoSuchEntity() {
        assertIamError(NoSuchEntityException.class, "Policy arn:aws:iam::000000000000:policy/none was not found.",
                () -> iam.getPolicy(r -> r.policyArn("arn:aws:iam::000000000000:policy/none")));
    }

    @Test
    void deletePolicy_attached_isDeleteConflict_thenDeletes() {
        role("policy-user");
        String arn = iam.createPolicy(r -> r.policyName("in-use").policyDocument(LOGS_POLICY)).policy().arn();
        iam.attachRolePolicy(r -> r.roleName("policy-user").policyArn(arn));
        assertEquals(1, iam.getPolicy(r -> r.policyArn(arn)).policy().attachmentCount());

        DeleteConflictException e = assertThrows(DeleteConflictException.class, () -> iam.deletePolicy(r -> r.policyArn(arn)));
        assertEquals("Cannot delete a policy attached to entities.", e.awsErrorDetails().errorMessage());

        iam.detachRolePolicy(r -> r.roleName("policy-user").policyArn(arn));
        iam.deletePolicy(r -> r.policyArn(arn));
        assertThrows(NoSuchEntityException.class, () -> iam.getPolicy(r -> r.policyArn(arn)));
    }

    @Test
    void policyVersions_createListSetDefaultDelete_asIamDoes() {
        String arn = iam.createPolicy(r -> r.policyName("versioned").policyDocument(LOGS_POLICY)).policy().arn();
        String v2Doc = LOGS_POLICY.replace("logs:PutLogEvents", "logs:DescribeLogGroups");

        PolicyVersion v2 = iam.createPolicyVersion(r -> r.policyArn(arn).policyDocument(v2Doc).setAsDefault(true)).policyVersion();
        assertEquals("v2", v2.versionId());
        assertTrue(v2.isDefaultVersion());
        assertEquals("v2", iam.getPolicy(r -> r.policyArn(arn)).policy().defaultVersionId());
        assertEquals(List.of("v2", "v1"), iam.listPolicyVersions(r -> r.policyArn(arn)).versions().stream().map(PolicyVersion::versionId).toList());

        DeleteConflictException defaultDelete = assertThrows(DeleteConflictException.class,
                () -> iam.deletePolicyVersion(r -> r.policyArn(arn).versionId("v2")));
        assertEquals("Cannot delete the default version of a policy.", defaultDelete.awsErrorDetails().errorMessage());
        assertThrows(DeleteConflictException.class, () -> iam.deletePolicy(r -> r.policyArn(arn)));

        iam.deletePolicyVersion(r -> r.policyArn(arn).versionId("v1"));
        assertThrows(NoSuchEntityException.class, () -> iam.getPolicyVersion(r -> r.policyArn(arn).versionId("v1")));
        iam.deletePolicy(r -> r.policyArn(arn));
    }

    @Test
    void setDefaultPolicyVersion_switchesTheVersionInForce() {
        role("switching");
        String arn = iam.createPolicy(r -> r.policyName("switchable").policyDocument(LOGS_POLICY)).policy().arn();
        iam.attachRolePolicy(r -> r.roleName("switching").policyArn(arn));
        String s3Read = LOGS_POLICY.replace("\"logs:CreateLogStream\",\"logs:PutLogEvents\"", "\"s3:GetObject\"").replace("arn:aws:logs:*:*:*", "*");
        iam.createPolicyVersion(r -> r.policyArn(arn).policyDocument(s3Read));
        String roleArn = iam.getRole(r -> r.roleName("switching")).role().arn();

        assertEquals("implicitDeny", iam.simulatePrincipalPolicy(r -> r.policySourceArn(roleArn).actionNames("s3:GetObject"))
                .evaluationResults().get(0).evalDecisionAsString());
        iam.setDefaultPolicyVersion(r -> r.policyArn(arn).versionId("v2"));

        assertEquals("v2", iam.getPolicy(r -> r.policyArn(arn)).policy().defaultVersionId());
        assertEquals("allowed", iam.simulatePrincipalPolicy(r -> r.policySourceArn(roleArn).actionNames("s3:GetObject"))
                .evaluationResults().get(0).evalDecisionAsString());
        assertThrows(NoSuchEntityException.class, () -> iam.setDefaultPolicyVersion(r -> r.policyArn(arn).versionId("v9")));
    }

    @Test
    void createPolicyVersion_sixth_isLimitExceeded() {
        String arn = iam.createPolicy(r -> r.policyName("five-versions").policyDocument(LOGS_POLICY)).policy().arn();
        for (int i = 0; i < 4; i++) {
            iam.createPolicyVersion(r -> r.policyArn(arn).policyDocument(LOGS_POLICY));
        }
        assertThrows(LimitExceededException.class, () -> iam.createPolicyVersion(r -> r.policyArn(arn).policyDocument(LOGS_POLICY)));
    }
}
