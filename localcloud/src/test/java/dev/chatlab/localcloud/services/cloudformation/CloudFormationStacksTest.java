package dev.chatlab.localcloud.services.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.localcloud.testing.TestCloud;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.DescribeStacksRequest;
import software.amazon.awssdk.services.cloudformation.model.InsufficientCapabilitiesException;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/** A stack's life through the SDK: create with each core resource type, its events and resources, delete; rollback on a failure. */
class CloudFormationStacksTest {

    private static TestCloud cloud;
    private static CloudFormationClient cfn;
    private static S3Client s3;
    private static DynamoDbClient dynamoDb;
    private static IamClient iam;
    private static LambdaClient lambda;

    @BeforeAll
    static void start() {
        cloud = TestCloud.start();
        cfn = cloud.client(CloudFormationClient.builder()).build();
        s3 = cloud.client(S3Client.builder()).forcePathStyle(true).build();
        dynamoDb = cloud.client(DynamoDbClient.builder()).build();
        iam = cloud.client(IamClient.builder()).build();
        lambda = cloud.client(LambdaClient.builder()).build();
        CloudFormationTesting.uploadHelloFunction(s3, "code-bucket");
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    static final String CHAT = """
            Parameters:
              Prefix: {Type: String, Default: cfn}
            Resources:
              Site:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !Sub "${Prefix}-site"
                  PublicAccessBlockConfiguration:
                    BlockPublicAcls: false
                    IgnorePublicAcls: false
                    BlockPublicPolicy: false
                    RestrictPublicBuckets: false
                  WebsiteConfiguration: {IndexDocument: index.html, ErrorDocument: error.html}
                  Tags: [{Key: chatlab:prefix, Value: !Ref Prefix}]
              SitePolicy:
                Type: AWS::S3::BucketPolicy
                Properties:
                  Bucket: !Ref Site
                  PolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - {Effect: Allow, Principal: "*", Action: "s3:GetObject", Resource: !Sub "${Site.Arn}/*"}
              Messages:
                Type: AWS::DynamoDB::Table
                Properties:
                  TableName: !Sub "${Prefix}-messages"
                  BillingMode: PAY_PER_REQUEST
                  AttributeDefinitions: [{AttributeName: room, AttributeType: S}, {AttributeName: ts, AttributeType: N}]
                  KeySchema: [{AttributeName: room, KeyType: HASH}, {AttributeName: ts, KeyType: RANGE}]
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Version: "2012-10-17"
                    Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: "sts:AssumeRole"}]
                  ManagedPolicyArns: [arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]
                  Policies:
                    - PolicyName: tables
                      PolicyDocument:
                        Version: "2012-10-17"
                        Statement: [{Effect: Allow, Action: "dynamodb:Query", Resource: !GetAtt Messages.Arn}]
              Hello:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: java21
                  Handler: example.Hello::handleRequest
                  Role: !GetAtt Role.Arn
                  Code: {S3Bucket: code-bucket, S3Key: hello.zip}
                  Environment: {Variables: {TABLE: !Ref Messages}}
              HelloPermission:
                Type: AWS::Lambda::Permission
                Properties:
                  FunctionName: !Ref Hello
                  Action: lambda:InvokeFunction
                  Principal: apigateway.amazonaws.com
              Logs:
                Type: AWS::Logs::LogGroup
                DeletionPolicy: Retain
                Properties: {LogGroupName: !Sub "/cfn/${Prefix}", RetentionInDays: 7}
            Outputs:
              Website: {Value: !GetAtt Site.WebsiteURL}
              TableArn: {Value: !GetAtt Messages.Arn, Export: {Name: !Sub "${Prefix}-table"}}
              Function: {Value: !GetAtt Hello.Arn}
              RoleId: {Value: !GetAtt Role.RoleId}
            """;

    @Test
    void createStack_makesEachResourceThroughItsService_andDeleteRemovesThem() {
        CloudFormationTesting.createAndWait(cfn, "chat", CHAT);

        var stack = cfn.describeStacks(r -> r.stackName("chat")).stacks().get(0);
        Map<String, String> out = stack.outputs().stream().collect(Collectors.toMap(Output::outputKey, Output::outputValue));
        assertEquals("http://cfn-site.s3-website.ap-northeast-2.amazonaws.com", out.get("Website"));
        assertEquals("arn:aws:dynamodb:ap-northeast-2:000000000000:table/cfn-messages", out.get("TableArn"));
        assertEquals("cfn-table", stack.outputs().stream().filter(o -> o.outputKey().equals("TableArn")).findFirst().orElseThrow().exportName());
        assertTrue(out.get("Function").startsWith("arn:aws:lambda:ap-northeast-2:000000000000:function:chat-Hello-"), out.get("Function"));

        Map<String, String> tags = s3.getBucketTagging(r -> r.bucket("cfn-site")).tagSet().stream()
                .collect(Collectors.toMap(t -> t.key(), t -> t.value()));
        assertEquals("chat", tags.get("aws:cloudformation:stack-name"));
        assertEquals("Site", tags.get("aws:cloudformation:logical-id"));
        assertEquals(stack.stackId(), tags.get("aws:cloudformation:stack-id"));
        assertEquals("cfn", tags.get("chatlab:prefix"));
        assertEquals("index.html", s3.getBucketWebsite(r -> r.bucket("cfn-site")).indexDocument().suffix());
        assertTrue(s3.getBucketPolicy(r -> r.bucket("cfn-site")).policy().contains("arn:aws:s3:::cfn-site/*"));
        assertEquals("ACTIVE", dynamoDb.describeTable(r -> r.tableName("cfn-messages")).table().tableStatusAsString());
        String roleName = cfn.describeStackResource(r -> r.stackName("chat").logicalResourceId("Role")).stackResourceDetail().physicalResourceId();
        assertTrue(roleName.startsWith("chat-Role-"), roleName);
        assertEquals(List.of("tables"), iam.listRolePolicies(r -> r.roleName(roleName)).policyNames());
        assertEquals(1, iam.listAttachedRolePolicies(r -> r.roleName(roleName)).attachedPolicies().size());
        String function = out.get("Function").substring(out.get("Function").lastIndexOf(':') + 1);
        var configuration = lambda.getFunction(r -> r.functionName(function)).configuration();
        assertEquals("cfn-messages", configuration.environment().variables().get("TABLE"));
        assertTrue(lambda.getPolicy(r -> r.functionName(function)).policy().contains("apigateway.amazonaws.com"));
        assertEquals("\"hi you\"", lambda.invoke(r -> r.functionName(function).payload(SdkBytes.fromUtf8String("\"you\""))).payload().asUtf8String());

        List<StackResourceSummary> resources = cfn.listStackResources(r -> r.stackName("chat")).stackResourceSummaries();
        assertEquals(7, resources.size());
        assertTrue(resources.stream().allMatch(r -> r.resourceStatusAsString().equals("CREATE_COMPLETE")));
        List<String> events = CloudFormationTesting.reasons(cfn, "chat");
        assertEquals("chat CREATE_IN_PROGRESS User Initiated", events.get(0));
        assertEquals("chat CREATE_COMPLETE", events.get(events.size() - 1));
        assertTrue(events.indexOf("Messages CREATE_COMPLETE") < events.indexOf("Role CREATE_IN_PROGRESS"), "the role refers to the table: made after it");

        cfn.deleteStack(r -> r.stackName("chat"));
        cfn.waiter().waitUntilStackDeleteComplete(DescribeStacksRequest.builder().stackName(stack.stackId()).build(), CloudFormationTesting.FAST);
        assertThrows(NoSuchBucketException.class, () -> s3.headBucket(r -> r.bucket("cfn-site")));
        assertThrows(ResourceNotFoundException.class, () -> dynamoDb.describeTable(r -> r.tableName("cfn-messages")));
        assertTrue(cloud.client(CloudWatchLogsClient.builder()).build()
                .describeLogGroups(r -> r.logGroupNamePrefix("/cfn/cfn")).logGroups().size() == 1, "DeletionPolicy Retain keeps the log group");
        var error = assertThrows(CloudFormationException.class, () -> cfn.describeStacks(r -> r.stackName("chat")));
        assertEquals("Stack with id chat does not exist", error.awsErrorDetails().errorMessage());
        assertEquals(StackStatus.DELETE_COMPLETE, cfn.describeStacks(r -> r.stackName(stack.stackId())).stacks().get(0).stackStatus());
        assertTrue(CloudFormationTesting.reasons(cfn, stack.stackId()).contains("Logs DELETE_SKIPPED"));
    }

    @Test
    void failingResource_rollsBackWithTheServicesMessage() {
        String template = """
                Resources:
                  First:
                    Type: AWS::S3::Bucket
                  Broken:
                    Type: AWS::DynamoDB::Table
                    DependsOn: First
                    Properties:
                      BillingMode: PAY_PER_REQUEST
                      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                      KeySchema: [{AttributeName: other, KeyType: HASH}]
                """;
        cfn.createStack(r -> r.stackName("broken").templateBody(template));
        var waiting = assertThrows(SdkClientException.class, () -> cfn.waiter()
                .waitUntilStackCreateComplete(DescribeStacksRequest.builder().stackName("broken").build(), CloudFormationTesting.FAST));
        assertTrue(waiting.getMessage().contains("ROLLBACK_COMPLETE"), "the waiter fails on ROLLBACK_COMPLETE");
        var stack = cfn.describeStacks(r -> r.stackName("broken")).stacks().get(0);
        assertEquals(StackStatus.ROLLBACK_COMPLETE, stack.stackStatus());

        List<String> events = CloudFormationTesting.reasons(cfn, "broken");
        String failed = events.stream().filter(e -> e.startsWith("Broken CREATE_FAILED")).findFirst().orElseThrow();
        assertTrue(failed.startsWith("Broken CREATE_FAILED Resource handler returned message: \"One or more parameter values were invalid:"), failed);
        assertTrue(failed.contains("(Service: DynamoDb, Status Code: 400, Request ID: ") && failed.endsWith("HandlerErrorCode: InvalidRequest)"), failed);
        assertTrue(events.contains("broken ROLLBACK_IN_PROGRESS The following resource(s) failed to create: [Broken]. Rollback requested by user."), events.toString());
        assertTrue(events.contains("First DELETE_COMPLETE"), "what was made is deleted again");
        assertEquals("broken ROLLBACK_COMPLETE", events.get(events.size() - 1));
        assertTrue(cfn.listStackResources(r -> r.stackName("broken")).stackResourceSummaries().isEmpty());

        var error = assertThrows(CloudFormationException.class, () -> cfn.updateStack(r -> r.stackName("broken").templateBody(template)));
        assertTrue(error.awsErrorDetails().errorMessage().endsWith("is in ROLLBACK_COMPLETE state and can not be updated."));
        cfn.deleteStack(r -> r.stackName("broken"));
    }

    @Test
    void iamResourcesWithoutCapability_areRefused() {
        var error = assertThrows(InsufficientCapabilitiesException.class, () -> cfn.createStack(r -> r.stackName("iam").templateBody("""
                Resources:
                  Role:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: []}
                """)));
        assertEquals("Requires capabilities : [CAPABILITY_IAM]", error.awsErrorDetails().errorMessage());
    }

    @Test
    void secondStackOfTheSameName_isAlreadyExists() {
        String template = "Resources:\n  Logs: {Type: AWS::Logs::LogGroup}\n";
        CloudFormationTesting.createAndWait(cfn, "twice", template);
        var error = assertThrows(CloudFormationException.class, () -> cfn.createStack(r -> r.stackName("twice").templateBody(template)));
        assertEquals("AlreadyExistsException", error.awsErrorDetails().errorCode());
        assertEquals("Stack [twice] already exists", error.awsErrorDetails().errorMessage());
    }
}
