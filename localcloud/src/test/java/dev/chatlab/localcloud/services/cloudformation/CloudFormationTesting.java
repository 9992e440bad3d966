package dev.chatlab.localcloud.services.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chatlab.localcloud.services.lambda.HandlerPackages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.DescribeStacksRequest;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.s3.S3Client;

/** Stacks made and awaited as a client does: CreateStack, then the SDK's waiter. */
final class CloudFormationTesting {

    /** The SDK's waiters poll every 30 seconds, as suits AWS; a local stack is done in a second. */
    static final WaiterOverrideConfiguration FAST = WaiterOverrideConfiguration.builder()
            .backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(200))).maxAttempts(300).build();

    private CloudFormationTesting() {
    }

    /** A bucket holding hello.zip: a function whose handler example.Hello::handleRequest answers "hi " + its input. */
    static void uploadHelloFunction(S3Client s3, String bucket) {
        s3.createBucket(r -> r.bucket(bucket).createBucketConfiguration(c -> c.locationConstraint("ap-northeast-2")));
        s3.putObject(r -> r.bucket(bucket).key("hello.zip"), RequestBody.fromBytes(HandlerPackages.zipBytes(Map.of("example.Hello", """
                package example;
                public class Hello implements com.amazonaws.services.lambda.runtime.RequestHandler<String, String> {
                    public String handleRequest(String in, com.amazonaws.services.lambda.runtime.Context context) { return "hi " + in; }
                }
                """))));
    }

    static String createAndWait(CloudFormationClient cfn, String name, String template, Parameter... parameters) {
        String id = cfn.createStack(r -> r.stackName(name).templateBody(template).parameters(parameters)
                .capabilities(Capability.CAPABILITY_IAM, Capability.CAPABILITY_NAMED_IAM, Capability.CAPABILITY_AUTO_EXPAND)).stackId();
        try {
            var outcome = cfn.waiter().waitUntilStackCreateComplete(DescribeStacksRequest.builder().stackName(name).build(), FAST).matched();
            assertEquals(StackStatus.CREATE_COMPLETE, outcome.response().orElseThrow().stacks().get(0).stackStatus());
        } catch (SdkClientException e) {
            throw new AssertionError("stack " + name + " did not complete: " + reasons(cfn, name), e);
        }
        return id;
    }

    /** The events that say why, oldest first: "Logical STATUS reason". */
    static List<String> reasons(CloudFormationClient cfn, String name) {
        List<StackEvent> events = new ArrayList<>(cfn.describeStackEvents(r -> r.stackName(name)).stackEvents());
        Collections.reverse(events);
        return events.stream().map(e -> e.logicalResourceId() + " " + e.resourceStatusAsString()
                + (e.resourceStatusReason() == null ? "" : " " + e.resourceStatusReason())).toList();
    }
}
