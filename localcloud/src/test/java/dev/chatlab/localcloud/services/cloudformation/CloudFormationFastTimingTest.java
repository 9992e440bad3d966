package dev.chatlab.localcloud.services.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chatlab.localcloud.testing.TestCloud;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetStatus;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.ExecutionStatus;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

/**
 * Under the fast timing a stack operation is done when its call answers, as every other change
 * is: the first DescribeStacks of a waiter (the AWS CLI's {@code cloudformation deploy}, which
 * otherwise looks again only 30 s later) already sees the end.
 */
class CloudFormationFastTimingTest {

    static final String TEMPLATE = """
            Parameters:
              Prefix: {Type: String, Default: one}
            Resources:
              Logs:
                Type: AWS::Logs::LogGroup
                Properties: {LogGroupName: !Sub "/fast/${Prefix}"}
            """;

    static TestCloud cloud;
    static CloudFormationClient cfn;

    @BeforeAll
    static void start() {
        cloud = TestCloud.start();
        cfn = cloud.client(CloudFormationClient.builder()).build();
    }

    @AfterAll
    static void stop() {
        cfn.close();
        cloud.close();
    }

    @Test
    void createChangeSetExecuteAndDelete_eachIsDoneWhenItsCallAnswers() {
        String stackId = cfn.createStack(r -> r.stackName("fast").templateBody(TEMPLATE)).stackId();
        assertEquals(StackStatus.CREATE_COMPLETE, status(stackId));

        String changeSet = cfn.createChangeSet(r -> r.stackName("fast").changeSetName("two").changeSetType(ChangeSetType.UPDATE)
                .templateBody(TEMPLATE).parameters(p -> p.parameterKey("Prefix").parameterValue("two"))).id();
        assertEquals(ChangeSetStatus.CREATE_COMPLETE, cfn.describeChangeSet(r -> r.changeSetName(changeSet)).status());

        cfn.executeChangeSet(r -> r.changeSetName(changeSet));
        assertEquals(StackStatus.UPDATE_COMPLETE, status(stackId));
        assertEquals(ExecutionStatus.EXECUTE_COMPLETE, cfn.describeChangeSet(r -> r.changeSetName(changeSet)).executionStatus());

        cfn.deleteStack(r -> r.stackName("fast"));
        assertEquals(StackStatus.DELETE_COMPLETE, status(stackId));
    }

    private static StackStatus status(String stackId) {
        return cfn.describeStacks(r -> r.stackName(stackId)).stacks().get(0).stackStatus();
    }
}
