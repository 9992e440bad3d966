package dev.chatlab.localcloud.services.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * What step 4 of the lab does and checks (solutions/step4-iam-role): the role with its trust
 * policy, waited for with the SDK's waiter, the basic execution policy, the least-privilege inline
 * policy with an index wildcard and a WebSocket wildcard, and the simulation of needed and
 * forbidden actions.
 */
class LabStep4RoleTest extends WithIamCloud {

    static final String PREFIX = "arn:aws:dynamodb:ap-northeast-2:000000000000:table/";

    @Test
    void step4Role_allowsExactlyWhatTheFunctionsNeed() {
        String users = PREFIX + "lab-ChatUsers";
        String messages = PREFIX + "lab-ChatMessages";
        String policy = """
                {"Version":"2012-10-17","Statement":[
                  {"Sid":"ChatUsers","Effect":"Allow","Action":["dynamodb:PutItem","dynamodb:GetItem","dynamodb:DeleteItem","dynamodb:Query"],
                   "Resource":["%1$s","%1$s/index/*"]},
                  {"Sid":"ChatMessages","Effect":"Allow","Action":["dynamodb:PutItem","dynamodb:Query"],"Resource":"%2$s"},
                  {"Sid":"PostToConnections","Effect":"Allow","Action":"execute-api:ManageConnections",
                   "Resource":"arn:aws:execute-api:ap-northeast-2:000000000000:*/*/POST/@connections/*"}]}""".formatted(users, messages);
        iam.createRole(r -> r.roleName("lab-chat-lambda").assumeRolePolicyDocument(LAMBDA_TRUST)
                .description("Serverless Chat Lab: what the chat's four Lambda functions may do")
                .tags(Tag.builder().key("chatlab").value("lab").build()));
        iam.waiter().waitUntilRoleExists(r -> r.roleName("lab-chat-lambda"));
        iam.attachRolePolicy(r -> r.roleName("lab-chat-lambda").policyArn(IamPoliciesTest.BASIC_EXECUTION));
        iam.putRolePolicy(r -> r.roleName("lab-chat-lambda").policyName("lab-chat-data").policyDocument(policy));
        String roleArn = iam.getRole(r -> r.roleName("lab-chat-lambda")).role().arn();

        List<String[]> needed = List.of(
                new String[] {"dynamodb:PutItem", users}, new String[] {"dynamodb:GetItem", users},
                new String[] {"dynamodb:DeleteItem", users}, new String[] {"dynamodb:Query", users},
                new String[] {"dynamodb:Query", users + "/index/connectionId-index"},
                new String[] {"dynamodb:PutItem", messages}, new String[] {"dynamodb:Query", messages},
                new String[] {"execute-api:ManageConnections", "arn:aws:execute-api:ap-northeast-2:000000000000:abc123/dev/POST/@connections/Xyz="},
                new String[] {"logs:PutLogEvents", "arn:aws:logs:ap-northeast-2:000000000000:log-group:/aws/lambda/chat-connect:*"});
        List<String[]> forbidden = List.of(
                new String[] {"dynamodb:DeleteTable", users}, new String[] {"dynamodb:Scan", messages},
                new String[] {"dynamodb:DeleteItem", messages}, new String[] {"s3:GetObject", "arn:aws:s3:::lab-site/index.html"},
                new String[] {"iam:CreateRole", "arn:aws:iam::000000000000:role/anything"});

        for (String[] pair : needed) {
            assertEquals(PolicyEvaluationDecisionType.ALLOWED, decide(roleArn, pair), pair[0] + " on " + pair[1]);
        }
        for (String[] pair : forbidden) {
            assertEquals(PolicyEvaluationDecisionType.IMPLICIT_DENY, decide(roleArn, pair), pair[0] + " on " + pair[1]);
        }
    }

    private static PolicyEvaluationDecisionType decide(String roleArn, String[] pair) {
        return iam.simulatePrincipalPolicy(r -> r.policySourceArn(roleArn).actionNames(pair[0]).resourceArns(pair[1]))
                .evaluationResults().get(0).evalDecision();
    }
}
