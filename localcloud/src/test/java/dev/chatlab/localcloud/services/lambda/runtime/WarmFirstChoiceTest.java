package dev.chatlab.localcloud.services.lambda.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Which instance an invoke gets, decided on made-up situations: no pool, no JVM, no clock that
 * runs. Times are milliseconds after an invoke arrived at 0.
 */
class WarmFirstChoiceTest {

    private static final long COLD_START = ms(1_500);
    private static final long WARM_INVOKE = ms(10);

    private final WarmFirstChoice choice = new WarmFirstChoice();

    @Test
    void anIdleInstance_isTaken_theWarmestOne() {
        PooledInstance cold = instance(1, 0);
        PooledInstance warm = instance(40, 0);

        InstanceChoice.Choice chosen = choice.choose(situation(List.of(cold, warm), List.of(), true, 0, 0));

        assertSame(warm, ((InstanceChoice.Choice.Take) chosen).instance());
    }

    @Test
    void aFunctionWithNoInstance_startsOne() {
        assertInstanceOf(InstanceChoice.Choice.Start.class, choice.choose(situation(List.of(), List.of(), true, 0, 0)));
    }

    @Test
    void aWarmBusyInstance_thatWouldServeTheQueueSoonerThanAColdStart_isQueuedFor() {
        PooledInstance busy = busySince(500, 0);

        InstanceChoice.Choice chosen = choice.choose(situation(List.of(), List.of(busy), true, 9, 5));

        assertInstanceOf(InstanceChoice.Choice.Wait.class, chosen, "9 invokes of 10 ms ahead end long before a 1.5 s cold start");
    }

    @Test
    void aQueueLongerThanAColdStart_startsANewInstance_asLambdaScalesOnDemand() {
        PooledInstance busy = busySince(500, 0);

        InstanceChoice.Choice chosen = choice.choose(situation(List.of(), List.of(busy), true, 200, 5));

        assertInstanceOf(InstanceChoice.Choice.Start.class, chosen, "200 invokes of 10 ms ahead: 2 s, more than a cold start");
    }

    @Test
    void aSteadyRateAboveWhatTheBusyInstanceServes_startsANewInstance_longBeforeTheWaitPassesAColdStart() {
        PooledInstance busy = busySince(500, 0);

        assertInstanceOf(InstanceChoice.Choice.Wait.class, choice.choose(arriving(-1, List.of(busy), 3, 5)),
                "35 ms of queue, no rate known: shorter than a cold start");
        assertInstanceOf(InstanceChoice.Choice.Start.class, choice.choose(arriving(7_000, List.of(busy), 3, 5)),
                "an invoke every 7 ms for one instance serving one per 10 ms: the queue grows 0.43 ms a ms,"
                        + " 640 ms more by the time a new instance is up");
    }

    @Test
    void aRateJustAboveWhatTheBusyInstanceServes_startsANewInstance_onceTheQueuePassesTheBudget() {
        PooledInstance busy = busySince(500, 0);

        assertInstanceOf(InstanceChoice.Choice.Wait.class, choice.choose(arriving(9_900, List.of(busy), 2, 5)),
                "25 ms of queue, growing 15 ms over a cold start: within 100 ms");
        assertInstanceOf(InstanceChoice.Choice.Start.class, choice.choose(arriving(9_900, List.of(busy), 9, 5)),
                "95 ms of queue, growing 15 ms over a cold start: past 100 ms");
    }

    @Test
    void aQueueTheBusyInstancesKeepUpWith_isWaitedFor_pastTheBudget() {
        List<PooledInstance> two = List.of(busySince(500, 0), busySince(500, 0));

        assertInstanceOf(InstanceChoice.Choice.Wait.class, choice.choose(arriving(7_000, two, 20, 5)),
                "105 ms of queue, but two instances serve an invoke every 5 ms and they arrive every 7 ms: it shrinks");
        assertInstanceOf(InstanceChoice.Choice.Wait.class, choice.choose(arriving(50_000, two.subList(0, 1), 15, 5)),
                "a burst of 155 ms on one instance, arrivals 50 ms apart: it clears before a cold start would");
        assertInstanceOf(InstanceChoice.Choice.Start.class, choice.choose(arriving(7_000, two.subList(0, 1), 20, 5)),
                "the same rate on one instance: it grows");
    }

