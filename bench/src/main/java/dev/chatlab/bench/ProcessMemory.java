package dev.chatlab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Resident memory of a process, from Linux's {@code /proc/<pid>/status} (VmRSS); empty elsewhere or when it ended. */
public final class ProcessMemory {

    private ProcessMemory() {
    }

    /** VmRSS of {@code pid} in kilobytes. */
    public static OptionalLong residentKilobytes(long pid) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try {
            return parseVmRss(Files.readString(status));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** The sum of VmRSS over the process's descendants (for localcloud: its functions' JVMs), in kilobytes. */
    public static OptionalLong descendantsResidentKilobytes(long pid) {
        return ProcessHandle.of(pid).map(process -> OptionalLong.of(process.descendants()
                .mapToLong(child -> residentKilobytes(child.pid()).orElse(0)).sum())).orElse(OptionalLong.empty());
    }

    static OptionalLong parseVmRss(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                return OptionalLong.of(Long.parseLong(parts[0]));
            }
        }
        return OptionalLong.empty();
    }

    /** "123 MB" or "n/a". */
    public static String format(OptionalLong kilobytes) {
        return kilobytes.isPresent() ? (kilobytes.getAsLong() / 1024) + " MB" : "n/a";
    }
}
