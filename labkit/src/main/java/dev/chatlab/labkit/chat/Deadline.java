package dev.chatlab.labkit.chat;

import java.time.Duration;

/** A moment by which several waits together must be over: each gets what the ones before it left. */
record Deadline(long nanos) {

    static Deadline in(Duration patience) {
        return new Deadline(System.nanoTime() + patience.toNanos());
    }

    /** The time left, never negative (a wait of zero still looks once). */
    Duration left() {
        return Duration.ofNanos(Math.max(0, nanos - System.nanoTime()));
    }

    /** Waits {@code pause} when that much time is left, for a retry; false (at once) when it is not. */
    boolean pause(Duration pause) throws InterruptedException {
        if (left().compareTo(pause) < 0) {
            return false;
        }
        Thread.sleep(pause.toMillis());
        return true;
    }
}
