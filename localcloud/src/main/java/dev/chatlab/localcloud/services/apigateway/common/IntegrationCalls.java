package dev.chatlab.localcloud.services.apigateway.common;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Calls a Lambda integration the way API Gateway waits for one: at most the integration's
 * timeout (29 s by default), after which the caller gets {@link LambdaIntegration.Timeout}
 * whatever the function is still doing.
 *
 * <p>A call that is given up on is left to finish (Lambda's own timeout ends it), never
 * interrupted: the thread may be reading or writing localcloud's store, and an interrupt in the
 * middle of file I/O closes the store's file channel for every thread (ClosedByInterruptException),
 * which left the whole cloud answering "This store is closed".
 */
public final class IntegrationCalls implements AutoCloseable {

    private final ExecutorService calls;
    private volatile LambdaIntegration lambda = LambdaIntegration.NONE;

    public IntegrationCalls() {
        AtomicInteger count = new AtomicInteger();
        this.calls = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "apigateway-integration-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public void use(LambdaIntegration integration) {
        this.lambda = integration;
    }

    public byte[] invoke(String functionArn, String sourceArn, byte[] event, int timeoutMillis) {
        LambdaIntegration target = lambda;
        Future<byte[]> call = calls.submit(() -> target.invoke(functionArn, sourceArn, event));
        try {
            return call.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(false);
            throw new LambdaIntegration.Timeout("no answer within " + timeoutMillis + " ms");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof LambdaIntegration.Failure failure) {
                throw failure;
            }
            throw new LambdaIntegration.FunctionError("Lambda invocation failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(false);
            throw new LambdaIntegration.Timeout("Interrupted while waiting for the integration");
        }
    }

    /** Runs work that nobody waits for ($disconnect), on the same threads. */
    public void runDetached(Runnable work) {
        try {
            calls.execute(work);
        } catch (RejectedExecutionException shuttingDown) {
            // the cloud is stopping: a $disconnect nobody waits for is dropped
        }
    }

    @Override
    public void close() {
        calls.shutdownNow();
    }
}
