package dev.chatlab.localcloud.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The IAM User Guide's "Policy evaluation logic" for one account: an explicit Deny in any policy
 * wins, then an Allow in an identity or resource policy, else the implicit deny; and the
 * Action/NotAction, Resource/NotResource, Principal/NotPrincipal elements with their wildcards.
 */
class PolicyEvaluationLogicTest {

    static final String ACCOUNT = "000000000000";
    static final Principal ROLE_SESSION = Principal.aws("arn:aws:sts::000000000000:assumed-role/chat-lambda/chat-connect", ACCOUNT);
    static final Principal OTHER_SESSION = Principal.aws("arn:aws:sts::000000000000:assumed-role/other/s", ACCOUNT);

    static PolicyDocument identity(String statements) {
        return PolicyDocument.parse(("{'Version':'2012-10-17','Statement':[" + statements + "]}").replace('\'', '"'), PolicyKind.IDENTITY);
    }

    static PolicyDocument resource(String statements) {
        return PolicyDocument.parse(("{'Version':'2012-10-17','Statement':[" + statements + "]}").replace('\'', '"'), PolicyKind.RESOURCE);
    }

    static String decide(Principal principal, String action, String resourceArn, List<PolicyDocument> identity, PolicyDocument resourcePolicy) {
        return new PolicyEngine().evaluate(AuthorizationRequest.of(principal, action, resourceArn), identity, resourcePolicy)
                .decision().simulatorName();
    }

