package dev.chatlab.localcloud.services.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.localcloud.services.lambda.runtime.FunctionRuntime;
import dev.chatlab.localcloud.testing.Eventually;
import dev.chatlab.localcloud.testing.TestCloud;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** The per-function instance cap (invokes beyond it wait) and the end of idle instances, with small settings. */
class LambdaInstanceLimitsTest {

    static TestCloud cloud;
    static LambdaClient lambda;

    @BeforeAll
    static void start() {
        cloud = TestCloud.startWithLambdaSettings(Map.of("localcloud.lambda.maxInstances", "2", "localcloud.lambda.idleSeconds", "2"));
        lambda = cloud.client(LambdaClient.builder()).build();
        LambdaTesting.createLambdaRole(cloud, "chat-lambda-role");
        lambda.createFunction(b -> b.functionName("sleepy").runtime("java21").role(LambdaExecutionTest.ROLE)
                .handler("fn.Sleepy").timeout(20).code(c -> c.zipFile(HandlerPackages.zip(Map.of("fn.Sleepy", TestHandlers.all().get("fn.Sleepy"))))));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("sleepy"));
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void invokesBeyondTheCap_waitForAnInstance_andIdleInstancesEnd() throws Exception {
        FunctionRuntime runtime = cloud.cloud().services().lambda().runtime();
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(callers.submit(() -> lambda.invoke(b -> b.functionName("sleepy")
                        .payload(SdkBytes.fromUtf8String("{}"))).payload().asUtf8String()));
            }
            Set<String> streams = new HashSet<>();
            for (Future<String> answer : answers) {
                streams.add(answer.get());
            }
            assertEquals(2, streams.size(), "4 invokes on 2 instances: " + streams);
            assertEquals(2, runtime.instanceCount("sleepy"));
        } finally {
            callers.shutdownNow();
        }
        Eventually.await("the idle instances of sleepy to end", Duration.ofSeconds(15),
                () -> runtime.instanceCount("sleepy") == 0);
        assertTrue(lambda.invoke(b -> b.functionName("sleepy").payload(SdkBytes.fromUtf8String("{}"))).payload()
                .asUtf8String().contains("[$LATEST]"));
    }
}
