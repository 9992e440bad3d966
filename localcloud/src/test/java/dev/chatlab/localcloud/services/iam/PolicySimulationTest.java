package dev.chatlab.localcloud.services.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.InvalidInputException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.iam.model.SimulateCustomPolicyResponse;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyResponse;

/** SimulatePrincipalPolicy and SimulateCustomPolicy, and the chat's Lambda role as step 4 checks it. */
class PolicySimulationTest extends WithIamCloud {

    static final String REGION_ACCOUNT = "ap-northeast-2:000000000000";
    static final String MESSAGES = "arn:aws:dynamodb:" + REGION_ACCOUNT + ":table/ChatMessages";
    static final String USERS = "arn:aws:dynamodb:" + REGION_ACCOUNT + ":table/ChatUsers";
    static final String USERS_GSI = USERS + "/index/connectionId-index";
    static final String CONNECTIONS = "arn:aws:execute-api:" + REGION_ACCOUNT + ":abc123/dev/POST/@connections/*";
    static final String CHAT_POLICY = """
            {"Version":"2012-10-17","Statement":[
              {"Sid":"ChatTables","Effect":"Allow",
               "Action":["dynamodb:PutItem","dynamodb:DeleteItem","dynamodb:Query","dynamodb:GetItem"],
               "Resource":["%s","%s","%s"]},
              {"Sid":"PostToConnections","Effect":"Allow","Action":"execute-api:ManageConnections","Resource":"%s"}]}
            """.formatted(MESSAGES, USERS, USERS_GSI, CONNECTIONS);

    static String chatRoleArn;

    @BeforeAll
    static void start() {
        chatRoleArn = iam.createRole(r -> r.roleName("chat-lambda-role").assumeRolePolicyDocument(LAMBDA_TRUST)).role().arn();
        iam.attachRolePolicy(r -> r.roleName("chat-lambda-role").policyArn(IamPoliciesTest.BASIC_EXECUTION));
        iam.putRolePolicy(r -> r.roleName("chat-lambda-role").policyName("chat-data").policyDocument(CHAT_POLICY));
    }


    @Test
    void chatLambdaRole_mayUseBothTablesAndTheIndex() {
        SimulatePrincipalPolicyResponse response = iam.simulatePrincipalPolicy(r -> r.policySourceArn(chatRoleArn)
                .actionNames("dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:Query", "dynamodb:GetItem")
                .resourceArns(MESSAGES, USERS, USERS_GSI));

        assertEquals(12, response.evaluationResults().size());
        for (EvaluationResult result : response.evaluationResults()) {
            assertEquals(PolicyEvaluationDecisionType.ALLOWED, result.evalDecision(), result.evalActionName() + " on " + result.evalResourceName());
            assertEquals(List.of("chat-data/role"), result.matchedStatements().stream()
                    .map(s -> s.sourcePolicyId() + "/" + s.sourcePolicyTypeAsString()).toList());
            assertEquals(1, result.resourceSpecificResults().size());
        }
        assertFalse(response.isTruncated());
    }

    @Test
    void chatLambdaRole_mayPostToWebSocketConnections() {
        EvaluationResult result = simulateOne("execute-api:ManageConnections",
                "arn:aws:execute-api:" + REGION_ACCOUNT + ":abc123/dev/POST/@connections/Xyz123=");
        assertEquals(PolicyEvaluationDecisionType.ALLOWED, result.evalDecision());
    }

    @Test
    void chatLambdaRole_mayWriteLogs_throughTheAwsManagedPolicy() {
        EvaluationResult result = simulateOne("logs:PutLogEvents",
                "arn:aws:logs:" + REGION_ACCOUNT + ":log-group:/aws/lambda/chat-connect:log-stream:x");
        assertEquals(PolicyEvaluationDecisionType.ALLOWED, result.evalDecision());
        assertEquals("AWSLambdaBasicExecutionRole", result.matchedStatements().get(0).sourcePolicyId());
        assertEquals("aws-managed", result.matchedStatements().get(0).sourcePolicyTypeAsString());
    }

