package dev.chatlab.localcloud.services.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.localcloud.testing.TestCloud;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetStatus;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.DescribeStacksRequest;
import software.amazon.awssdk.services.cloudformation.model.ExecutionStatus;
import software.amazon.awssdk.services.cloudformation.model.ResourceChange;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.cloudformation.model.TemplateStage;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.S3Client;

/** Change sets as {@code aws cloudformation deploy} uses them: create, wait, describe the Changes, execute, wait; and update rollbacks. */
class CloudFormationChangeSetsTest {

    private static TestCloud cloud;
    private static CloudFormationClient cfn;
    private static DynamoDbClient dynamoDb;
    private static S3Client s3;
    private static CloudWatchLogsClient logs;

    @BeforeAll
    static void start() {
        cloud = TestCloud.start();
        cfn = cloud.client(CloudFormationClient.builder()).build();
        dynamoDb = cloud.client(DynamoDbClient.builder()).build();
        s3 = cloud.client(S3Client.builder()).forcePathStyle(true).build();
        logs = cloud.client(CloudWatchLogsClient.builder()).build();
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    static final String V1 = """
            Resources:
              Messages:
                Type: AWS::DynamoDB::Table
                Properties:
                  BillingMode: PAY_PER_REQUEST
                  AttributeDefinitions: [{AttributeName: room, AttributeType: S}]
                  KeySchema: [{AttributeName: room, KeyType: HASH}]
              Site:
                Type: AWS::S3::Bucket
              Old:
                Type: AWS::Logs::LogGroup
            Outputs:
              Table: {Value: !Ref Messages}
            """;

    static final String V2 = """
            Resources:
              Messages:
                Type: AWS::DynamoDB::Table
                Properties:
                  BillingMode: PAY_PER_REQUEST
                  AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                  KeySchema: [{AttributeName: id, KeyType: HASH}]
              Site:
                Type: AWS::S3::Bucket
                Properties:
                  WebsiteConfiguration: {IndexDocument: index.html}
              New:
                Type: AWS::Logs::LogGroup
                Properties:
                  LogGroupName: !Sub "/new/${Messages}"
            Outputs:
              Table: {Value: !Ref Messages}
            """;

    @Test
    void changeSets_createThenUpdate_showAddModifyRemoveAndReplacement() {
        String firstId = cfn.createChangeSet(r -> r.stackName("deployed").changeSetName("first").changeSetType(ChangeSetType.CREATE).templateBody(V1)).id();
        assertEquals(StackStatus.REVIEW_IN_PROGRESS, cfn.describeStacks(r -> r.stackName("deployed")).stacks().get(0).stackStatus());
        DescribeChangeSetResponse first = waitForChangeSet(firstId);
        assertEquals(ExecutionStatus.AVAILABLE, first.executionStatus());
        assertEquals(List.of("Add Messages", "Add Site", "Add Old"), first.changes().stream()
                .map(c -> c.resourceChange().actionAsString() + " " + c.resourceChange().logicalResourceId()).toList());

        cfn.executeChangeSet(r -> r.changeSetName(firstId));
        cfn.waiter().waitUntilStackCreateComplete(DescribeStacksRequest.builder().stackName("deployed").build(), CloudFormationTesting.FAST);
        String tableBefore = output("Table");
        String bucket = physicalId("Site");
        assertEquals(ExecutionStatus.EXECUTE_COMPLETE, cfn.describeChangeSet(r -> r.changeSetName(firstId)).executionStatus());

        String secondId = cfn.createChangeSet(r -> r.stackName("deployed").changeSetName("second").templateBody(V2)).id();
        DescribeChangeSetResponse second = waitForChangeSet(secondId);
        Map<String, ResourceChange> changes = second.changes().stream().map(c -> c.resourceChange())
                .collect(Collectors.toMap(ResourceChange::logicalResourceId, c -> c));
        assertEquals("Modify", changes.get("Messages").actionAsString());
        assertEquals("True", changes.get("Messages").replacementAsString(), "a new key schema replaces the table");
        assertEquals("Always", changes.get("Messages").details().stream().filter(d -> d.target().name().equals("KeySchema"))
                .findFirst().orElseThrow().target().requiresRecreationAsString());
        assertEquals("Modify", changes.get("Site").actionAsString());
        assertEquals("False", changes.get("Site").replacementAsString());
        assertEquals("Add", changes.get("New").actionAsString());
        assertEquals("Remove", changes.get("Old").actionAsString());
        assertEquals(bucket, changes.get("Site").physicalResourceId());
        assertTrue(cfn.getTemplate(r -> r.stackName("deployed").changeSetName("second").templateStage(TemplateStage.ORIGINAL)).templateBody().contains("/new/"));
        assertEquals(2, cfn.listChangeSets(r -> r.stackName("deployed")).summaries().size());

        cfn.executeChangeSet(r -> r.stackName("deployed").changeSetName("second"));
        cfn.waiter().waitUntilStackUpdateComplete(DescribeStacksRequest.builder().stackName("deployed").build(), CloudFormationTesting.FAST);

        String tableAfter = output("Table");
        assertNotEquals(tableBefore, tableAfter, "the replaced table has a new name");
        assertThrows(ResourceNotFoundException.class, () -> dynamoDb.describeTable(r -> r.tableName(tableBefore)), "the old table is cleaned up");
        assertEquals("id", dynamoDb.describeTable(r -> r.tableName(tableAfter)).table().keySchema().get(0).attributeName());
        assertEquals(bucket, physicalId("Site"), "changed in place");
        assertEquals("index.html", s3.getBucketWebsite(r -> r.bucket(bucket)).indexDocument().suffix());
        assertEquals(1, logs.describeLogGroups(r -> r.logGroupNamePrefix("/new/" + tableAfter)).logGroups().size());
        List<String> events = CloudFormationTesting.reasons(cfn, "deployed");
        assertTrue(events.contains("Messages UPDATE_IN_PROGRESS Requested update requires the creation of a new physical resource; hence creating one."), events.toString());
        assertTrue(events.contains("deployed UPDATE_COMPLETE_CLEANUP_IN_PROGRESS"));
        assertTrue(events.contains("Old DELETE_COMPLETE"));
        assertEquals("deployed UPDATE_COMPLETE", events.get(events.size() - 1));
        assertEquals(List.of("Messages", "Site", "New"), cfn.listStackResources(r -> r.stackName("deployed")).stackResourceSummaries()
                .stream().map(r -> r.logicalResourceId()).toList());

        String sameId = cfn.createChangeSet(r -> r.stackName("deployed").changeSetName("same").templateBody(V2)).id();
        var failing = assertThrows(SdkClientException.class, () -> cfn.waiter().waitUntilChangeSetCreateComplete(
                DescribeChangeSetRequest.builder().changeSetName(sameId).build(), CloudFormationTesting.FAST));
        assertTrue(failing.getMessage().contains("FAILED"), failing.getMessage());
        var same = cfn.describeChangeSet(r -> r.changeSetName(sameId));
        assertEquals(ChangeSetStatus.FAILED, same.status());
        assertEquals("The submitted information didn't contain changes. Submit different information to create a change set.", same.statusReason());
        var executing = assertThrows(CloudFormationException.class, () -> cfn.executeChangeSet(r -> r.changeSetName(sameId)));
        assertEquals("InvalidChangeSetStatus", executing.awsErrorDetails().errorCode());
        cfn.deleteChangeSet(r -> r.changeSetName(sameId));
        var gone = assertThrows(CloudFormationException.class, () -> cfn.describeChangeSet(r -> r.changeSetName(sameId)));
        assertEquals("ChangeSetNotFound", gone.awsErrorDetails().errorCode());
        assertEquals(404, gone.statusCode());

        var noUpdate = assertThrows(CloudFormationException.class, () -> cfn.updateStack(r -> r.stackName("deployed").templateBody(V2)));
        assertEquals("No updates are to be performed.", noUpdate.awsErrorDetails().errorMessage());
    }

    @Test
    void failedUpdate_rollsBackToTheOldResources() {
        String v1 = """
                Resources:
                  Logs:
                    Type: AWS::Logs::LogGroup
                    Properties: {RetentionInDays: 7}
                """;
        CloudFormationTesting.createAndWait(cfn, "rolled", v1);
        String group = physicalIdOf("rolled", "Logs");
        cfn.updateStack(r -> r.stackName("rolled").templateBody("""
                Resources:
                  Logs:
                    Type: AWS::Logs::LogGroup
                    Properties: {RetentionInDays: 30}
                  Broken:
                    Type: AWS::DynamoDB::Table
                    DependsOn: Logs
                    Properties:
                      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                      KeySchema: [{AttributeName: id, KeyType: HASH}]
                """));
        assertThrows(SdkClientException.class, () -> cfn.waiter().waitUntilStackUpdateComplete(
                DescribeStacksRequest.builder().stackName("rolled").build(), CloudFormationTesting.FAST));
        assertEquals(StackStatus.UPDATE_ROLLBACK_COMPLETE, cfn.describeStacks(r -> r.stackName("rolled")).stacks().get(0).stackStatus());
        List<String> events = CloudFormationTesting.reasons(cfn, "rolled");
        assertTrue(events.stream().anyMatch(e -> e.startsWith("Broken CREATE_FAILED Resource handler returned message: ")), events.toString());
        assertTrue(events.contains("rolled UPDATE_ROLLBACK_IN_PROGRESS The following resource(s) failed to create: [Broken]. "), events.toString());
        assertEquals(7, logs.describeLogGroups(r -> r.logGroupNamePrefix(group)).logGroups().get(0).retentionInDays(), "the old retention is back");
        assertEquals(List.of("Logs"), cfn.listStackResources(r -> r.stackName("rolled")).stackResourceSummaries().stream().map(r -> r.logicalResourceId()).toList());
        assertEquals(v1, cfn.getTemplate(r -> r.stackName("rolled")).templateBody(), "the old template stays");
    }

    @Test
    void replacingACustomNamedResource_failsAsOnAws() {
        CloudFormationTesting.createAndWait(cfn, "named", """
                Resources:
                  Table:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      TableName: named-table
                      BillingMode: PAY_PER_REQUEST
                      AttributeDefinitions: [{AttributeName: a, AttributeType: S}]
                      KeySchema: [{AttributeName: a, KeyType: HASH}]
                """);
        cfn.updateStack(r -> r.stackName("named").templateBody("""
                Resources:
                  Table:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      TableName: named-table
                      BillingMode: PAY_PER_REQUEST
                      AttributeDefinitions: [{AttributeName: b, AttributeType: S}]
                      KeySchema: [{AttributeName: b, KeyType: HASH}]
                """));
        assertThrows(SdkClientException.class, () -> cfn.waiter().waitUntilStackUpdateComplete(
                DescribeStacksRequest.builder().stackName("named").build(), CloudFormationTesting.FAST));
        assertTrue(CloudFormationTesting.reasons(cfn, "named").contains("Table UPDATE_FAILED CloudFormation cannot update a stack when a custom-named "
                + "resource requires replacing. Rename named-table and update the stack again."));
        assertEquals("a", dynamoDb.describeTable(r -> r.tableName("named-table")).table().keySchema().get(0).attributeName());
    }

    private static DescribeChangeSetResponse waitForChangeSet(String id) {
        return cfn.waiter().waitUntilChangeSetCreateComplete(DescribeChangeSetRequest.builder().changeSetName(id).build(), CloudFormationTesting.FAST)
                .matched().response().orElseThrow();
    }

    private static String output(String key) {
        return cfn.describeStacks(r -> r.stackName("deployed")).stacks().get(0).outputs().stream()
                .filter(o -> o.outputKey().equals(key)).findFirst().orElseThrow().outputValue();
    }

    private static String physicalId(String logicalId) {
        return physicalIdOf("deployed", logicalId);
    }

    private static String physicalIdOf(String stack, String logicalId) {
        return cfn.describeStackResource(r -> r.stackName(stack).logicalResourceId(logicalId)).stackResourceDetail().physicalResourceId();
    }
}
