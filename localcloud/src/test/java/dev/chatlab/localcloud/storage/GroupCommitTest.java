package dev.chatlab.localcloud.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * A writer is answered only once a flush covered its write, and waits for it without holding its
 * thread: the leader of the flush answers it.
 */
class GroupCommitTest {

    private final GroupCommit commits = new GroupCommit();
    /** The number of the last write made; a flush covers every write made before it started. */
    private final AtomicLong written = new AtomicLong();

    private void write() {
        commits.noteWrite(written.incrementAndGet());
    }

    @Test
    void aThreadThatWroteNothing_isAnsweredAtOnce_withoutAFlush() {
        AtomicInteger flushes = new AtomicInteger();
        List<String> answers = new CopyOnWriteArrayList<>();

        commits.whenDurable(() -> {
            flushes.incrementAndGet();
            return written.get();
        }, () -> answers.add(Thread.currentThread().getName()), failure -> answers.add("failed"));

        assertEquals(List.of(Thread.currentThread().getName()), answers);
        assertEquals(0, flushes.get());
    }

    @Test
    void aWriterThatArrivesDuringAFlush_returnsAtOnce_andIsAnsweredByTheLeaderAfterItsOwnFlush() throws Exception {
        CountDownLatch firstFlushStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstFlush = new CountDownLatch(1);
        AtomicInteger flushes = new AtomicInteger();
        List<String> events = new CopyOnWriteArrayList<>();
        LongSupplier flush = () -> {
            long covered = written.get();
            if (flushes.incrementAndGet() == 1) {
                firstFlushStarted.countDown();
                await(releaseFirstFlush);
            }
            events.add("flush covering " + covered);
            return covered;
        };

        CompletableFuture<Void> leader = CompletableFuture.runAsync(() -> {
            write();
            commits.whenDurable(flush, () -> events.add("leader answered"), failure -> events.add("leader failed"));
        });
        assertTrue(firstFlushStarted.await(10, TimeUnit.SECONDS));

        CompletableFuture<String> follower = CompletableFuture.supplyAsync(() -> {
            write();
            String self = Thread.currentThread().getName();
            commits.whenDurable(flush, () -> events.add("follower answered on " + (Thread.currentThread().getName().equals(self) ? "its own thread" : "the leader's")),
                    failure -> events.add("follower failed"));
            return "returned";
        });
        // the follower's thread is free while the leader's flush still runs
        assertEquals("returned", follower.get(10, TimeUnit.SECONDS));
        assertEquals(List.of(), events);

        releaseFirstFlush.countDown();
        leader.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("flush covering 1", "leader answered", "flush covering 2", "follower answered on the leader's"), events);
    }

    @Test
    void aFailedFlush_failsEveryWaitingWriter_andAnswersNoneAsDurable() throws Exception {
        CountDownLatch flushStarted = new CountDownLatch(1);
        CountDownLatch releaseFlush = new CountDownLatch(1);
        List<String> events = new CopyOnWriteArrayList<>();
        LongSupplier brokenDisk = () -> {
            flushStarted.countDown();
            await(releaseFlush);
            throw new UncheckedIOException(new IOException("disk full"));
        };

        CompletableFuture<Void> leader = CompletableFuture.runAsync(() -> {
            write();
            commits.whenDurable(brokenDisk, () -> events.add("leader answered"), failure -> events.add("leader failed: " + failure.getCause().getMessage()));
        });
        assertTrue(flushStarted.await(10, TimeUnit.SECONDS));
        CompletableFuture.runAsync(() -> {
            write();
            commits.whenDurable(brokenDisk, () -> events.add("follower answered"), failure -> events.add("follower failed: " + failure.getCause().getMessage()));
        }).get(10, TimeUnit.SECONDS);
        releaseFlush.countDown();
        leader.get(10, TimeUnit.SECONDS);

        assertEquals(Set.of("leader failed: disk full", "follower failed: disk full"), Set.copyOf(events));
        assertEquals(2, events.size());
    }

    @Test
    void awaitDurable_blocksUntilAFlushCoversTheWrite_andThrowsWhenItFails() {
        AtomicInteger flushes = new AtomicInteger();
        write();
        commits.awaitDurable(() -> {
            flushes.incrementAndGet();
            return written.get();
        });
        assertEquals(1, flushes.get());

        write();
        UncheckedIOException lost = assertThrows(UncheckedIOException.class, () -> commits.awaitDurable(() -> {
            throw new UncheckedIOException(new IOException("disk gone"));
        }));
        assertEquals("disk gone", lost.getCause().getMessage());
    }

    @Test
    void anAnswerThatWaitsForTheDiskItself_isNotKeptWaitingByItsOwnLeader() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        LongSupplier flush = written::get;

        CompletableFuture.runAsync(() -> {
            write();
            commits.whenDurable(flush, () -> {
                write(); // the answer's own work writes again and waits for that write (as S3 does before it drops a body)
                commits.awaitDurable(flush);
                events.add("answered after its own wait");
            }, failure -> events.add("failed"));
        }).get(10, TimeUnit.SECONDS);

        assertEquals(List.of("answered after its own wait"), events);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the flush");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