    /** One identity policy (statements split by " | "), one request, the decision. */
    @ParameterizedTest(name = "{0}: {1} on {2} -> {3}")
    @CsvSource(delimiter = '~', value = {
            "{'Effect':'Allow','Action':'dynamodb:PutItem','Resource':'arn:aws:dynamodb:*:*:table/ChatMessages'} ~ dynamodb:PutItem ~ arn:aws:dynamodb:ap-northeast-2:000000000000:table/ChatMessages ~ allowed",
            "{'Effect':'Allow','Action':'dynamodb:PutItem','Resource':'arn:aws:dynamodb:*:*:table/ChatMessages'} ~ dynamodb:GetItem ~ arn:aws:dynamodb:ap-northeast-2:000000000000:table/ChatMessages ~ implicitDeny",
            "{'Effect':'Allow','Action':'dynamodb:PutItem','Resource':'arn:aws:dynamodb:*:*:table/ChatMessages'} ~ dynamodb:PutItem ~ arn:aws:dynamodb:ap-northeast-2:000000000000:table/ChatUsers ~ implicitDeny",
            // action names are case-insensitive, resources are not
            "{'Effect':'Allow','Action':'DynamoDB:putitem','Resource':'*'} ~ dynamodb:PutItem ~ arn:aws:dynamodb:ap-northeast-2:000000000000:table/T ~ allowed",
            "{'Effect':'Allow','Action':'s3:GetObject','Resource':'arn:aws:s3:::Bucket/*'} ~ s3:GetObject ~ arn:aws:s3:::bucket/k ~ implicitDeny",
            // wildcards: * any run, ? one character
            "{'Effect':'Allow','Action':'dynamodb:*','Resource':'*'} ~ dynamodb:DeleteTable ~ arn:aws:dynamodb:ap-northeast-2:000000000000:table/T ~ allowed",
            "{'Effect':'Allow','Action':'s3:Get*','Resource':'*'} ~ s3:PutObject ~ arn:aws:s3:::b/k ~ implicitDeny",
            "{'Effect':'Allow','Action':'s3:Get?bject','Resource':'*'} ~ s3:GetObject ~ arn:aws:s3:::b/k ~ allowed",
            "{'Effect':'Allow','Action':'*','Resource':'*'} ~ iam:CreateRole ~ arn:aws:iam::000000000000:role/x ~ allowed",
            "{'Effect':'Allow','Action':'s3:GetObject','Resource':'arn:aws:s3:::lab-?/*'} ~ s3:GetObject ~ arn:aws:s3:::lab-a/index.html ~ allowed",
            "{'Effect':'Allow','Action':'s3:GetObject','Resource':'arn:aws:s3:::lab/*'} ~ s3:GetObject ~ arn:aws:s3:::lab ~ implicitDeny",
            "{'Effect':'Allow','Action':'dynamodb:Query','Resource':'arn:aws:dynamodb:*:*:table/ChatUsers/index/*'} ~ dynamodb:Query ~ arn:aws:dynamodb:ap-northeast-2:000000000000:table/ChatUsers/index/connectionId-index ~ allowed",
            // explicit Deny beats Allow, whatever the order
            "{'Effect':'Allow','Action':'s3:*','Resource':'*'} | {'Effect':'Deny','Action':'s3:DeleteObject','Resource':'*'} ~ s3:DeleteObject ~ arn:aws:s3:::b/k ~ explicitDeny",
            "{'Effect':'Deny','Action':'s3:DeleteObject','Resource':'*'} | {'Effect':'Allow','Action':'s3:*','Resource':'*'} ~ s3:DeleteObject ~ arn:aws:s3:::b/k ~ explicitDeny",
            "{'Effect':'Allow','Action':'s3:*','Resource':'*'} | {'Effect':'Deny','Action':'s3:DeleteObject','Resource':'*'} ~ s3:GetObject ~ arn:aws:s3:::b/k ~ allowed",
            "{'Effect':'Deny','Action':'s3:*','Resource':'*'} ~ s3:GetObject ~ arn:aws:s3:::b/k ~ explicitDeny",
            // NotAction: every action but the listed ones
            "{'Effect':'Allow','NotAction':'iam:*','Resource':'*'} ~ s3:GetObject ~ arn:aws:s3:::b/k ~ allowed",
            "{'Effect':'Allow','NotAction':'iam:*','Resource':'*'} ~ iam:CreateRole ~ arn:aws:iam::000000000000:role/r ~ implicitDeny",
            "{'Effect':'Allow','Action':'*','Resource':'*'} | {'Effect':'Deny','NotAction':['s3:GetObject','s3:ListBucket'],'Resource':'*'} ~ s3:PutObject ~ arn:aws:s3:::b/k ~ explicitDeny",
            "{'Effect':'Allow','Action':'*','Resource':'*'} | {'Effect':'Deny','NotAction':['s3:GetObject','s3:ListBucket'],'Resource':'*'} ~ s3:GetObject ~ arn:aws:s3:::b/k ~ allowed",
            // NotResource: every resource but the listed ones
            "{'Effect':'Allow','Action':'s3:*','NotResource':'arn:aws:s3:::secret/*'} ~ s3:GetObject ~ arn:aws:s3:::public/k ~ allowed",
            "{'Effect':'Allow','Action':'s3:*','NotResource':'arn:aws:s3:::secret/*'} ~ s3:GetObject ~ arn:aws:s3:::secret/k ~ implicitDeny",
            "{'Effect':'Allow','Action':'dynamodb:*','Resource':'*'} | {'Effect':'Deny','Action':'dynamodb:*','NotResource':'arn:aws:dynamodb:*:*:table/Chat*'} ~ dynamodb:Scan ~ arn:aws:dynamodb:ap-northeast-2:000000000000:table/Billing ~ explicitDeny",
            "{'Effect':'Allow','Action':'dynamodb:*','Resource':'*'} | {'Effect':'Deny','Action':'dynamodb:*','NotResource':'arn:aws:dynamodb:*:*:table/Chat*'} ~ dynamodb:Scan ~ arn:aws:dynamodb:ap-northeast-2:000000000000:table/ChatUsers ~ allowed",
            // nothing at all
            "{'Effect':'Deny','Action':'iam:*','Resource':'*'} ~ s3:GetObject ~ arn:aws:s3:::b/k ~ implicitDeny",
    })
    void identityPolicy(String statements, String action, String resourceArn, String expected) {
        List<PolicyDocument> policies = new ArrayList<>();
        policies.add(identity(String.join(",", statements.trim().split(" \\| "))));
        assertEquals(expected.trim(), decide(ROLE_SESSION, action.trim(), resourceArn.trim(), policies, null));
    }

