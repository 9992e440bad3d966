package dev.chatlab.localcloud.services.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatlab.localcloud.services.lambda.HandlerPackages;
import dev.chatlab.localcloud.testing.TestCloud;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeStacksRequest;
import software.amazon.awssdk.services.cloudformation.model.InsufficientCapabilitiesException;
import software.amazon.awssdk.services.cloudformation.model.TemplateStage;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;

/** The SAM transform: what it expands a function, its policies, its Api event and a simple table into, as SAM documents it. */
class CloudFormationSamTest {

    private static TestCloud cloud;
    private static CloudFormationClient cfn;

    @BeforeAll
    static void start() {
        cloud = TestCloud.start();
        cfn = cloud.client(CloudFormationClient.builder()).build();
        S3Client s3 = cloud.client(S3Client.builder()).forcePathStyle(true).build();
        s3.createBucket(r -> r.bucket("sam-code").createBucketConfiguration(c -> c.locationConstraint("ap-northeast-2")));
        s3.putObject(r -> r.bucket("sam-code").key("history.zip"), RequestBody.fromBytes(HandlerPackages.zipBytes(Map.of("example.History", """
                package example;
                public class History implements com.amazonaws.services.lambda.runtime.RequestHandler<Object, String> {
                    public String handleRequest(Object in, com.amazonaws.services.lambda.runtime.Context context) { return System.getenv("TABLE"); }
                }
                """))));
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    static final String SAM = """
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Runtime: java21
                MemorySize: 512
                Timeout: 10
                Environment: {Variables: {STAGE: dev}}
            Resources:
              Messages:
                Type: AWS::Serverless::SimpleTable
                Properties:
                  PrimaryKey: {Name: room, Type: String}
              GetMessages:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: s3://sam-code/history.zip
                  Handler: example.History::handleRequest
                  Environment: {Variables: {TABLE: !Ref Messages}}
                  Policies:
                    - DynamoDBCrudPolicy: {TableName: !Ref Messages}
                    - Statement: [{Effect: Allow, Action: "execute-api:ManageConnections", Resource: "*"}]
                  Events:
                    History:
                      Type: Api
                      Properties: {Path: /messages, Method: get}
            Outputs:
              Api:
                Value: !Sub "https://${ServerlessRestApi}.execute-api.${AWS::Region}.amazonaws.com/Prod/messages"
            """;

    @Test
    void samTemplate_deployedWithAChangeSet_expandsAsSamDocuments() throws Exception {
        String id = cfn.createChangeSet(r -> r.stackName("sam").changeSetName("deploy").changeSetType(ChangeSetType.CREATE).templateBody(SAM)
                .capabilities(Capability.CAPABILITY_IAM)).id();
        cfn.waiter().waitUntilChangeSetCreateComplete(DescribeChangeSetRequest.builder().changeSetName(id).build(), CloudFormationTesting.FAST);
        cfn.executeChangeSet(r -> r.changeSetName(id));
        cfn.waiter().waitUntilStackCreateComplete(DescribeStacksRequest.builder().stackName("sam").build(), CloudFormationTesting.FAST);

        JsonNode processed = new ObjectMapper().readTree(cfn.getTemplate(r -> r.stackName("sam").templateStage(TemplateStage.PROCESSED)).templateBody());
        List<String> ids = new ArrayList<>();
        processed.path("Resources").fieldNames().forEachRemaining(ids::add);
        assertTrue(ids.containsAll(List.of("Messages", "GetMessages", "GetMessagesRole", "GetMessagesHistoryPermissionProd",
                "ServerlessRestApi", "ServerlessRestApiProdStage")), ids.toString());
        assertTrue(ids.stream().anyMatch(i -> i.matches("ServerlessRestApiDeployment[0-9a-f]{10}")), ids.toString());
        assertTrue(!processed.has("Transform") && !processed.has("Globals"));
        JsonNode function = processed.path("Resources").path("GetMessages");
        assertEquals("AWS::Lambda::Function", function.path("Type").asText());
        assertEquals("sam-code", function.path("Properties").path("Code").path("S3Bucket").asText());
        assertEquals(512, function.path("Properties").path("MemorySize").asInt(), "Globals apply");
        assertEquals("dev", function.path("Properties").path("Environment").path("Variables").path("STAGE").asText(), "Globals' variables are merged");
        assertEquals("GetMessagesRole", function.path("Properties").path("Role").path("Fn::GetAtt").path(0).asText());
        JsonNode table = processed.path("Resources").path("Messages");
        assertEquals("AWS::DynamoDB::Table", table.path("Type").asText());
        assertEquals("PAY_PER_REQUEST", table.path("Properties").path("BillingMode").asText());
        assertTrue(cfn.getTemplate(r -> r.stackName("sam")).templateBody().startsWith("Transform: AWS::Serverless-2016-10-31"), "Original is as sent");

        IamClient iam = cloud.client(IamClient.builder()).build();
        String role = cfn.describeStackResource(r -> r.stackName("sam").logicalResourceId("GetMessagesRole")).stackResourceDetail().physicalResourceId();
        assertEquals(List.of("GetMessagesRolePolicy0", "GetMessagesRolePolicy1"), iam.listRolePolicies(r -> r.roleName(role)).policyNames());
        String crud = URLDecoder.decode(iam.getRolePolicy(r -> r.roleName(role).policyName("GetMessagesRolePolicy0")).policyDocument(),
                StandardCharsets.UTF_8);
        String tableName = cfn.describeStackResource(r -> r.stackName("sam").logicalResourceId("Messages")).stackResourceDetail().physicalResourceId();
        assertTrue(crud.contains("arn:aws:dynamodb:ap-northeast-2:000000000000:table/" + tableName + "/index/*") && crud.contains("dynamodb:PutItem"), crud);
        assertTrue(iam.listAttachedRolePolicies(r -> r.roleName(role)).attachedPolicies().get(0).policyArn()
                .equals("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"));

        LambdaClient lambda = cloud.client(LambdaClient.builder()).build();
        String functionName = cfn.describeStackResource(r -> r.stackName("sam").logicalResourceId("GetMessages")).stackResourceDetail().physicalResourceId();
        assertEquals("SAM", lambda.listTags(r -> r.resource(lambda.getFunction(q -> q.functionName(functionName)).configuration().functionArn()))
                .tags().get("lambda:createdBy"));
        assertTrue(lambda.getPolicy(r -> r.functionName(functionName)).policy().contains("/*/GET/messages"));
        String api = cfn.describeStackResource(r -> r.stackName("sam").logicalResourceId("ServerlessRestApi")).stackResourceDetail().physicalResourceId();
        assertEquals("https://" + api + ".execute-api.ap-northeast-2.amazonaws.com/Prod/messages",
                cfn.describeStacks(r -> r.stackName("sam")).stacks().get(0).outputs().get(0).outputValue());
    }

    @Test
    void transformWithoutAutoExpand_isRefusedByCreateStack() {
        var error = assertThrows(InsufficientCapabilitiesException.class, () -> cfn.createStack(r -> r.stackName("sam-direct").templateBody(SAM)));
        assertEquals("Requires capabilities : [CAPABILITY_AUTO_EXPAND]", error.awsErrorDetails().errorMessage());
    }

    @Test
    void localCodeUri_isRefusedWithSamsMessage() {
        var error = assertThrows(CloudFormationException.class, () -> cfn.createChangeSet(r -> r.stackName("sam-local").changeSetName("x")
                .changeSetType(ChangeSetType.CREATE).templateBody("""
                        Transform: AWS::Serverless-2016-10-31
                        Resources:
                          Fn:
                            Type: AWS::Serverless::Function
                            Properties: {CodeUri: ./target/fn.zip, Handler: a.B, Runtime: java21}
                        """)));
        assertEquals("Transform AWS::Serverless-2016-10-31 failed with: Resource with id [Fn] is invalid. 'CodeUri' is not a valid S3 Uri of the form "
                + "'s3://bucket/key' with optional versionId query parameter.", error.awsErrorDetails().errorMessage());
    }
}
