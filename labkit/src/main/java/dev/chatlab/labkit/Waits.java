package dev.chatlab.labkit;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * How the lab waits for AWS's asynchronous changes (a table CREATING, a function Pending, a
 * Route53 change PENDING) with the SDK's waiters, and what it makes of their failures.
 */
public final class Waits {

    /** How long a step waits for one change at most, transient errors included (a GSI on AWS can take many minutes). */
    static final Duration PATIENCE = Duration.ofMinutes(20);
    /** The message of the SDK waiter's wrapper around an error none of its acceptors expects. */
    static final String UNMATCHED = "did not match any waiter acceptors";

    private Waits() {
    }

    /**
     * The override a step gives an SDK waiter. The SDK's own intervals fit AWS's slowest case
     * (DescribeTable every 20 s, GetChange every 30 s), so a change of one second would cost
     * 20 to 30 s: locally the lab looks every 200 ms (localcloud's changes take about a second),
     * on AWS after 1 s, growing to 10 s with jitter, so that a class sharing one account stays
     * under Route53's five requests a second.
     */
    static Consumer<WaiterOverrideConfiguration.Builder> polling(boolean local) {
        BackoffStrategy backoff = local ? BackoffStrategy.fixedDelay(Duration.ofMillis(200))
                : BackoffStrategy.exponentialDelay(Duration.ofSeconds(1), Duration.ofSeconds(10));
        return override -> override.backoffStrategyV2(backoff).maxAttempts(10_000).waitTimeout(PATIENCE);
    }

    /**
     * The error a waiter stopped on: the SDK wraps an error that none of the waiter's acceptors
     * expects as "An exception was thrown and did not match any waiter acceptors", which names
     * nothing a student can act on; its cause does.
     */
    static Throwable underlying(Throwable error) {
        if (error instanceof SdkClientException && error.getMessage() != null && error.getMessage().contains(UNMATCHED)
                && error.getCause() != null) {
            return error.getCause();
        }
        return error;
    }

    /**
     * True for an error that only says "not yet": the network or a timeout (a loaded laptop),
     * throttling, or a service's own 5xx. Anything else (AccessDenied, a validation error) is an
     * answer, and waiting longer would not change it.
     */
    static boolean isTransient(Throwable error) {
        if (error instanceof AwsServiceException service) {
            return service.isThrottlingException() || service.statusCode() >= 500;
        }
        if (error instanceof SdkClientException) {
            for (Throwable cause = error; cause != null; cause = cause.getCause()) {
                if (cause instanceof IOException) {
                    return true;
                }
            }
            return error.getClass().getSimpleName().contains("Timeout");
        }
        return false;
    }

    /** The pause between two looks at a change; an interrupt ends the wait. */
    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
