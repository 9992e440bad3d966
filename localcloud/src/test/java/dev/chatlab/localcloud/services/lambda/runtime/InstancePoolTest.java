package dev.chatlab.localcloud.services.lambda.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.localcloud.services.lambda.model.FunctionConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The pool's books and what it does with a choice, on a clock the test moves, without starting
 * JVMs: the pool's starter only makes the bookkeeping objects. Which instance to take is
 * {@link WarmFirstChoiceTest}'s subject.
 */
class InstancePoolTest {

    private static final FunctionConfig CONFIG = SpareInstancesTest.config("fn", "revision-1");
    private static final long MAX_WAIT = TimeUnit.SECONDS.toNanos(5);
    private static final long FIRST_REQUEST = TimeUnit.SECONDS.toNanos(3);

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final List<FunctionInstance> started = new ArrayList<>();
    private final List<Boolean> startedUnderTheLock = new ArrayList<>();
    private InstancePool pool = poolWith(new WarmFirstChoice());

    /**
     * A pool deciding with {@code choice}, except that a choice to wait fails the test: on a clock
     * that only the test moves, the wait would never end.
     */
    private InstancePool poolWith(InstanceChoice choice) {
        InstanceChoice neverWaiting = situation -> {
            InstanceChoice.Choice chosen = choice.choose(situation);
            if (chosen instanceof InstanceChoice.Choice.Wait) {
                throw new IllegalStateException("the invoke would wait: " + situation);
            }
            return chosen;
        };
        InstancePool[] self = new InstancePool[1];
        self[0] = new InstancePool(4, config -> {
            startedUnderTheLock.add(Thread.holdsLock(self[0]));
            FunctionInstance instance = new FunctionInstance("i" + started.size(), "token" + started.size(), config,
                    "/aws/lambda/" + config.functionName(), "stream", null);
            started.add(instance);
            return instance;
        }, neverWaiting, clock::get);
        return self[0];
    }

    @Test
    void aWarmIdleInstance_servesTheNextInvoke_noNewOneStarts() throws Exception {
        FunctionInstance first = coldStartThenFree(CONFIG, 800);

        assertSame(first, pool.acquire(CONFIG, MAX_WAIT));
        assertEquals(1, started.size());
    }

    @Test
    void anInvoke_takesTheIdleInstanceThatHasRunTheMost_notTheOneFreedLast() throws Exception {
        List<FunctionInstance> two = twoBusyInstances();
        FunctionInstance first = two.get(0);
        FunctionInstance second = two.get(1);
        pool.release(first);
        assertSame(first, pool.acquire(CONFIG, MAX_WAIT));
        pool.release(first);
        assertSame(first, pool.acquire(CONFIG, MAX_WAIT));
        pool.release(first);
        pool.release(second);

        assertSame(first, pool.acquire(CONFIG, MAX_WAIT), "the instance with 3 invocations, though the other was freed last");
    }

    @Test
    void anInstance_neverServesAnotherRevision_andIsStoppedWhenOneAsks() throws Exception {
        FunctionInstance old = coldStartThenFree(CONFIG, 800);
        FunctionConfig changed = SpareInstancesTest.config("fn", "revision-2");

        FunctionInstance current = pool.acquire(changed, MAX_WAIT);

        assertNotSame(old, current);
        assertTrue(old.isDead(), "the older revision's instance is stopped, not kept");
        assertTrue(current.runs(changed));
        assertEquals(1, pool.size());
    }

    @Test
    void anInstance_neverServesAnotherFunction_evenOfTheSameRevisionId() throws Exception {
        FunctionInstance mine = coldStartThenFree(CONFIG, 800);
        FunctionConfig other = SpareInstancesTest.config("other", "revision-1");

        assertNotSame(mine, pool.acquire(other, MAX_WAIT));
        assertFalse(mine.runs(other));
    }

    @Test
    void aPermissionChange_keepsTheInstances_asLambdaKeepsItsEnvironments() throws Exception {
        FunctionInstance instance = coldStartThenFree(CONFIG, 800);
        FunctionConfig permitted = CONFIG.withPolicy("{\"Statement\":[]}", "revision-2");

        assertSame(instance, pool.acquire(permitted, MAX_WAIT));
        assertFalse(instance.isDead());
    }