    @Test
    void chatLambdaRole_mayNotDeleteTables_norReadS3_implicitDeny() {
        EvaluationResult deleteTable = simulateOne("dynamodb:DeleteTable", MESSAGES);
        EvaluationResult getObject = simulateOne("s3:GetObject", "arn:aws:s3:::lab-site/index.html");

        assertEquals(PolicyEvaluationDecisionType.IMPLICIT_DENY, deleteTable.evalDecision());
        assertTrue(deleteTable.matchedStatements().isEmpty());
        assertEquals(PolicyEvaluationDecisionType.IMPLICIT_DENY, getObject.evalDecision());
    }

    @Test
    void chatLambdaRole_mayNotManageConnectionsOfAnotherApiOrStage() {
        assertEquals(PolicyEvaluationDecisionType.IMPLICIT_DENY,
                simulateOne("execute-api:ManageConnections", "arn:aws:execute-api:" + REGION_ACCOUNT + ":other/dev/POST/@connections/c").evalDecision());
        assertEquals(PolicyEvaluationDecisionType.IMPLICIT_DENY,
                simulateOne("execute-api:ManageConnections", "arn:aws:execute-api:" + REGION_ACCOUNT + ":abc123/prod/POST/@connections/c").evalDecision());
    }

    @Test
    void simulatePrincipalPolicy_withoutResourceArns_evaluatesStar() {
        SimulatePrincipalPolicyResponse response = iam.simulatePrincipalPolicy(r -> r.policySourceArn(chatRoleArn).actionNames("logs:CreateLogGroup"));
        EvaluationResult result = response.evaluationResults().get(0);
        assertEquals("*", result.evalResourceName());
        assertEquals(PolicyEvaluationDecisionType.ALLOWED, result.evalDecision());
        assertTrue(result.resourceSpecificResults().isEmpty());
    }

