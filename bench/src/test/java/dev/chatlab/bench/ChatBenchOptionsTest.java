package dev.chatlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ChatBenchOptionsTest {

    @Test
    void parse_theLabsPortOptions_areTakenAsByEveryCloudCommand() {
        ChatBench bench = new ChatBench();
        new CommandLine(bench).parseArgs("--endpoint", "http://localhost:4900", "--dns-port", "4953", "--clients", "3");
        assertEquals(4953, bench.dnsPort);
        assertEquals(3, bench.clients);
    }

    @Test
    void parse_memoryAfter_isOffUnlessAsked() {
        ChatBench bench = new ChatBench();
        new CommandLine(bench).parseArgs("--clients", "50");
        assertEquals(0, bench.memoryAfterSeconds);
        new CommandLine(bench).parseArgs("--clients", "50", "--memory-after", "330");
        assertEquals(330, bench.memoryAfterSeconds);
    }
}