    @Test
    void anIdleInstance_endsAfterTheIdleTimeOut_notBefore() throws Exception {
        FunctionInstance instance = coldStartThenFree(CONFIG, 800);
        long idleTimeOut = TimeUnit.SECONDS.toNanos(300);

        clock.addAndGet(idleTimeOut);
        pool.reap(idleTimeOut);
        assertEquals(1, pool.size());
        assertFalse(instance.isDead());

        clock.addAndGet(1);
        pool.reap(idleTimeOut);
        assertEquals(0, pool.size());
        assertTrue(instance.isDead());
    }

    @Test
    void anInstanceThatRecordedItsArchive_endsAfterTheShorterIdleTime_theOthersAfterTheIdleTimeOut() throws Exception {
        List<FunctionInstance> two = twoBusyInstances();
        FunctionInstance recorder = two.get(0);
        FunctionInstance other = two.get(1);
        pool.release(recorder);
        pool.release(other);
        long idleTimeOut = TimeUnit.SECONDS.toNanos(300);
        long recorderIdle = TimeUnit.SECONDS.toNanos(30);

        clock.addAndGet(recorderIdle);
        pool.reap(idleTimeOut, recorderIdle, instance -> instance == recorder);
        assertFalse(recorder.isDead(), "idle for exactly the shorter time");
        clock.addAndGet(1);
        pool.reap(idleTimeOut, recorderIdle, instance -> instance == recorder);

        assertTrue(recorder.isDead());
        assertFalse(other.isDead());
        assertEquals(1, pool.size());
    }

    @Test
    void aBusyInstance_isNeverReaped_howeverLongItRuns() throws Exception {
        FunctionInstance busy = pool.acquire(CONFIG, MAX_WAIT);
        clock.addAndGet(TimeUnit.HOURS.toNanos(1));

        pool.reap(TimeUnit.SECONDS.toNanos(300));

        assertFalse(busy.isDead());
        assertEquals(1, pool.size());
    }

    @Test
    void theChoice_learnsTheObservedColdStartAndWarmInvoke_andTheInvokesQueuedAhead() throws Exception {
        List<InstanceChoice.Situation> seen = recordingPool();
        FunctionInstance instance = coldStartThenFree(CONFIG, 1_200);
        pool.acquire(CONFIG, MAX_WAIT);
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(20));
        pool.release(instance);

        pool.acquire(CONFIG, MAX_WAIT);

