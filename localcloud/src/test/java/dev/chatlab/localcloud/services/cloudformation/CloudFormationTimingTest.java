package dev.chatlab.localcloud.services.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chatlab.localcloud.testing.RunsBesideTheSuite;
import dev.chatlab.localcloud.testing.TestCloud;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.DescribeStacksRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.State;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A stack under AWS's timing: its function is created with the role the same stack made a
 * moment earlier (still propagating through IAM), and its deletion ends only once the table
 * has left DELETING, as CloudFormation does both.
 */
@RunsBesideTheSuite
class CloudFormationTimingTest {

    static final String TEMPLATE = """
            Resources:
              Messages:
                Type: AWS::DynamoDB::Table
                Properties:
                  TableName: timed-messages
                  BillingMode: PAY_PER_REQUEST
                  AttributeDefinitions: [{AttributeName: room, AttributeType: S}]
                  KeySchema: [{AttributeName: room, KeyType: HASH}]
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Version: "2012-10-17"
                    Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: "sts:AssumeRole"}]
              Hello:
                Type: AWS::Lambda::Function
                Properties:
                  FunctionName: timed-hello
                  Runtime: java21
                  Handler: example.Hello::handleRequest
                  Role: !GetAtt Role.Arn
                  Code: {S3Bucket: timed-code, S3Key: hello.zip}
            """;

    static TestCloud cloud;
    static CloudFormationClient cfn;

    @BeforeAll
    static void start() {
        cloud = TestCloud.startWithAwsTiming();
        cfn = cloud.client(CloudFormationClient.builder()).build();
        try (S3Client s3 = cloud.client(S3Client.builder()).forcePathStyle(true).build()) {
            CloudFormationTesting.uploadHelloFunction(s3, "timed-code");
        }
    }

    @AfterAll
    static void stop() {
        cfn.close();
        cloud.close();
    }

    @Test
    void createStack_waitsOutTheRolesPropagationAndThePendingFunction_deleteStack_endsOnceTheTableIsGone() {
        CloudFormationTesting.createAndWait(cfn, "timed", TEMPLATE);
        try (LambdaClient lambda = cloud.client(LambdaClient.builder()).build();
             DynamoDbClient dynamo = cloud.client(DynamoDbClient.builder()).build()) {
            assertEquals(State.ACTIVE, lambda.getFunctionConfiguration(r -> r.functionName("timed-hello")).state());

            String stackId = cfn.describeStacks(r -> r.stackName("timed")).stacks().get(0).stackId();
            cfn.deleteStack(r -> r.stackName("timed"));
            cfn.waiter().waitUntilStackDeleteComplete(DescribeStacksRequest.builder().stackName(stackId).build(), CloudFormationTesting.FAST);
            assertThrows(ResourceNotFoundException.class, () -> dynamo.describeTable(r -> r.tableName("timed-messages")),
                    "DELETE_COMPLETE comes after the table has left DELETING");
        }
    }
}
