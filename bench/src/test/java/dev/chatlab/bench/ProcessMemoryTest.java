package dev.chatlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProcessMemoryTest {

    @Test
    void parseVmRss_readsKilobytesFromProcStatus() {
        String status = "Name:\tjava\nVmPeak:\t 9000000 kB\nVmRSS:\t  176432 kB\nRssAnon:\t  150000 kB\n";
        assertEquals(OptionalLong.of(176432), ProcessMemory.parseVmRss(status));
    }

    @Test
    void parseVmRss_ofAKernelThread_isEmpty() {
        assertEquals(OptionalLong.empty(), ProcessMemory.parseVmRss("Name:\tkthreadd\nState:\tS (sleeping)\n"));
    }

    @Test
    void format_saysNaWhenUnknown() {
        assertEquals("n/a", ProcessMemory.format(OptionalLong.empty()));
        assertEquals("172 MB", ProcessMemory.format(OptionalLong.of(176432)));
    }
}
