package dev.chatlab.cli.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatlab.cli.LabCli;
import dev.chatlab.localcloud.LocalCloud;
import dev.chatlab.localcloud.config.LocalCloudConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * {@code lab class policy}, evaluated by IAM's policy simulator (SimulateCustomPolicy, here
 * localcloud's) for user kim, whose lab has the prefix chat-kim: the user is the context key
 * aws:username (what IAM sets from a user's request), and the tags of a request or of an API are
 * the context keys aws:RequestTag/ and aws:ResourceTag/. The classmates: lee, and kim-lee, whose
 * prefix chat-kim-lee starts with kim's "chat-kim-". Then the same policy on real IAM users,
 * attached as the instructor attaches it (a managed policy on the students' group), where
 * localcloud enforces a user's policies (DynamoDB, Lambda).
 */
class ClassPolicyTest {

    static final String ACCOUNT = "000000000000";
    static final String REGION = "ap-northeast-2";

    static LocalCloud cloud;
    static IamClient iam;
    static String policy;
    static String stackPolicy;

    @BeforeAll
    static void start() {
        cloud = LocalCloud.start(LocalCloudConfig.forTests());
        iam = IamClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + cloud.port())).region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
        policy = new ClassPolicy(ClassPolicy.DEFAULT_PATTERN, REGION).json();
        stackPolicy = new StackPolicy(new ClassPolicy(ClassPolicy.DEFAULT_PATTERN, REGION)).json();
    }

    @AfterAll
    static void stop() {
        iam.close();
        cloud.close();
    }

    @Test
    void kim_mayBuildTheWholeLab_withTheirOwnNames() {
        Map<String, String> own = new LinkedHashMap<>();
        own.put("s3:CreateBucket", "arn:aws:s3:::chat-kim-site");
        own.put("s3:PutBucketPolicy", "arn:aws:s3:::chat-kim-site");
        own.put("s3:PutObject", "arn:aws:s3:::chat-kim-site/index.html");
        own.put("iam:CreateRole", "arn:aws:iam::" + ACCOUNT + ":role/chat-kim-lambda-role");
        own.put("iam:PutRolePolicy", "arn:aws:iam::" + ACCOUNT + ":role/chat-kim-lambda-role");
        own.put("iam:SimulatePrincipalPolicy", "arn:aws:iam::" + ACCOUNT + ":role/chat-kim-lambda-role");
        own.put("lambda:CreateFunction", lambda("chat-kim-send-message"));
        own.put("lambda:AddPermission", lambda("chat-kim-get-messages"));
        own.put("logs:FilterLogEvents", "arn:aws:logs:" + REGION + ":" + ACCOUNT + ":log-group:/aws/lambda/chat-kim-connect:*");
        own.put("dynamodb:CreateTable", table("chat-kim-ChatUsers"));
        own.put("dynamodb:Query", table("chat-kim-ChatUsers") + "/index/connectionId-index");
        own.put("dynamodb:PutItem", table("chat-kim-ChatMessages"));
        own.put("dynamodb:ListTables", "*");
        own.put("sts:GetCallerIdentity", "*");
        own.forEach((action, resource) -> assertEquals(PolicyEvaluationDecisionType.ALLOWED, decision(action, resource, Map.of()), action + " on " + resource));
    }

    @Test
    void kim_mayNotTouchAClassmatesLab_notEvenOneWhosePrefixStartsWithKims() {
        for (String classmate : List.of("chat-lee", "chat-kim-lee")) {
            Map<String, String> theirs = Map.of(
                    "s3:DeleteBucket", "arn:aws:s3:::" + classmate + "-site",
                    "s3:PutObject", "arn:aws:s3:::" + classmate + "-site/index.html",
                    "iam:PutRolePolicy", "arn:aws:iam::" + ACCOUNT + ":role/" + classmate + "-lambda-role",
                    "lambda:UpdateFunctionCode", lambda(classmate + "-send-message"),
                    "logs:DeleteLogGroup", "arn:aws:logs:" + REGION + ":" + ACCOUNT + ":log-group:/aws/lambda/" + classmate + "-connect:*",
                    "dynamodb:DeleteTable", table(classmate + "-ChatUsers"),
                    "dynamodb:Query", table(classmate + "-ChatMessages"));
            theirs.forEach((action, resource) -> assertEquals(PolicyEvaluationDecisionType.IMPLICIT_DENY, decision(action, resource, Map.of()),
                    action + " on " + resource));
        }
    }

    @Test
    void passRole_onlyKimsRole_onlyToLambda() {
        String kims = "arn:aws:iam::" + ACCOUNT + ":role/chat-kim-lambda-role";
        assertEquals(PolicyEvaluationDecisionType.ALLOWED, decision("iam:PassRole", kims, Map.of("iam:PassedToService", "lambda.amazonaws.com")));
        assertEquals(PolicyEvaluationDecisionType.IMPLICIT_DENY, decision("iam:PassRole", kims, Map.of("iam:PassedToService", "ec2.amazonaws.com")));
        assertEquals(PolicyEvaluationDecisionType.IMPLICIT_DENY, decision("iam:PassRole", "arn:aws:iam::" + ACCOUNT + ":role/admin",
                Map.of("iam:PassedToService", "lambda.amazonaws.com")));
    }

    @Test
    void attachRolePolicy_onlyTheLogsPolicy() {
        String kims = "arn:aws:iam::" + ACCOUNT + ":role/chat-kim-lambda-role";
        assertEquals(PolicyEvaluationDecisionType.ALLOWED, decision("iam:AttachRolePolicy", kims, Map.of("iam:PolicyARN", ClassPolicy.LOGS_POLICY)));
        assertEquals(PolicyEvaluationDecisionType.IMPLICIT_DENY, decision("iam:AttachRolePolicy", kims,
                Map.of("iam:PolicyARN", "arn:aws:iam::aws:policy/AdministratorAccess")));
    }

    @Test
    void apis_createdOnlyWithKimsTag_changedOnlyWhenTaggedKims() {
        String restApis = "arn:aws:apigateway:" + REGION + "::/restapis";
        assertEquals(PolicyEvaluationDecisionType.ALLOWED, decision("apigateway:POST", restApis, Map.of("aws:RequestTag/chatlab:prefix", "chat-kim")));
        assertEquals(PolicyEvaluationDecisionType.IMPLICIT_DENY, decision("apigateway:POST", restApis, Map.of("aws:RequestTag/chatlab:prefix", "chat-lee")));
        assertEquals(PolicyEvaluationDecisionType.IMPLICIT_DENY, decision("apigateway:POST", restApis, Map.of()));
        String api = restApis + "/a1b2c3d4e5/resources/xyz/methods/GET";
        assertEquals(PolicyEvaluationDecisionType.ALLOWED, decision("apigateway:PUT", api, Map.of("aws:ResourceTag/chatlab:prefix", "chat-kim")));
        assertEquals(PolicyEvaluationDecisionType.IMPLICIT_DENY, decision("apigateway:DELETE", restApis + "/a1b2c3d4e5",
                Map.of("aws:ResourceTag/chatlab:prefix", "chat-kim-lee")));
    }

    @Test
    void anythingOutsideTheLab_isDenied() {
        assertEquals(PolicyEvaluationDecisionType.IMPLICIT_DENY, decision("iam:CreateUser", "arn:aws:iam::" + ACCOUNT + ":user/kim", Map.of()));
        assertEquals(PolicyEvaluationDecisionType.IMPLICIT_DENY, decision("ec2:RunInstances", "*", Map.of()));
        assertEquals(PolicyEvaluationDecisionType.IMPLICIT_DENY, decision("route53:CreateHostedZone", "*", Map.of()));
        assertEquals(PolicyEvaluationDecisionType.IMPLICIT_DENY, decision("dynamodb:Scan", table("chat-kim-ChatUsers"), Map.of()));
    }

    /** Step 9: CloudFormation creates the stack's resources with kim's permissions, under names made up from the stack's. */
    @Test
    void kimsStack_mayBeBuiltWithKimsPermissions_underTheNamesCloudFormationMakesUp() {
        String stack = "chat-kim-serverless";
        Map<String, String> own = new LinkedHashMap<>();
        own.put("cloudformation:CreateChangeSet", "arn:aws:cloudformation:" + REGION + ":" + ACCOUNT + ":stack/" + stack + "/0b1c2d3e");
        own.put("cloudformation:DeleteStack", "arn:aws:cloudformation:" + REGION + ":" + ACCOUNT + ":stack/" + stack + "/0b1c2d3e");
        own.put("s3:PutObject", "arn:aws:s3:::chat-kim-artifacts/4f2a.jar");
        own.put("s3:PutBucketWebsite", "arn:aws:s3:::" + stack + "-websitebucket-1x2y3z4w5v6u");
        own.put("dynamodb:CreateTable", table(stack + "-ChatUsersTable-1A2B3C4D5E6F"));
        own.put("iam:CreateRole", "arn:aws:iam::" + ACCOUNT + ":role/" + stack + "-ChatFunctionRole-1A2B3C4D5E6F");
        own.put("lambda:CreateFunction", lambda(stack + "-ConnectFunction-1A2B3C4D5E6F"));
        own.put("lambda:AddPermission", lambda(stack + "-GetMessagesFunction-1A2B3C4D5E6F"));
        own.forEach((action, resource) -> assertEquals(PolicyEvaluationDecisionType.ALLOWED, decision(stackPolicy, action, resource, Map.of()),
                action + " on " + resource));
        assertEquals(PolicyEvaluationDecisionType.ALLOWED, decision(stackPolicy, "cloudformation:CreateChangeSet",
                "arn:aws:cloudformation:" + REGION + ":aws:" + StackPolicy.SAM_TRANSFORM, Map.of()));
        String role = "arn:aws:iam::" + ACCOUNT + ":role/" + stack + "-ChatFunctionRole-1A2B3C4D5E6F";
        assertEquals(PolicyEvaluationDecisionType.ALLOWED, decision(stackPolicy, "iam:PassRole", role, Map.of("iam:PassedToService", "lambda.amazonaws.com")));
        assertEquals(PolicyEvaluationDecisionType.IMPLICIT_DENY, decision(stackPolicy, "iam:PassRole", role, Map.of("iam:PassedToService", "ec2.amazonaws.com")));
    }

    @Test
    void kimsStackPolicy_reachesNoClassmatesStack_notEvenOneWhosePrefixStartsWithKims() {
        for (String classmate : List.of("chat-lee", "chat-kim-lee")) {
            String stack = classmate + "-serverless";
            Map<String, String> theirs = Map.of(
                    "cloudformation:DeleteStack", "arn:aws:cloudformation:" + REGION + ":" + ACCOUNT + ":stack/" + stack + "/0b1c2d3e",
                    "s3:PutObject", "arn:aws:s3:::" + classmate + "-artifacts/4f2a.jar",
                    "s3:DeleteBucket", "arn:aws:s3:::" + stack + "-websitebucket-1x2y3z4w5v6u",
                    "dynamodb:DeleteTable", table(stack + "-ChatUsersTable-1A2B3C4D5E6F"),
                    "iam:PutRolePolicy", "arn:aws:iam::" + ACCOUNT + ":role/" + stack + "-ChatFunctionRole-1A2B3C4D5E6F",
                    "lambda:UpdateFunctionCode", lambda(stack + "-ConnectFunction-1A2B3C4D5E6F"));
            theirs.forEach((action, resource) -> assertEquals(PolicyEvaluationDecisionType.IMPLICIT_DENY,
                    decision(stackPolicy, action, resource, Map.of()), action + " on " + resource));
        }
    }

    /** IAM's quota for a customer managed policy: 6,144 characters, white space not counted. */
    @Test
    void bothPolicies_fitAManagedPolicy() throws Exception {
        for (String document : List.of(policy, stackPolicy)) {
            String compact = new ObjectMapper().readTree(document).toString();
            assertTrue(compact.length() <= 6_144, compact.length() + " characters");
        }
        iam.createPolicy(b -> b.policyName("chatlab-students").policyDocument(policy));
        iam.createPolicy(b -> b.policyName("chatlab-students-step9").policyDocument(stackPolicy));
    }

    @Test
    void realUsersInTheStudentsGroup_eachBuildsOnlyTheirOwnLab() {
        String arn = iam.createPolicy(b -> b.policyName("chatlab-class").policyDocument(policy)).policy().arn();
        iam.createGroup(b -> b.groupName("students"));
        iam.attachGroupPolicy(b -> b.groupName("students").policyArn(arn));
        StaticCredentialsProvider kim = student("kim");
        student("lee");
        URI endpoint = URI.create("http://127.0.0.1:" + cloud.port());
        try (StsClient sts = StsClient.builder().endpointOverride(endpoint).region(Region.of(REGION)).credentialsProvider(kim).build();
             DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(endpoint).region(Region.of(REGION)).credentialsProvider(kim).build();
             LambdaClient lambda = LambdaClient.builder().endpointOverride(endpoint).region(Region.of(REGION)).credentialsProvider(kim).build()) {
            assertEquals("arn:aws:iam::" + ACCOUNT + ":user/kim", sts.getCallerIdentity().arn());
            dynamo.createTable(b -> b.tableName("chat-kim-ChatUsers").billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(a -> a.attributeName("roomId").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("roomId").keyType(KeyType.HASH)));
            DynamoDbException leesTable = assertThrows(DynamoDbException.class, () -> dynamo.deleteTable(b -> b.tableName("chat-lee-ChatUsers")));
            assertEquals("AccessDeniedException", leesTable.awsErrorDetails().errorCode());
            LambdaException leesFunction = assertThrows(LambdaException.class, () -> lambda.deleteFunction(b -> b.functionName("chat-lee-connect")));
            assertEquals(403, leesFunction.statusCode());
            assertTrue(leesFunction.getMessage().contains("User: arn:aws:iam::" + ACCOUNT + ":user/kim is not authorized to perform: lambda:DeleteFunction"),
                    leesFunction.getMessage());
        }
    }

    /** An IAM user in the students' group, with an access key: what the instructor hands each student. */
    private static StaticCredentialsProvider student(String name) {
        iam.createUser(b -> b.userName(name));
        iam.addUserToGroup(b -> b.groupName("students").userName(name));
        var key = iam.createAccessKey(b -> b.userName(name)).accessKey();
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()));
    }

    @Test
    void classPolicyCommand_printsOnlyJsonOnStdout_andTheExplanationOnStderr() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(0, LabCli.execute("class", "policy", "--lang", "en"));
            assertEquals(2, LabCli.execute("class", "policy", "--prefix-pattern", "Chat_${aws:username}", "--lang", "en"));
            assertEquals(0, LabCli.execute("class", "policy", "--stack", "--lang", "en"));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        var printed = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals("2012-10-17", printed.path("Version").asText());
        String explanation = err.toString(StandardCharsets.UTF_8);
        assertTrue(explanation.contains("--target aws --prefix chat-kim"), explanation);
        assertTrue(explanation.contains("WebSocket APIs' routes"), explanation);
        assertTrue(explanation.contains("--prefix-pattern must be lower-case letters"), explanation);
        assertTrue(explanation.contains("./lab class policy --stack"), explanation);
        assertTrue(explanation.contains("CloudFormation creates a stack's resources with the student's own permissions"), explanation);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"cloudformation:CreateChangeSet\""), out.toString(StandardCharsets.UTF_8));
    }

    private static PolicyEvaluationDecisionType decision(String action, String resource, Map<String, String> context) {
        return decision(policy, action, resource, context);
    }

    /** What IAM decides for user kim's {@code action} on {@code resource} under {@code document} alone. */
    static PolicyEvaluationDecisionType decision(String document, String action, String resource, Map<String, String> context) {
        Map<String, String> all = new LinkedHashMap<>(context);
        all.put("aws:username", "kim");
        List<ContextEntry> entries = all.entrySet().stream().map(e -> ContextEntry.builder().contextKeyName(e.getKey())
                .contextKeyType(ContextKeyTypeEnum.STRING).contextKeyValues(e.getValue()).build()).toList();
        return iam.simulateCustomPolicy(b -> b.policyInputList(document).actionNames(action).resourceArns(resource).contextEntries(entries))
                .evaluationResults().get(0).evalDecision();
    }

    static String lambda(String function) {
        return "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + function;
    }

    static String table(String name) {
        return "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/" + name;
    }
}
