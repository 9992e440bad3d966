package dev.chatlab.localcloud.services.apigateway.common;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class IntegrationCallsTest {

    @Test
    void invoke_integrationTimesOut_callerGetsTimeout_andTheCallIsNotInterrupted() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        try (IntegrationCalls calls = new IntegrationCalls()) {
            calls.use((functionArn, sourceArn, event) -> {
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    // an interrupt here could as well land in the store's file I/O and close it for everyone
                    interrupted.set(true);
                }
                finished.countDown();
                return "{}".getBytes();
            });
            assertThrows(LambdaIntegration.Timeout.class, () -> calls.invoke("arn:fn", "arn:source", "{}".getBytes(), 100));
            release.countDown();
            assertTrue(finished.await(5, TimeUnit.SECONDS));
            assertFalse(interrupted.get());
        }
    }
}