        InstanceChoice.Situation last = seen.get(seen.size() - 1);
        assertEquals(TimeUnit.MILLISECONDS.toNanos(1_200), last.coldStartNanos());
        assertEquals(TimeUnit.MILLISECONDS.toNanos(20), last.invokeNanos());
        assertEquals(0, last.waitersAhead());
        assertEquals(clock.get(), last.now());
    }

    @Test
    void theChoice_learnsTheRateOfTheLatestArrivals() throws Exception {
        List<InstanceChoice.Situation> seen = recordingPool();
        FunctionInstance instance = pool.acquire(CONFIG, MAX_WAIT);
        pool.initialized(instance);
        assertEquals(-1, seen.get(0).arrivalNanos(), "one arrival: no rate yet");
        clock.addAndGet(TimeUnit.SECONDS.toNanos(60));
        for (int i = 0; i < InstancePool.ARRIVALS_MEASURED; i++) {
            clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(5));
            pool.release(instance);
            pool.acquire(CONFIG, MAX_WAIT);
        }

        assertEquals(TimeUnit.MILLISECONDS.toNanos(5), seen.get(seen.size() - 1).arrivalNanos(),
                "the latest arrivals, 5 ms apart; the one a minute before is no longer counted");
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(75));
        pool.release(instance);
        pool.acquire(CONFIG, MAX_WAIT);
        assertEquals(TimeUnit.MILLISECONDS.toNanos(145) / 15, seen.get(seen.size() - 1).arrivalNanos(),
                "a gap of 80 ms: the latest 16 arrivals span 14 gaps of 5 ms and that one");
    }

    @Test
    void startingAnInstance_happensOutsideThePoolsLock() throws Exception {
        coldStartThenFree(CONFIG, 800);
        pool.acquire(SpareInstancesTest.config("other", "revision-1"), MAX_WAIT);

        assertEquals(List.of(false, false), startedUnderTheLock);
    }

    @Test
    void whileAnInstanceIsInItsInitPhase_theChoiceMayNotStartAnother() throws Exception {
        List<InstanceChoice.Situation> seen = new ArrayList<>();
        pool = poolWith(situation -> {
            seen.add(situation);
            if (seen.size() > 1) {
                throw new IllegalStateException("the second invoke's choice, seen");
            }
            return new InstanceChoice.Choice.Start();
        });
        FunctionInstance first = pool.acquire(CONFIG, MAX_WAIT);

        assertThrows(IllegalStateException.class, () -> pool.acquire(CONFIG, MAX_WAIT));
        assertFalse(seen.get(1).mayStart());
        assertEquals(List.of(), seen.get(1).idle());
        assertTrue(pool.initializing());
        pool.initialized(first);
        assertFalse(pool.initializing());
    }

    @Test
    void aColdStart_lastsThroughItsInit_andTheFirstSecondsOfItsFirstRequest_notItsWholeRequest() throws Exception {
        FunctionInstance first = pool.acquire(CONFIG, MAX_WAIT);
        assertTrue(pool.coldStarting(FIRST_REQUEST), "in its init phase");

        pool.initialized(first);
        clock.addAndGet(FIRST_REQUEST - 1);
        assertTrue(pool.coldStarting(FIRST_REQUEST), "in its first request");
        clock.addAndGet(1);
        assertFalse(pool.coldStarting(FIRST_REQUEST), "a first request this long is the function's own work");
    }

    @Test
    void aColdStart_endsWithItsFirstRequest_andAWarmInstancesNextRequestIsNone() throws Exception {
        FunctionInstance first = coldStartThenFree(CONFIG, 100);
        assertFalse(pool.coldStarting(FIRST_REQUEST), "its first request ended");

        assertSame(first, pool.acquire(CONFIG, MAX_WAIT));
        assertFalse(pool.coldStarting(FIRST_REQUEST), "a warm instance's next request");
    }

    /** Two instances of {@code CONFIG}, through their init phase, both busy. */
    private List<FunctionInstance> twoBusyInstances() throws Exception {
        pool = poolWith(startUnlessOneIsIdle());
        FunctionInstance first = pool.acquire(CONFIG, MAX_WAIT);
        pool.initialized(first);
        FunctionInstance second = pool.acquire(CONFIG, MAX_WAIT);
        pool.initialized(second);
        return List.of(first, second);
    }

    /** Makes the pool choose as {@link #startUnlessOneIsIdle()}; the list fills with the situations it chose on. */
    private List<InstanceChoice.Situation> recordingPool() {
        List<InstanceChoice.Situation> seen = new ArrayList<>();
        InstanceChoice startUnlessIdle = startUnlessOneIsIdle();
        pool = poolWith(situation -> {
            seen.add(situation);
            return startUnlessIdle.choose(situation);
        });
        return seen;
    }

    /** Lambda's choice without its patience: a busy function starts another instance at once. */
    private static InstanceChoice startUnlessOneIsIdle() {
        WarmFirstChoice warmFirst = new WarmFirstChoice();
        return situation -> situation.idle().isEmpty() ? new InstanceChoice.Choice.Start() : warmFirst.choose(situation);
    }

    /** A new instance of {@code config} that took {@code coldStartMillis} to its first answer, then freed. */
    private FunctionInstance coldStartThenFree(FunctionConfig config, long coldStartMillis) throws Exception {
        FunctionInstance instance = pool.acquire(config, MAX_WAIT);
        pool.initialized(instance);
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(coldStartMillis));
        pool.release(instance);
        return instance;
    }
}