    @Test
    void aBusyInstanceFarPastItsUsualDuration_isNotWaitedForLonger_thanAColdStart() {
        PooledInstance stuck = busySince(500, 0);

        assertInstanceOf(InstanceChoice.Choice.Wait.class, choice.choose(situation(List.of(), List.of(stuck), true, 0, 900)));
        assertInstanceOf(InstanceChoice.Choice.Start.class, choice.choose(situation(List.of(), List.of(stuck), true, 0, 1_600)),
                "an invoke running 1.6 s is expected to take as long again");
    }

    @Test
    void theQueue_isSpreadOverTheBusyInstances() {
        List<PooledInstance> three = List.of(busySince(500, 0), busySince(500, 0), busySince(500, 0));

        assertInstanceOf(InstanceChoice.Choice.Wait.class, choice.choose(situation(List.of(), three, true, 300, 0)),
                "300 invokes ahead on three instances: 1 s");
        assertInstanceOf(InstanceChoice.Choice.Start.class, choice.choose(situation(List.of(), three.subList(0, 1), true, 300, 0)),
                "300 invokes ahead on one instance: 3 s");
    }

    @Test
    void beforeAnyDurationIsKnown_aBusyInstanceGetsAMomentsPatience_thenANewOneStarts() {
        PooledInstance first = instance(1, 0);
        InstanceChoice.Situation early = new InstanceChoice.Situation(List.of(), List.of(first), true, 0, 0, -1, -1, -1, ms(50));
        InstanceChoice.Situation later = new InstanceChoice.Situation(List.of(), List.of(first), true, 0, 0, -1, -1, -1, ms(100));

        assertEquals(new InstanceChoice.Choice.Wait(WarmFirstChoice.SCALE_UP_PATIENCE_NANOS), choice.choose(early));
        assertInstanceOf(InstanceChoice.Choice.Start.class, choice.choose(later));
    }

    @Test
    void whenNoInstanceMayStart_theInvokeWaits_howeverLongTheQueue() {
        PooledInstance busy = busySince(500, 0);

        assertInstanceOf(InstanceChoice.Choice.Wait.class, choice.choose(situation(List.of(), List.of(busy), false, 1_000, 5_000)));
    }

    @Test
    void aFarColderIdleInstance_isPassedOverForAMoment_whileAMuchWarmerOneIsBusy() {
        PooledInstance cold = instance(1, 0);
        PooledInstance warm = busySince(5, 0);

        assertEquals(new InstanceChoice.Choice.Wait(WarmFirstChoice.COLDER_INSTANCE_PATIENCE_NANOS),
                choice.choose(situation(List.of(cold), List.of(warm), true, 0, 10)));
        assertSame(cold, ((InstanceChoice.Choice.Take) choice.choose(situation(List.of(cold), List.of(warm), true, 0, 25))).instance());
    }

    private static InstanceChoice.Situation situation(List<PooledInstance> idle, List<PooledInstance> busy, boolean mayStart,
                                                      int waitersAhead, long nowMillis) {
        return new InstanceChoice.Situation(idle, busy, mayStart, 0, waitersAhead, COLD_START, WARM_INVOKE, -1, ms(nowMillis));
    }

    /** Every instance busy, invokes arriving {@code arrivalMicros} apart (-1: not known yet). */
    private static InstanceChoice.Situation arriving(long arrivalMicros, List<PooledInstance> busy, int waitersAhead, long nowMillis) {
        long arrival = arrivalMicros < 0 ? -1 : TimeUnit.MICROSECONDS.toNanos(arrivalMicros);
        return new InstanceChoice.Situation(List.of(), busy, true, 0, waitersAhead, COLD_START, WARM_INVOKE, arrival, ms(nowMillis));
    }

    /** An instance that has run {@code invocations}, the last one taken at {@code sinceMillis}. */
    private static PooledInstance busySince(int invocations, long sinceMillis) {
        return instance(invocations, sinceMillis);
    }

    private static PooledInstance instance(int invocations, long sinceMillis) {
        FunctionInstance instance = new FunctionInstance("i", "token", SpareInstancesTest.config("fn", "revision-1"), "/aws/lambda/fn", "stream", null);
        PooledInstance pooled = new PooledInstance(instance, ms(-10_000));
        for (int i = 0; i < invocations; i++) {
            pooled.taken(ms(sinceMillis));
        }
        return pooled;
    }

    private static long ms(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
