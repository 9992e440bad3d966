package dev.chatlab.cli.mistakes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Step 4's catalogue of mistakes, made as a console user makes them (IAM calls on the finished
 * lab's role): a trust policy for another service, a permission policy that allows more than the
 * chat needs or less. Each fails the check that names it, with the hint that fixes it; after each
 * test the role's trust policy, inline policy and managed policies are put back as they were.
 */
class Step4MistakesTest {

    static final String BASIC = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
    static final String DYNAMODB_FULL_ACCESS = "arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess";

    static MistakeLab lab;
    static IamClient iam;
    static String role;
    static String policyName;
    static String users;
    static String messages;
    static String connections;

    String trustBefore;
    String policyBefore;

    @BeforeAll
    static void completeLab() {
        lab = MistakeLab.shared();
        iam = lab.lab().client(IamClient.builder());
        role = lab.lab().names().lambdaRole();
        policyName = lab.lab().names().lambdaPolicy();
        String region = lab.lab().region().id();
        String account = lab.lab().accountId();
        users = "arn:aws:dynamodb:" + region + ":" + account + ":table/" + lab.lab().names().usersTable();
        messages = "arn:aws:dynamodb:" + region + ":" + account + ":table/" + lab.lab().names().messagesTable();
        connections = "arn:aws:execute-api:" + region + ":" + account + ":*/dev/POST/@connections/*";
    }

    @BeforeEach
    void remember() {
        trustBefore = decode(iam.getRole(b -> b.roleName(role)).role().assumeRolePolicyDocument());
        policyBefore = decode(iam.getRolePolicy(b -> b.roleName(role).policyName(policyName)).policyDocument());
    }

    /** The role as it was: trust, the one inline policy, the one managed policy. */
    @AfterEach
    void putBack() {
        iam.updateAssumeRolePolicy(b -> b.roleName(role).policyDocument(trustBefore));
        iam.putRolePolicy(b -> b.roleName(role).policyName(policyName).policyDocument(policyBefore));
        iam.listRolePolicies(b -> b.roleName(role)).policyNames().stream().filter(n -> !n.equals(policyName))
                .forEach(n -> iam.deleteRolePolicy(b -> b.roleName(role).policyName(n)));
        iam.listAttachedRolePolicies(b -> b.roleName(role)).attachedPolicies().stream().filter(p -> !p.policyArn().equals(BASIC))
                .forEach(p -> iam.detachRolePolicy(b -> b.roleName(role).policyArn(p.policyArn())));
        iam.attachRolePolicy(b -> b.roleName(role).policyArn(BASIC));
        lab.assertPasses(4);
    }

    @Test
    void trustForAnotherService_failsOnTheTrust_namingIt() {
        iam.updateAssumeRolePolicy(b -> b.roleName(role).policyDocument(trust("\"ec2.amazonaws.com\"")));
        lab.assertFailsFirstOn(4, "only lambda.amazonaws.com may assume it", "It trusts [ec2.amazonaws.com], not lambda.amazonaws.com");
    }

    @Test
    void trustForLambdaAndAnotherService_failsOnTheTrust() {
        iam.updateAssumeRolePolicy(b -> b.roleName(role).policyDocument(trust("[\"lambda.amazonaws.com\", \"apigateway.amazonaws.com\"]")));
        lab.assertFailsFirstOn(4, "only lambda.amazonaws.com may assume it", "It also trusts [apigateway.amazonaws.com]");
    }

    @Test
    void basicExecutionDetached_failsOnTheLogsPolicy() {
        iam.detachRolePolicy(b -> b.roleName(role).policyArn(BASIC));
        lab.assertFailsFirstOn(4, "AWSLambdaBasicExecutionRole is attached", "aws iam attach-role-policy");
    }

