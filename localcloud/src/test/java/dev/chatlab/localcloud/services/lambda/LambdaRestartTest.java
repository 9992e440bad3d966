package dev.chatlab.localcloud.services.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.localcloud.config.LocalCloudConfig;
import dev.chatlab.localcloud.testing.TestCloud;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** Functions, their code, their permissions and their logs survive a restart of localcloud. */
class LambdaRestartTest {

    @TempDir
    Path data;

    @Test
    void functionsAndLogs_surviveARestart() {
        LocalCloudConfig config = LocalCloudConfig.forTests().withDataDirectory(data);
        SdkBytes zip = HandlerPackages.zip(Map.of("fn.Upper", TestHandlers.all().get("fn.Upper")));
        try (TestCloud cloud = TestCloud.start(config)) {
            LambdaClient lambda = cloud.client(LambdaClient.builder()).build();
            LambdaTesting.createLambdaRole(cloud, "chat-lambda-role");
            lambda.createFunction(b -> b.functionName("kept").runtime("java21").role(LambdaExecutionTest.ROLE)
                    .handler("fn.Upper").code(c -> c.zipFile(zip)));
            lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("kept"));
            lambda.addPermission(b -> b.functionName("kept").statementId("apigw").action("lambda:InvokeFunction")
                    .principal("apigateway.amazonaws.com"));
            assertEquals("\"BEFORE\"", lambda.invoke(b -> b.functionName("kept").payload(SdkBytes.fromUtf8String("\"before\"")))
                    .payload().asUtf8String());
        }
        try (TestCloud cloud = TestCloud.start(config)) {
            LambdaClient lambda = cloud.client(LambdaClient.builder()).build();
            assertEquals("\"AFTER\"", lambda.invoke(b -> b.functionName("kept").payload(SdkBytes.fromUtf8String("\"after\"")))
                    .payload().asUtf8String());
            assertFalse(lambda.getPolicy(b -> b.functionName("kept")).policy().isEmpty());
            CloudWatchLogsClient logs = cloud.client(CloudWatchLogsClient.builder()).build();
            assertEquals(2, logs.describeLogStreams(b -> b.logGroupName("/aws/lambda/kept")).logStreams().size());
        }
    }

    @Test
    void aFunctionDeletedAfterItRan_doesNotStopTheNextStart() {
        // What a stack's deletion (or ./lab teardown) leaves: an unpacked package no function uses any more.
        LocalCloudConfig config = LocalCloudConfig.forTests().withDataDirectory(data);
        SdkBytes zip = HandlerPackages.zip(Map.of("fn.Upper", TestHandlers.all().get("fn.Upper")));
        try (TestCloud cloud = TestCloud.start(config)) {
            LambdaClient lambda = cloud.client(LambdaClient.builder()).build();
            LambdaTesting.createLambdaRole(cloud, "chat-lambda-role");
            for (String name : new String[] {"kept", "gone"}) {
                lambda.createFunction(b -> b.functionName(name).runtime("java21").role(LambdaExecutionTest.ROLE)
                        .handler("fn.Upper").code(c -> c.zipFile(zip)));
                lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
                lambda.invoke(b -> b.functionName(name).payload(SdkBytes.fromUtf8String("\"x\"")));
            }
            lambda.deleteFunction(b -> b.functionName("gone"));
        }
        try (TestCloud cloud = TestCloud.start(config)) {
            LambdaClient lambda = cloud.client(LambdaClient.builder()).build();
            assertEquals("\"AFTER\"", lambda.invoke(b -> b.functionName("kept").payload(SdkBytes.fromUtf8String("\"after\"")))
                    .payload().asUtf8String());
        }
    }

    @Test
    void aStoppedLocalcloud_leavesItsDataDirectoryToTheUsersTools_listableAndReadable() throws Exception {
        LocalCloudConfig config = LocalCloudConfig.forTests().withDataDirectory(data);
        SdkBytes zip = HandlerPackages.zip(Map.of("fn.Upper", TestHandlers.all().get("fn.Upper")));
        try (TestCloud cloud = TestCloud.start(config)) {
            LambdaClient lambda = cloud.client(LambdaClient.builder()).build();
            LambdaTesting.createLambdaRole(cloud, "chat-lambda-role");
            lambda.createFunction(b -> b.functionName("kept").runtime("java21").role(LambdaExecutionTest.ROLE)
                    .handler("fn.Upper").code(c -> c.zipFile(zip)));
            lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("kept"));
            lambda.invoke(b -> b.functionName("kept").payload(SdkBytes.fromUtf8String("\"x\"")));
        }
        try (Stream<Path> code = Files.list(data.resolve("lambda").resolve("code"))) {
            assertEquals(2, code.count(), "the runtime's directory and the function's");
        }
        assertTrue(Files.isReadable(data.resolve("state.mv.db")));
    }
}
