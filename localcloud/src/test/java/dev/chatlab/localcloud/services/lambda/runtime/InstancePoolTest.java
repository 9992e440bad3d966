package dev.chatlab.localcloud.services.lambda.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.localcloud.services.lambda.model.FunctionConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which instance an invoke gets, without starting JVMs: the pool's starter only makes the bookkeeping objects. */
class InstancePoolTest {

    private static final FunctionConfig CONFIG = new FunctionConfig("fn", "arn:aws:lambda:ap-northeast-2:000000000000:function:fn",
            "ap-northeast-2", "java21", "arn:aws:iam::000000000000:role/r", "fn.Echo", "", 3, 256, Map.of(), "sha", "key", 1,
            "2026-11-25T00:00:00.000+0000", "revision-1", 0, true, Map.of(), null);

    private final List<FunctionInstance> started = new ArrayList<>();
    private final InstancePool pool = new InstancePool(4, config -> {
        FunctionInstance instance = new FunctionInstance("i" + started.size(), "token" + started.size(), config, "/aws/lambda/fn", "stream", null);
        started.add(instance);
        return instance;
    });

    @Test
    void anInvoke_takesTheIdleInstanceThatHasRunTheMost_notTheOneFreedLast() throws Exception {
        FunctionInstance first = run(pool.acquire(CONFIG, deadline()));
        pool.initialized(first);
        FunctionInstance second = run(pool.acquire(CONFIG, deadline()));
        pool.initialized(second);
        first.assign(invocation());
        first.assign(invocation());
        pool.release(first);
        pool.release(second);

        assertSame(first, pool.acquire(CONFIG, deadline()), "the instance with 3 invocations, though the other was freed last");
    }

    @Test
    void anInvokeFindingEveryInstanceBusy_waitsAMomentBeforeAnotherStarts() throws Exception {
        FunctionInstance busy = run(pool.acquire(CONFIG, deadline()));
        pool.initialized(busy);
        long before = System.nanoTime();
        FunctionInstance other = pool.acquire(CONFIG, deadline());
        long waitedMillis = (System.nanoTime() - before) / 1_000_000;

        assertEquals(2, started.size());
        assertTrue(other != busy);
        assertTrue(waitedMillis >= InstancePool.SCALE_UP_PATIENCE_MILLIS - 5, "started after " + waitedMillis + " ms");
    }

    @Test
    void whileOneInstanceIsInItsInitPhase_noOtherStarts_andAFreedInstanceServesTheWaitingInvoke() throws Exception {
        FunctionInstance warm = run(pool.acquire(CONFIG, deadline()));
        pool.initialized(warm);
        FunctionInstance starting = pool.acquire(CONFIG, deadline());
        Thread freer = new Thread(() -> {
            sleep(300);
            pool.release(warm);
        });
        freer.start();

        assertSame(warm, pool.acquire(CONFIG, deadline()), "the third invoke waits for the warm one, not a third start");
        assertEquals(2, started.size());
        freer.join();
        pool.release(starting);
    }

    @Test
    void aFarColderIdleInstance_isPassedOverForAWarmBusyOneThatComesFreeSoon() throws Exception {
        FunctionInstance warm = busyWarmInstanceBesideAnIdleColdOne();
        Thread freer = new Thread(() -> {
            sleep(10);
            pool.release(warm);
        });
        freer.start();

        assertSame(warm, pool.acquire(CONFIG, deadline()));
        freer.join();
    }

    @Test
    void aFarColderIdleInstance_isTakenWhenTheWarmOneStaysBusyPastItsPatience() throws Exception {
        FunctionInstance warm = busyWarmInstanceBesideAnIdleColdOne();
        long before = System.nanoTime();
        FunctionInstance taken = pool.acquire(CONFIG, deadline());
        long waitedMillis = (System.nanoTime() - before) / 1_000_000;

        assertTrue(taken != warm);
        assertEquals(2, started.size());
        assertTrue(waitedMillis >= InstancePool.COLDER_INSTANCE_PATIENCE_MILLIS - 5, "took the cold one after " + waitedMillis + " ms");
    }

    /** Instance 0 busy after 5 invocations, instance 1 idle after 1. */
    private FunctionInstance busyWarmInstanceBesideAnIdleColdOne() throws Exception {
        FunctionInstance warm = run(pool.acquire(CONFIG, deadline()));
        pool.initialized(warm);
        for (int i = 0; i < 4; i++) {
            warm.assign(invocation());
        }
        FunctionInstance cold = run(pool.acquire(CONFIG, deadline()));
        pool.initialized(cold);
        pool.release(cold);
        return warm;
    }

    private static FunctionInstance run(FunctionInstance instance) {
        instance.assign(invocation());
        return instance;
    }

    private static PendingInvocation invocation() {
        return new PendingInvocation("request", new byte[0], 3000);
    }

    private static long deadline() {
        return System.currentTimeMillis() + 5_000;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
