package dev.chatlab.cli.mistakes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.cli.Kit;
import dev.chatlab.cli.LabRun;
import dev.chatlab.labkit.Lab;
import dev.chatlab.labkit.StepRunner;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

/**
 * Step 9 on the complete lab of steps 1-8, through the lab command as a student runs it: the
 * exercise stops at its TODO, the solution deploys the stack and its chat passes step 8's
 * end-to-end checks, a second run says "No changes", --delete deletes it, and a stack that
 * rolled back fails the check with its first failure's reason, then is deleted and made anew.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Step9MistakesTest {

    static MistakeLab mistakes;
    static Lab lab;

    @BeforeAll
    static void lab() {
        mistakes = MistakeLab.shared();
        lab = mistakes.lab();
    }

    @Test
    @Order(1)
    void exercise_stopsAtItsFirstTodo_beforeBuildingAnything() {
        LabRun run = mistakes.labRun("step", "9");
        assertEquals(StepRunner.TODO_LEFT, run.exit(), run.output());
        // the template's TODOs come first, from its top: the table's keys
        assertTrue(run.output().contains("TODO(step9) is not done yet: Declare ChatUsers' keys as step 7 made them"), run.output());
    }

    @Test
    @Order(2)
    void solution_deploysTheStack_andItsChatPassesStep8sChecks() {
        LabRun run = timedSolution("first run");
        assertTrue(run.output().contains("Change set: ") && run.output().contains("CREATE_COMPLETE"), run.output());
        assertTrue(run.output().contains("✔ two browser pages chat through the website") || run.output().contains("↷ two browser pages"), run.output());
    }

    @Test
    @Order(3)
    void secondRun_withNothingChanged_saysNoChanges() {
        LabRun run = timedSolution("second run");
        assertTrue(run.output().contains("No changes: stack " + lab.names().stack()), run.output());
        assertTrue(!run.output().contains("Change set: "), "an empty change set shows no changes:\n" + run.output());
    }

    /** {@code lab step 9 --solution}, which must pass; its wall time goes to the test's output for the report. */
    private static LabRun timedSolution(String which) {
        long started = System.nanoTime();
        LabRun run = mistakes.labRun("step", "9", "--solution");
        System.out.printf("step 9, %s: %.1f s%n", which, (System.nanoTime() - started) / 1e9);
        assertEquals(0, run.exit(), run.output());
        return run;
    }

    @Test
    @Order(4)
    void delete_deletesTheStack_andTheCheckSaysToRunTheStep() {
        LabRun run = mistakes.labRun("step", "9", "--delete");
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains("Deleted stack " + lab.names().stack()), run.output());
        mistakes.assertFailsFirstOn(9, "is CREATE_COMPLETE or UPDATE_COMPLETE", "not found: run ./lab step 9");
        LabRun again = mistakes.labRun("step", "9", "--delete");
        assertEquals(0, again.exit(), again.output());
        assertTrue(again.output().contains("does not exist: nothing to delete"), again.output());
    }

    @Test
    @Order(5)
    void rolledBackStack_failsWithItsFirstFailure_andTheStepMakesItAnew() throws Exception {
        // The guide's deliberate mistake: the index's key is an attribute without a definition.
        CloudFormationClient cfn = lab.client(CloudFormationClient.builder());
        String template = Files.readString(Kit.locate(null).solutions().resolve("step9-serverless/template.yaml"));
        String artifact = lab.s3().listObjectsV2(b -> b.bucket(lab.names().artifactsBucket())).contents().get(0).key();
        String broken = template.replaceAll("(?m)^(\\s*CodeUri:).*$", "$1 s3://" + lab.names().artifactsBucket() + "/" + artifact)
                .replace("          KeySchema:\n            - {AttributeName: connectionId, KeyType: HASH}",
                        "          KeySchema:\n            - {AttributeName: nickname, KeyType: HASH}");
        assertTrue(!broken.equals(template) && broken.contains("AttributeName: nickname"), "the template changed: update this test's mistake");
        cfn.createStack(b -> b.stackName(lab.names().stack()).templateBody(broken)
                .capabilities(Capability.CAPABILITY_IAM, Capability.CAPABILITY_AUTO_EXPAND));
        // ROLLBACK_COMPLETE is the create waiter's failure state: it ends the wait with an exception.
        assertThrows(SdkClientException.class, () -> cfn.waiter().waitUntilStackCreateComplete(b -> b.stackName(lab.names().stack()),
                wait -> wait.backoffStrategyV2(BackoffStrategy.fixedDelay(Duration.ofSeconds(1))).maxAttempts(300)));
        assertEquals(StackStatus.ROLLBACK_COMPLETE, cfn.describeStacks(b -> b.stackName(lab.names().stack())).stacks().get(0).stackStatus());
        mistakes.assertFailsFirstOn(9, "is CREATE_COMPLETE or UPDATE_COMPLETE", "is ROLLBACK_COMPLETE. First failure: ChatUsersTable CREATE_FAILED");

        LabRun run = mistakes.labRun("step", "9", "--solution");
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains("is ROLLBACK_COMPLETE (its creation failed: ChatUsersTable CREATE_FAILED"), run.output());
        assertEquals(0, mistakes.lab("step", "9", "--delete"), "the lab is left without the stack");
    }
}
