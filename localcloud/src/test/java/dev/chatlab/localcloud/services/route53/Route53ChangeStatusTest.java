package dev.chatlab.localcloud.services.route53;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chatlab.localcloud.services.route53.model.ChangeInfo;
import dev.chatlab.localcloud.storage.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * GetChange's PENDING-then-INSYNC, with a propagation delay and a clock the test moves
 * (the running cloud uses no delay, so that the SDK's 30-second waiter returns at once).
 */
class Route53ChangeStatusTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-25T12:00:00Z"));
    private final Storage storage = Storage.inMemory();
    private final Route53Service service = new Route53Service(storage, clock, Duration.ofSeconds(2));

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void getChange_isPendingUntilThePropagationDelayHasPassedThenInsync() {
        ChangeInfo submitted = service.createHostedZone("status.test", "ref-status", null, false, null).change();
        assertEquals(ChangeInfo.Status.PENDING, submitted.status());

        assertEquals(ChangeInfo.Status.PENDING, service.getChange(submitted.id()).status());
        clock.advance(Duration.ofMillis(1999));
        assertEquals(ChangeInfo.Status.PENDING, service.getChange(submitted.id()).status());
        clock.advance(Duration.ofMillis(1));
        assertEquals(ChangeInfo.Status.INSYNC, service.getChange(submitted.id()).status());
        assertEquals(Instant.parse("2026-11-25T12:00:00Z"), service.getChange(submitted.id()).submittedAt());
    }

    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
