package dev.chatlab.localcloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.localcloud.config.LocalCloudConfig;
import dev.chatlab.localcloud.config.Timing;
import dev.chatlab.localcloud.testing.TestCloud;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --timing aws|fast}: AWS-like by default, each window short enough to keep ./lab up fast. */
class TimingTest {

    private static Main parsed(String... args) {
        Main main = new Main();
        new CommandLine(main).parseArgs(args);
        return main;
    }

    @Test
    void localcloud_takesAwsTimingByDefault_andFastWhenTold() {
        assertEquals(Timing.AWS, parsed().timing);
        assertEquals(Timing.FAST, parsed("--timing", "fast").timing);
        assertEquals(Timing.AWS, parsed("--timing", "AWS").timing);
    }

    @Test
    void anUnknownTiming_isAUsageErrorNamingBoth() {
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class, () -> parsed("--timing", "slow"));
        assertTrue(e.getMessage().contains("unknown timing 'slow': use aws (AWS-like waits, the default) or fast"), e.getMessage());
    }

    @Test
    void awsTiming_hasAWindowForEveryChange_noneLongerThanTwoSeconds() {
        Timing aws = Timing.AWS;
        for (Duration window : List.of(aws.tableCreating(), aws.tableUpdating(), aws.tableDeleting(), aws.functionPending(),
                aws.functionUpdating(), aws.rolePropagation(), aws.changePropagation(), aws.staleReads(), aws.deploymentPending())) {
            assertTrue(window.compareTo(Duration.ZERO) > 0 && window.compareTo(Duration.ofSeconds(2)) <= 0, window.toString());
        }
    }

    @Test
    void awsTiming_eventuallyConsistentReadsLagAFewHundredMilliseconds_fastNone() {
        assertTrue(Timing.AWS.staleReads().compareTo(Duration.ofMillis(500)) <= 0, Timing.AWS.staleReads().toString());
        assertEquals(Duration.ZERO, Timing.FAST.staleReads());
    }

    @Test
    void stackOperations_answerAtOnceUnderTheAwsTiming_onceDoneUnderTheFastOne() {
        assertEquals(Duration.ZERO, Timing.AWS.stackOperationPatience());
        assertEquals(Duration.ZERO, TestCloud.STRETCHED_AWS_TIMING.stackOperationPatience());
        assertTrue(Timing.FAST.stackOperationPatience().compareTo(Duration.ofSeconds(30)) < 0,
                "shorter than an SDK's read time-out: " + Timing.FAST.stackOperationPatience());
        assertTrue(Timing.FAST.stackOperationPatience().compareTo(Duration.ofSeconds(1)) >= 0, Timing.FAST.stackOperationPatience().toString());
    }

    @Test
    void testsStartTheFastTiming() {
        assertEquals(Timing.FAST, LocalCloudConfig.forTests().timing());
    }
}
