package dev.chatlab.localcloud.services.lambda.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.localcloud.services.lambda.model.FunctionConfig;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Which cold start a JVM started ahead may serve, without starting JVMs: the spares hold stand-in processes. */
class SpareInstancesTest {

    private final AtomicLong clock = new AtomicLong();
    private final SpareInstances spares = new SpareInstances(clock::get);

    @Test
    void aSpare_servesOnlyTheFunctionAndRevisionItWasStartedFor_andOnlyOnce() {
        StandInProcess jvm = new StandInProcess();
        spares.add(spare("connect", "revision-1", jvm));

        assertTrue(spares.take(config("send-message", "revision-1")).isEmpty(), "another function");
        assertTrue(spares.take(config("connect", "revision-2")).isEmpty(), "another revision of the same function");
        Optional<SpareInstances.Spare> taken = spares.take(config("connect", "revision-1"));
        assertSame(jvm, taken.orElseThrow().process());
        assertTrue(spares.take(config("connect", "revision-1")).isEmpty(), "a spare becomes one instance, never two");
        assertTrue(jvm.alive, "the instance it became runs on");
    }

    @Test
    void aNewRevisionsSpare_stopsTheReplacedRevisionsJvm() {
        StandInProcess old = new StandInProcess();
        StandInProcess current = new StandInProcess();
        spares.add(spare("connect", "revision-1", old));
        spares.add(spare("connect", "revision-2", current));

        assertFalse(old.alive);
        assertTrue(spares.take(config("connect", "revision-1")).isEmpty());
        assertSame(current, spares.take(config("connect", "revision-2")).orElseThrow().process());
    }

    @Test
    void aSpareOfAReplacedRevision_isStoppedWhenTheNewRevisionNeedsNone() {
        StandInProcess old = new StandInProcess();
        spares.add(spare("connect", "revision-1", old));

        spares.retainOnly(config("connect", "revision-2"));

        assertFalse(old.alive);
        assertFalse(spares.has(config("connect", "revision-1")));
    }

    @Test
    void aSpareWhoseJvmEnded_isNeverHandedOut() {
        StandInProcess ended = new StandInProcess();
        spares.add(spare("connect", "revision-1", ended));
        ended.alive = false;

        assertFalse(spares.has(config("connect", "revision-1")));
        assertTrue(spares.take(config("connect", "revision-1")).isEmpty());
        assertTrue(spares.pidOf("connect").isEmpty());
    }

    @Test
    void deletingAFunction_stopsItsSpare_andLeavesTheOthers() {
        StandInProcess deleted = new StandInProcess();
        StandInProcess other = new StandInProcess();
        spares.add(spare("connect", "revision-1", deleted));
        spares.add(spare("send-message", "revision-1", other));

        spares.discard("connect");

        assertFalse(deleted.alive);
        assertTrue(other.alive);
        assertEquals(Optional.of(other.pid()), spares.pidOf("send-message"));
    }

    @Test
    void aSpareUnusedForTheIdleTimeOut_isStopped_andItsFunctionNamed() {
        StandInProcess early = new StandInProcess();
        StandInProcess later = new StandInProcess();
        spares.add(spare("connect", "revision-1", early));
        clock.addAndGet(100);
        spares.add(spare("send-message", "revision-1", later));

        assertEquals(List.of(), spares.discardUnusedFor(100));
        clock.addAndGet(1);
        assertEquals(List.of("connect"), spares.discardUnusedFor(100));

        assertFalse(early.alive);
        assertTrue(later.alive);
        assertFalse(spares.has(config("connect", "revision-1")));
    }

    @Test
    void aSpareWaitingForItsEnvironment_isTakenOnceToBeInitializedAhead_andAStoppedOneOnlyIfStillASpare() {
        StandInProcess jvm = new StandInProcess();
        SpareInstances.Spare waiting = spare("connect", "revision-1", jvm);
        spares.add(waiting);

        assertTrue(spares.waitsForEnvironment(config("connect", "revision-1")));
        assertFalse(spares.waitsForEnvironment(config("connect", "revision-2")), "another revision's");
        assertSame(waiting, spares.takeWaitingForEnvironment(config("connect", "revision-1")).orElseThrow());
        assertTrue(spares.takeWaitingForEnvironment(config("connect", "revision-1")).isEmpty(), "taken once");
        assertFalse(spares.discard(waiting), "a spare a cold start took is the cold start's to stop");
        assertTrue(jvm.alive);

        spares.add(waiting);
        assertTrue(spares.discard(waiting));
        assertFalse(jvm.alive);
    }

    private static SpareInstances.Spare spare(String function, String revision, Process process) {
        return new SpareInstances.Spare(config(function, revision), "id-" + function, "stream-" + function, Path.of("code", function), process);
    }

    /** The function as deployed in {@code revision}: each revision has its own code. */
    static FunctionConfig config(String function, String revision) {
        return new FunctionConfig(function, "arn:aws:lambda:ap-northeast-2:000000000000:function:" + function, "ap-northeast-2", "java21",
                "arn:aws:iam::000000000000:role/r", "fn.Echo", "", 3, 256, Map.of(), "sha-" + revision, "key-" + revision, 1,
                "2026-11-25T00:00:00.000+0000", revision, 0, true, Map.of(), null);
    }

    /** A process that is only what the spares look at: alive until destroyed. */
    private static final class StandInProcess extends Process {
        private static long nextPid = 1000;
        private final long pid = nextPid++;
        boolean alive = true;

        @Override
        public long pid() {
            return pid;
        }

        @Override
        public boolean isAlive() {
            return alive;
        }

        @Override
        public Process destroyForcibly() {
            alive = false;
            return this;
        }

        @Override
        public void destroy() {
            alive = false;
        }

        @Override
        public OutputStream getOutputStream() {
            return OutputStream.nullOutputStream();
        }

        @Override
        public InputStream getInputStream() {
            return new ByteArrayInputStream(new byte[0]);
        }

        @Override
        public InputStream getErrorStream() {
            return new ByteArrayInputStream(new byte[0]);
        }

        @Override
        public int waitFor() {
            return 0;
        }

        @Override
        public int exitValue() {
            return 0;
        }
    }
}
