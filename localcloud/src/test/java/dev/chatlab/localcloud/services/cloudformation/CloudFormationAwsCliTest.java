package dev.chatlab.localcloud.services.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.localcloud.testing.AwsCli;
import dev.chatlab.localcloud.testing.TestCloud;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aws cloudformation deploy} (change sets and the CLI's own waiters) against localcloud. Skipped without {@code aws}. */
class CloudFormationAwsCliTest {

    static TestCloud cloud;
    static String aws;

    @TempDir
    Path work;

    @BeforeAll
    static void start() {
        aws = AwsCli.required();
        cloud = TestCloud.start();
    }

    @AfterAll
    static void stop() {
        if (cloud != null) {
            cloud.close();
        }
    }

    @Test
    void cloudformationDeploy_createsUpdatesAndSaysWhenNothingChanged() throws Exception {
        AwsCli cli = new AwsCli(aws, cloud, work);
        Path template = Files.writeString(work.resolve("template.yaml"), """
                Parameters:
                  Prefix: {Type: String, Default: cli}
                Resources:
                  Logs:
                    Type: AWS::Logs::LogGroup
                    Properties: {LogGroupName: !Sub "/cli/${Prefix}"}
                Outputs:
                  Name: {Value: !Ref Logs}
                """);
        String deploy = "--template-file=" + template;
        assertTrue(cli.ok("cloudformation", "deploy", "--stack-name", "cli-stack", deploy).out().contains("Successfully created/updated stack - cli-stack"));
        awaitNextSecond();
        AwsCli.Result same = cli.run("cloudformation", "deploy", "--stack-name", "cli-stack", deploy);
        assertEquals(255, same.exitCode(), "the CLI fails on an empty change set unless --no-fail-on-empty-changeset: " + same);
        assertTrue(same.err().contains("No changes to deploy. Stack cli-stack is up to date"), same.toString());
        awaitNextSecond();
        cli.ok("cloudformation", "deploy", "--stack-name", "cli-stack", deploy, "--parameter-overrides", "Prefix=two");
        assertEquals("UPDATE_COMPLETE\t/cli/two", cli.ok("cloudformation", "describe-stacks", "--stack-name", "cli-stack",
                "--query", "Stacks[0].[StackStatus,Outputs[0].OutputValue]", "--output", "text").out().trim());
        cli.ok("cloudformation", "delete-stack", "--stack-name", "cli-stack");
        cli.ok("cloudformation", "wait", "stack-delete-complete", "--stack-name", "cli-stack");
    }

    /**
     * The CLI names its change set {@code awscli-cloudformation-package-deploy-<epoch second>}: two
     * deploys in one second would name the same change set, which CloudFormation refuses
     * (AlreadyExistsException) on AWS as here.
     */
    private static void awaitNextSecond() throws InterruptedException {
        long second = System.currentTimeMillis() / 1000;
        while (System.currentTimeMillis() / 1000 == second) {
            Thread.sleep(1000 - System.currentTimeMillis() % 1000);
        }
    }
}
