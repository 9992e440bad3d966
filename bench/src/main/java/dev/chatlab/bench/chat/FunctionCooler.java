package dev.chatlab.bench.chat;

import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.waiters.LambdaWaiter;

/**
 * The two ways the chat's functions go cold for a student: a deploy (here an
 * UpdateFunctionConfiguration that sets each function's description to what it is, which
 * changes nothing a function sees but gives it a new revision: Lambda, and localcloud, start new
 * instances for it), or the functions' idle time-out (here a wait, for a cloud started with a
 * short one, e.g. {@code LOCALCLOUD_LAMBDA_IDLE_SECONDS=5}).
 */
public final class FunctionCooler {

    private FunctionCooler() {
    }

    /** Redeploys {@code functions} unchanged and waits until each update is done. */
    public static ColdStarts.Cooler byDeploy(LambdaClient lambda, List<String> functions) {
        return () -> {
            try (LambdaWaiter waiter = LambdaWaiter.builder().client(lambda)
                    .overrideConfiguration(c -> c.backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(100))).maxAttempts(600))
                    .build()) {
                for (String function : functions) {
                    String description = lambda.getFunctionConfiguration(b -> b.functionName(function)).description();
                    lambda.updateFunctionConfiguration(b -> b.functionName(function).description(description == null ? "" : description));
                }
                for (String function : functions) {
                    waiter.waitUntilFunctionUpdatedV2(b -> b.functionName(function));
                }
            }
        };
    }

    /** Waits {@code idle}: longer than the cloud's idle time-out, every instance has ended. */
    public static ColdStarts.Cooler byIdling(Duration idle) {
        return () -> Thread.sleep(idle.toMillis());
    }
}