    @Test
    void denyInOnePolicy_overridesAllowInAnother() {
        PolicyDocument allow = identity("{'Effect':'Allow','Action':'s3:*','Resource':'*'}");
        PolicyDocument deny = identity("{'Effect':'Deny','Action':'s3:*','Resource':'arn:aws:s3:::b/*'}");
        assertEquals("explicitDeny", decide(ROLE_SESSION, "s3:GetObject", "arn:aws:s3:::b/k", List.of(allow, deny), null));
    }

    @Test
    void denyInResourcePolicy_overridesIdentityAllow_andAllowInEitherSuffices() {
        PolicyDocument allow = identity("{'Effect':'Allow','Action':'s3:*','Resource':'*'}");
        PolicyDocument bucketDeny = resource("{'Effect':'Deny','Principal':'*','Action':'s3:DeleteObject','Resource':'arn:aws:s3:::b/*'}");
        PolicyDocument bucketAllow = resource("{'Effect':'Allow','Principal':'*','Action':'s3:GetObject','Resource':'arn:aws:s3:::b/*'}");

        assertEquals("explicitDeny", decide(ROLE_SESSION, "s3:DeleteObject", "arn:aws:s3:::b/k", List.of(allow), bucketDeny));
        assertEquals("allowed", decide(ROLE_SESSION, "s3:GetObject", "arn:aws:s3:::b/k", List.of(), bucketAllow));
        assertEquals("allowed", decide(Principal.anonymous(), "s3:GetObject", "arn:aws:s3:::b/k", List.of(), bucketAllow));
        assertEquals("implicitDeny", decide(Principal.anonymous(), "s3:PutObject", "arn:aws:s3:::b/k", List.of(), bucketAllow));
    }

    /** A resource policy's Principal: who the statement is about. */
    @ParameterizedTest(name = "Principal {0} for {1} -> {2}")
    @CsvSource(delimiter = '~', value = {
            "\"*\"                                                          ~ anonymous ~ allowed",
            "{'AWS':'*'}                                                    ~ anonymous ~ allowed",
            "{'AWS':'arn:aws:iam::000000000000:role/chat-lambda'}          ~ session   ~ allowed",
            "{'AWS':'arn:aws:iam::000000000000:role/chat-lambda'}          ~ other     ~ implicitDeny",
            "{'AWS':'arn:aws:sts::000000000000:assumed-role/chat-lambda/chat-connect'} ~ session ~ allowed",
            "{'AWS':'arn:aws:iam::000000000000:root'}                       ~ session   ~ allowed",
            "{'AWS':'000000000000'}                                         ~ other     ~ allowed",
            "{'AWS':'111111111111'}                                         ~ session   ~ implicitDeny",
            "{'AWS':'arn:aws:iam::000000000000:role/chat-lambda'}          ~ anonymous ~ implicitDeny",
            "{'Service':'apigateway.amazonaws.com'}                         ~ apigateway ~ allowed",
            "{'Service':'apigateway.amazonaws.com'}                         ~ session   ~ implicitDeny",
            "{'Service':['lambda.amazonaws.com','apigateway.amazonaws.com']} ~ apigateway ~ allowed",
    })
    void resourcePolicyPrincipal(String principal, String caller, String expected) {
        PolicyDocument policy = resource("{'Effect':'Allow','Principal':" + principal.trim() + ",'Action':'lambda:InvokeFunction','Resource':'*'}");
        assertEquals(expected.trim(), decide(principalNamed(caller.trim()), "lambda:InvokeFunction",
                "arn:aws:lambda:ap-northeast-2:000000000000:function:f", List.of(), policy));
    }

    /** NotPrincipal with Deny: everyone but the listed principals is denied. */
    @ParameterizedTest(name = "Deny NotPrincipal role/chat-lambda for {0} -> {1}")
    @CsvSource({"session, allowed", "other, explicitDeny", "anonymous, explicitDeny"})
    void notPrincipal(String caller, String expected) {
        PolicyDocument policy = resource("""
                {'Effect':'Allow','Principal':'*','Action':'s3:GetObject','Resource':'arn:aws:s3:::b/*'},
                {'Effect':'Deny','NotPrincipal':{'AWS':['arn:aws:iam::000000000000:role/chat-lambda']},'Action':'s3:*','Resource':'arn:aws:s3:::b/*'}""");
        assertEquals(expected, decide(principalNamed(caller), "s3:GetObject", "arn:aws:s3:::b/k", List.of(), policy));
    }

