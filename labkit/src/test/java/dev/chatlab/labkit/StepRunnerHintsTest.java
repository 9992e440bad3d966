package dev.chatlab.labkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A step that stops on an AWS error, and a check that throws one, show the lesson of the error. */
class StepRunnerHintsTest {

    private static final Throwable BLOCKED = RecordedAws.s3Error(403, "AccessDenied", "Access Denied",
            s3 -> s3.putBucketPolicy(b -> b.bucket("chat.lab.test").policy("{}")));

    @TempDir
    Path state;

    @Test
    void stepStoppedByAnAwsError_printsTheErrorAndItsHint_notTheGenericLine() {
        LabStep step = new LabStep() {
            @Override
            public int number() {
                return 99;
            }

            @Override
            public Text title() {
                return Text.of("A step whose policy meets BlockPublicPolicy", "BlockPublicPolicy에 막히는 단계");
            }

            @Override
            public void run(Lab lab) throws Exception {
                throw (Exception) BLOCKED;
            }

            @Override
            public void check(Lab lab, Checks checks) {
            }
        };
        StepRun run = StepRun.of(state, step);
        String output = run.output();
        assertEquals("error", run.report().outcome(), output);
        assertTrue(output.contains("✘ The step stopped: AccessDenied: Access Denied"), output);
        assertTrue(output.contains("→ S3 refused a public policy: Block Public Access (BlockPublicPolicy)"), output);
        assertTrue(!output.contains("Fix the cause above"), output);
    }

    @Test
    void checkThatThrows_failsWithTheRawErrorAndTheHint_inTheReadersLanguage() {
        Checks checks = new Checks(Lang.KO);
        checks.check(Text.of("bucket policy", "버킷 정책"), () -> {
            throw (Exception) BLOCKED;
        });
        List<CheckResult> results = checks.results();
        assertTrue(results.get(0).failed());
        assertTrue(results.get(0).detail().startsWith("AccessDenied: Access Denied → S3가 공개 정책을 거절했습니다"), results.get(0).detail());
    }
}
