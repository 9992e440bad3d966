package dev.chatlab.localcloud.services.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.localcloud.testing.RunsBesideTheSuite;
import dev.chatlab.localcloud.testing.TestCloud;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.State;

/**
 * Lambda's states under the default ("aws") timing: a new role is not assumable at once, a new
 * function is Pending (invokes refused), an update is InProgress (a second one refused), and
 * the SDK's waiters functionActiveV2 / functionUpdatedV2 wait them out.
 */
@RunsBesideTheSuite
class LambdaTimingTest {

    static TestCloud cloud;
    static LambdaClient lambda;
    static SdkBytes zip;

    @BeforeAll
    static void start() {
        cloud = TestCloud.startWithAwsTiming();
        lambda = cloud.client(LambdaClient.builder()).build();
        zip = SdkBytes.fromByteArray(HandlerPackages.zipBytes(Map.of("fn.Upper", TestHandlers.all().get("fn.Upper"))));
    }

    @AfterAll
    static void stop() {
        lambda.close();
        cloud.close();
    }

    static CreateFunctionRequest function(String name, String role) {
        return CreateFunctionRequest.builder().functionName(name).runtime("java21").role(role).handler("fn.Upper").code(c -> c.zipFile(zip)).build();
    }

    /** CreateFunction until IAM has propagated the role, as the lab's step 6 does it; answers the attempts it took. */
    static int createWhenRoleAssumable(CreateFunctionRequest request) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                lambda.createFunction(request);
                return attempt;
            } catch (InvalidParameterValueException e) {
                if (attempt > 100 || !e.getMessage().contains("cannot be assumed")) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    @Test
    void createFunction_withARoleCreatedMomentsAgo_isRefusedUntilIamHasPropagatedIt() throws Exception {
        String role;
        try (IamClient iam = cloud.client(IamClient.builder()).build()) {
            role = iam.createRole(b -> b.roleName("fresh-role").assumeRolePolicyDocument(LambdaTesting.TRUST_LAMBDA)).role().arn();
            iam.waiter().waitUntilRoleExists(b -> b.roleName("fresh-role"));
        }
        InvalidParameterValueException refused = assertThrows(InvalidParameterValueException.class,
                () -> lambda.createFunction(function("fresh", role)));
        assertEquals("The role defined for the function cannot be assumed by Lambda.", refused.awsErrorDetails().errorMessage());
        assertEquals(400, refused.statusCode());
        createWhenRoleAssumable(function("fresh", role));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("fresh"));
    }

    @Test
    void createFunction_isPending_invokeIsResourceConflict_andFunctionActiveV2WaitsUntilActive() throws Exception {
        LambdaTesting.createLambdaRole(cloud, "pending-role");
        createWhenRoleAssumable(function("pending", "arn:aws:iam::000000000000:role/pending-role"));
        assertEquals(State.PENDING, lambda.getFunctionConfiguration(b -> b.functionName("pending")).state());
        ResourceConflictException invoke = assertThrows(ResourceConflictException.class, () -> lambda.invoke(b -> b.functionName("pending")));
        assertEquals("The operation cannot be performed at this time. The function is currently in the following state: Pending",
                invoke.awsErrorDetails().errorMessage());
        assertEquals(409, invoke.statusCode());
        ResourceConflictException update = assertThrows(ResourceConflictException.class,
                () -> lambda.updateFunctionConfiguration(b -> b.functionName("pending").timeout(10)));
        assertTrue(update.getMessage().startsWith("The operation cannot be performed at this time. An update is in progress for resource: "
                + "arn:aws:lambda:ap-northeast-2:000000000000:function:pending"), update.getMessage());

        var waited = lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("pending"));
        assertTrue(waited.attemptsExecuted() >= 1);
        assertEquals(State.ACTIVE, waited.matched().response().orElseThrow().configuration().state());
    }

    @Test
    void updateFunctionConfiguration_isInProgress_aSecondUpdateIsResourceConflict_andFunctionUpdatedV2WaitsUntilSuccessful() throws Exception {
        LambdaTesting.createLambdaRole(cloud, "updated-role");
        createWhenRoleAssumable(function("updated", "arn:aws:iam::000000000000:role/updated-role"));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("updated"));

        assertEquals(LastUpdateStatus.IN_PROGRESS, lambda.updateFunctionConfiguration(b -> b.functionName("updated").timeout(20)).lastUpdateStatus());
        ResourceConflictException second = assertThrows(ResourceConflictException.class,
                () -> lambda.updateFunctionCode(b -> b.functionName("updated").zipFile(zip)));
        assertEquals("The operation cannot be performed at this time. An update is in progress for resource: "
                + "arn:aws:lambda:ap-northeast-2:000000000000:function:updated", second.awsErrorDetails().errorMessage());

        var waited = lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("updated"));
        assertTrue(waited.attemptsExecuted() > 1, "the waiter saw InProgress first");
        assertEquals(LastUpdateStatus.SUCCESSFUL, waited.matched().response().orElseThrow().configuration().lastUpdateStatus());
        assertEquals(20, lambda.getFunctionConfiguration(b -> b.functionName("updated")).timeout());
    }
}