    /** Each action the chat needs, left out of the inline policy in turn. */
    @ParameterizedTest
    @ValueSource(strings = {"dynamodb:PutItem users", "dynamodb:DeleteItem users", "dynamodb:Query users", "dynamodb:Query users/index",
            "dynamodb:PutItem messages", "dynamodb:Query messages", "execute-api:ManageConnections connections"})
    void neededActionLeftOut_failsOnTheNeededActions_namingIt(String leftOut) {
        Map<String, List<String>> grants = chatGrants();
        String action = leftOut.split(" ")[0];
        String resource = resource(leftOut.split(" ")[1]);
        grants.get(resource).remove(action);
        putPolicy(grants);
        String named = resource.startsWith("arn:aws:dynamodb")
                ? resource.substring(resource.lastIndexOf(':') + 1).replace("/index/*", "/index/connectionId-index")
                : "arn:aws:execute-api:";
        lab.assertFailsFirstOn(4, "the 8 actions the functions need are allowed", action + " on " + named);
    }

    @Test
    void resourceStar_failsOnAnotherTable() {
        putPolicy(Map.of("*", new ArrayList<>(List.of("dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:Query", "execute-api:ManageConnections"))));
        lab.assertFailsFirstOn(4, "nothing is allowed on another table", "The Resource is \"*\"");
    }

    @Test
    void dynamodbStarOnTheChatsTables_failsOnTheActions() {
        Map<String, List<String>> grants = new LinkedHashMap<>();
        grants.put(users, new ArrayList<>(List.of("dynamodb:*")));
        grants.put(users + "/index/*", new ArrayList<>(List.of("dynamodb:*")));
        grants.put(messages, new ArrayList<>(List.of("dynamodb:*")));
        grants.put(connections, new ArrayList<>(List.of("execute-api:ManageConnections")));
        putPolicy(grants);
        lab.assertFailsFirstOn(4, "on the chat's tables, only those actions", "That is dynamodb:*");
    }

    @Test
    void extraActions_failOnTheActions_namingThem() {
        Map<String, List<String>> grants = chatGrants();
        grants.get(users).add("dynamodb:GetItem");
        grants.get(messages).add("dynamodb:Scan");
        putPolicy(grants);
        String prefix = lab.lab().names().prefix();
        lab.assertFailsFirstOn(4, "on the chat's tables, only those actions", "table/" + prefix + "-ChatUsers: GetItem; table/" + prefix + "-ChatMessages: Scan");
    }

    /** The seed's table names without the prefix: in a class's shared account, tables that are nobody's or a classmate's. */
    @Test
    void tablesWithoutThePrefix_failOnTheNeededActions_namingThePrefixedTable() {
        Map<String, List<String>> grants = new LinkedHashMap<>();
        chatGrants().forEach((resource, actions) -> grants.put(resource.replace(lab.lab().names().prefix() + "-", ""), actions));
        putPolicy(grants);
        lab.assertFailsFirstOn(4, "the 8 actions the functions need are allowed", "dynamodb:PutItem on table/" + lab.lab().names().usersTable());
    }

    /** A wildcard before the table's name reaches every lab's ChatUsers: a classmate's too. */
    @Test
    void wildcardInTheTablesName_failsOnAClassmatesTable() {
        Map<String, List<String>> grants = new LinkedHashMap<>();
        chatGrants().forEach((resource, actions) -> grants.put(resource.replace(lab.lab().names().prefix() + "-", "*"), actions));
        putPolicy(grants);
        lab.assertFailsFirstOn(4, "nothing is allowed on another table", "the table of another lab (a classmate's");
    }

    @Test
    void prefixAndAStar_failsOnAnotherTable() {
        Map<String, List<String>> grants = chatGrants();
        grants.put(users.replace("-ChatUsers", "*"), new ArrayList<>(List.of("dynamodb:Query")));
        putPolicy(grants);
        lab.assertFailsFirstOn(4, "nothing is allowed on another table", "or your prefix and a *");
    }

    @Test
    void seedsFullAccessPolicy_failsOnAnotherTable_namingThePolicyToDetach() {
        iam.attachRolePolicy(b -> b.roleName(role).policyArn(DYNAMODB_FULL_ACCESS));
        lab.assertFailsFirstOn(4, "nothing is allowed on another table", "AmazonDynamoDBFullAccess (aws iam detach-role-policy --role-name " + role);
    }