    @Test
    void allowingStatements_areTheMatchedStatements_ofAnAllow_andOnlyDeniesOfADeny() {
        PolicyDocument policy = identity("""
                {'Sid':'A','Effect':'Allow','Action':'s3:*','Resource':'*'},
                {'Sid':'B','Effect':'Allow','Action':'s3:GetObject','Resource':'*'},
                {'Sid':'C','Effect':'Deny','Action':'s3:PutObject','Resource':'*'}""");
        Evaluation get = new PolicyEngine().evaluate(AuthorizationRequest.of(ROLE_SESSION, "s3:GetObject", "arn:aws:s3:::b/k"), List.of(policy), null);
        Evaluation put = new PolicyEngine().evaluate(AuthorizationRequest.of(ROLE_SESSION, "s3:PutObject", "arn:aws:s3:::b/k"), List.of(policy), null);

        assertEquals(List.of("A", "B"), get.matchedStatements().stream().map(m -> m.statement().sid()).toList());
        assertEquals(List.of("C"), put.matchedStatements().stream().map(m -> m.statement().sid()).toList());
    }

    /** Policy variables in Resource and Condition values, 2012-10-17 policies only. */
    @ParameterizedTest(name = "{0} with {1} on {2} -> {3}")
    @CsvSource(delimiter = '~', value = {
            "arn:aws:s3:::home/${aws:username}/*            ~ aws:username=alice ~ arn:aws:s3:::home/alice/notes    ~ allowed",
            "arn:aws:s3:::home/${aws:username}/*            ~ aws:username=alice ~ arn:aws:s3:::home/bob/notes      ~ implicitDeny",
            "arn:aws:s3:::home/${aws:username}/*            ~ -                  ~ arn:aws:s3:::home/alice/notes    ~ implicitDeny",
            "arn:aws:s3:::home/${aws:username, 'guest'}/*   ~ -                  ~ arn:aws:s3:::home/guest/notes    ~ allowed",
            "arn:aws:s3:::literal-${*}/x                    ~ -                  ~ arn:aws:s3:::literal-*/x         ~ allowed",
    })
    void policyVariable_inResource(String pattern, String context, String resourceArn, String expected) {
        PolicyDocument policy = PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"" + pattern.trim() + "\"}]}", PolicyKind.IDENTITY);
        AuthorizationRequest request = new AuthorizationRequest(ROLE_SESSION, "s3:GetObject", resourceArn.trim(),
                ConditionOperatorsTest.context(context.trim()));
        assertEquals(expected.trim(), new PolicyEngine().evaluate(request, List.of(policy), null).decision().simulatorName());
    }

    @Test
    void policyVariable_inCondition_andNotInTheLegacyLanguage() {
        String statement = "{'Effect':'Allow','Action':'s3:GetObject','Resource':'*','Condition':{'StringEquals':{'s3:prefix':'${aws:username}'}}}";
        PolicyDocument current = identity(statement);
        PolicyDocument legacy = PolicyDocument.parse(("{'Statement':[" + statement + "]}").replace('\'', '"'), PolicyKind.IDENTITY);
        AuthorizationRequest request = new AuthorizationRequest(ROLE_SESSION, "s3:GetObject", "arn:aws:s3:::b/k",
                ConditionOperatorsTest.context("aws:username=alice;s3:prefix=alice"));

        assertEquals(Decision.ALLOWED, new PolicyEngine().evaluate(request, List.of(current), null).decision());
        assertEquals(Decision.IMPLICIT_DENY, new PolicyEngine().evaluate(request, List.of(legacy), null).decision());
    }

    private static Principal principalNamed(String name) {
        return switch (name) {
            case "anonymous" -> Principal.anonymous();
            case "session" -> ROLE_SESSION;
            case "other" -> OTHER_SESSION;
            case "apigateway" -> Principal.service("apigateway.amazonaws.com");
            default -> throw new IllegalArgumentException(name);
        };
    }
}
