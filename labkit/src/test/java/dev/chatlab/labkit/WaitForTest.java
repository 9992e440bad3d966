package dev.chatlab.labkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * A step's wait on a slow machine: a transient error while a waiter polls is "not yet", and a
 * wait that does stop names its real cause, never the SDK waiter's wrapper around it.
 */
class WaitForTest {

    @TempDir
    Path state;

    /** What the SDK's waiter throws when a poll fails with an error none of its acceptors expects. */
    private static SdkClientException unmatched(Throwable cause) {
        return SdkClientException.create("An exception was thrown and did not match any waiter acceptors", cause);
    }

    private String runStep(Supplier<Object> waiter) {
        LabStep step = new LabStep() {
            @Override
            public int number() {
                return 98;
            }

            @Override
            public Text title() {
                return Text.of("A step that waits", "기다리는 단계");
            }

            @Override
            public void run(Lab lab) {
                lab.waitFor(Text.of("role r", "역할 r"), waiter);
                lab.done(Text.of("waited", "기다림"));
            }

            @Override
            public void check(Lab lab, Checks checks) {
            }
        };
        return StepRun.of(state, step).output();
    }

    @Test
    void waitFor_aTimeoutWhileTheWaiterPolls_isNotYet_andTheWaitGoesOn() {
        AtomicInteger polls = new AtomicInteger();
        String output = runStep(() -> {
            if (polls.incrementAndGet() == 1) {
                throw unmatched(SdkClientException.create("Unable to execute HTTP request: Read timed out", new SocketTimeoutException("Read timed out")));
            }
            return "exists";
        });
        assertEquals(2, polls.get(), output);
        assertTrue(output.contains("not yet (Unable to execute HTTP request: Read timed out): looking again"), output);
        assertTrue(output.contains("waited"), output);
        assertFalse(output.contains("The step stopped"), output);
    }

    @Test
    void waitFor_throttling_isNotYet() {
        AtomicInteger polls = new AtomicInteger();
        String output = runStep(() -> {
            if (polls.incrementAndGet() == 1) {
                throw unmatched(AwsServiceException.builder().statusCode(400)
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("Throttling").errorMessage("Rate exceeded").build()).build());
            }
            return "exists";
        });
        assertEquals(2, polls.get(), output);
        assertTrue(output.contains("not yet (Throttling: Rate exceeded)"), output);
    }

    @Test
    void waitFor_anErrorThatIsAnAnswer_stopsTheStepNamingTheError_notTheWaitersWrapper() {
        AtomicInteger polls = new AtomicInteger();
        String output = runStep(() -> {
            polls.incrementAndGet();
            throw unmatched(AwsServiceException.builder().statusCode(403).awsErrorDetails(AwsErrorDetails.builder()
                    .errorCode("AccessDenied").errorMessage("User is not authorized to perform: iam:GetRole").build()).build());
        });
        assertEquals(1, polls.get(), "an answer is not retried: " + output);
        assertTrue(output.contains("The step stopped: AccessDenied: User is not authorized to perform: iam:GetRole"), output);
        assertFalse(output.contains("did not match any waiter acceptors"), output);
    }
}