    @Test
    void otherService_failsOnOtherServices() {
        iam.putRolePolicy(b -> b.roleName(role).policyName("read-the-site").policyDocument(policy(Map.of("*", List.of("s3:GetObject")))));
        lab.assertFailsFirstOn(4, "nothing of other services", "s3:GetObject");
    }

    @Test
    void wrongTrustExtraPoliciesAndAWiderInlinePolicy_runAgain_putsTheRoleRight() {
        iam.updateAssumeRolePolicy(b -> b.roleName(role).policyDocument(trust("\"ec2.amazonaws.com\"")));
        iam.attachRolePolicy(b -> b.roleName(role).policyArn(DYNAMODB_FULL_ACCESS));
        iam.putRolePolicy(b -> b.roleName(role).policyName("everything").policyDocument(policy(Map.of("*", List.of("*")))));
        putPolicy(Map.of("*", new ArrayList<>(List.of("dynamodb:*"))));
        assertEquals(0, lab.lab("step", "4", "--solution"), "a second run replaces the trust and inline policy and removes the others");
        assertEquals(List.of(policyName), iam.listRolePolicies(b -> b.roleName(role)).policyNames());
        assertEquals(List.of(BASIC), iam.listAttachedRolePolicies(b -> b.roleName(role)).attachedPolicies().stream().map(p -> p.policyArn()).toList());
    }

    @Test
    void exerciseCompletedWithAnotherServiceAndNoIndex_runPrintsWhatIamHolds() {
        String printed = lab.run(4, source -> source
                .replace("\"Principal\": { \"Service\": \"lambda.amazonaws.com\" }", "\"Principal\": { \"Service\": \"ec2.amazonaws.com\" }")
                .replace("\"Resource\": [\"%1$s\", \"%1$s/index/*\"]", "\"Resource\": \"%1$s\""));
        assertTrue(printed.contains("The trust policy of " + role + " differed (it trusted [lambda.amazonaws.com]): replaced."), printed);
        assertTrue(printed.contains("✔ Role " + role + ", trusted by [ec2.amazonaws.com]"), printed);
        assertTrue(printed.contains("The inline policy " + policyName + " differed: replaced."), printed);
        assertTrue(printed.contains("Allow dynamodb:PutItem, dynamodb:DeleteItem, dynamodb:Query on " + users + "\n"), printed);
        lab.assertFailsFirstOn(4, "only lambda.amazonaws.com may assume it", "It trusts [ec2.amazonaws.com]");
    }

    // --- policies as a student writes them ---

    /** The chat's grants, resource → actions, as the solution writes them (one statement per resource here). */
    static Map<String, List<String>> chatGrants() {
        Map<String, List<String>> grants = new LinkedHashMap<>();
        grants.put(users, new ArrayList<>(List.of("dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:Query")));
        grants.put(users + "/index/*", new ArrayList<>(List.of("dynamodb:Query")));
        grants.put(messages, new ArrayList<>(List.of("dynamodb:PutItem", "dynamodb:Query")));
        grants.put(connections, new ArrayList<>(List.of("execute-api:ManageConnections")));
        return grants;
    }

    static String resource(String name) {
        return switch (name) {
            case "users" -> users;
            case "users/index" -> users + "/index/*";
            case "messages" -> messages;
            default -> connections;
        };
    }

    static void putPolicy(Map<String, List<String>> grants) {
        iam.putRolePolicy(b -> b.roleName(role).policyName(policyName).policyDocument(policy(grants)));
    }

    static String policy(Map<String, List<String>> grants) {
        String statements = grants.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(e -> "{\"Effect\":\"Allow\",\"Action\":[" + e.getValue().stream().map(a -> "\"" + a + "\"").collect(Collectors.joining(","))
                        + "],\"Resource\":\"" + e.getKey() + "\"}")
                .collect(Collectors.joining(","));
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}";
    }

    static String trust(String services) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":" + services
                + "},\"Action\":\"sts:AssumeRole\"}]}";
    }

    static String decode(String document) {
        return URLDecoder.decode(document, StandardCharsets.UTF_8);
    }
}