    @Test
    void simulatePrincipalPolicy_extraPolicyInputWithDeny_isExplicitDeny() {
        String deny = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"dynamodb:DeleteItem","Resource":"*"}]}""";
        EvaluationResult result = iam.simulatePrincipalPolicy(r -> r.policySourceArn(chatRoleArn).policyInputList(deny)
                .actionNames("dynamodb:DeleteItem").resourceArns(USERS)).evaluationResults().get(0);

        assertEquals(PolicyEvaluationDecisionType.EXPLICIT_DENY, result.evalDecision());
        assertEquals("PolicyInputList.1", result.matchedStatements().get(0).sourcePolicyId());
        assertEquals("none", result.matchedStatements().get(0).sourcePolicyTypeAsString());
    }

    @Test
    void simulatePrincipalPolicy_unknownRole_isNoSuchEntity() {
        assertThrows(NoSuchEntityException.class, () -> iam.simulatePrincipalPolicy(r -> r
                .policySourceArn("arn:aws:iam::000000000000:role/nobody").actionNames("s3:GetObject")));
    }

    @Test
    void simulateCustomPolicy_denyOverridesAllow_acrossInputPolicies() {
        String allow = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}""";
        String deny = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:DeleteObject","Resource":"arn:aws:s3:::b/*"}]}""";
        SimulateCustomPolicyResponse response = iam.simulateCustomPolicy(r -> r.policyInputList(allow, deny)
                .actionNames("s3:GetObject", "s3:DeleteObject").resourceArns("arn:aws:s3:::b/k"));

        assertEquals(PolicyEvaluationDecisionType.ALLOWED, response.evaluationResults().get(0).evalDecision());
        assertEquals("PolicyInputList.1", response.evaluationResults().get(0).matchedStatements().get(0).sourcePolicyId());
        assertEquals(PolicyEvaluationDecisionType.EXPLICIT_DENY, response.evaluationResults().get(1).evalDecision());
        assertEquals("PolicyInputList.2", response.evaluationResults().get(1).matchedStatements().get(0).sourcePolicyId());
    }

    @Test
    void matchedStatements_carryTheStatementsPositionInItsPolicy() {
        String policy = "{\"Version\":\"2012-10-17\",\n\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"iam:*\",\"Resource\":\"*\"},\n"
                + "  {\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";
        var statement = iam.simulateCustomPolicy(r -> r.policyInputList(policy).actionNames("s3:GetObject"))
                .evaluationResults().get(0).matchedStatements().get(0);

        assertEquals(3, statement.startPosition().line());
        assertEquals(3, statement.startPosition().column());
        assertEquals(3, statement.endPosition().line());
        assertEquals(policy.lines().toList().get(2).indexOf("}]") + 2, statement.endPosition().column()); // just after its closing brace
    }

    @Test
    void simulateCustomPolicy_contextEntries_feedConditions_andMissingOnesAreReported() {
        String fromOffice = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*",
                  "Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}]}""";
        ContextEntry inside = ContextEntry.builder().contextKeyName("aws:SourceIp").contextKeyType(ContextKeyTypeEnum.IP)
                .contextKeyValues("203.0.113.9").build();
        ContextEntry outside = inside.toBuilder().contextKeyValues("198.51.100.1").build();

        EvaluationResult in = iam.simulateCustomPolicy(r -> r.policyInputList(fromOffice).actionNames("s3:GetObject").contextEntries(inside))
                .evaluationResults().get(0);
        EvaluationResult out = iam.simulateCustomPolicy(r -> r.policyInputList(fromOffice).actionNames("s3:GetObject").contextEntries(outside))
                .evaluationResults().get(0);
        EvaluationResult unknown = iam.simulateCustomPolicy(r -> r.policyInputList(fromOffice).actionNames("s3:GetObject"))
                .evaluationResults().get(0);

        assertEquals(PolicyEvaluationDecisionType.ALLOWED, in.evalDecision());
        assertEquals(PolicyEvaluationDecisionType.IMPLICIT_DENY, out.evalDecision());
        assertEquals(PolicyEvaluationDecisionType.IMPLICIT_DENY, unknown.evalDecision());
        assertEquals(List.of("aws:SourceIp"), unknown.missingContextValues());
        assertTrue(in.missingContextValues().isEmpty());
    }

    @Test
    void simulateCustomPolicy_resourcePolicy_allowsCaller() {
        String nothing = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:*","Resource":"*"}]}""";
        String bucketPolicy = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"%s"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}"""
                .formatted(chatRoleArn);
        EvaluationResult result = iam.simulateCustomPolicy(r -> r.policyInputList(nothing).resourcePolicy(bucketPolicy).callerArn(chatRoleArn)
                .actionNames("s3:GetObject").resourceArns("arn:aws:s3:::b/k")).evaluationResults().get(0);

        assertEquals(PolicyEvaluationDecisionType.ALLOWED, result.evalDecision());
        assertEquals("ResourcePolicy", result.matchedStatements().get(0).sourcePolicyId());
        assertEquals("resource", result.matchedStatements().get(0).sourcePolicyTypeAsString());
    }

    @Test
    void simulateCustomPolicy_paginatesResults() {
        String allow = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}""";
        SimulateCustomPolicyResponse first = iam.simulateCustomPolicy(r -> r.policyInputList(allow)
                .actionNames("s3:GetObject", "s3:PutObject", "s3:ListBucket").maxItems(2));
        assertEquals(2, first.evaluationResults().size());
        assertTrue(first.isTruncated());
        assertNotNull(first.marker());

        SimulateCustomPolicyResponse rest = iam.simulateCustomPolicy(r -> r.policyInputList(allow)
                .actionNames("s3:GetObject", "s3:PutObject", "s3:ListBucket").maxItems(2).marker(first.marker()));
        assertEquals(List.of("s3:ListBucket"), rest.evaluationResults().stream().map(EvaluationResult::evalActionName).toList());
        assertFalse(rest.isTruncated());
    }

    @Test
    void simulateCustomPolicy_unreadablePolicy_isInvalidInput() {
        assertThrows(InvalidInputException.class, () -> iam.simulateCustomPolicy(r -> r.policyInputList("{nope").actionNames("s3:GetObject")));
    }

    private static EvaluationResult simulateOne(String action, String resource) {
        return iam.simulatePrincipalPolicy(r -> r.policySourceArn(chatRoleArn).actionNames(action).resourceArns(resource))
                .evaluationResults().get(0);
    }
}
