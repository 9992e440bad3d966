package dev.chatlab.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** One {@code lab} command run in this JVM, as a user sees it: its exit code and what it printed (stdout and stderr). */
public record LabRun(int exit, String output) {

    public static LabRun of(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        int exit;
        try {
            exit = LabCli.execute(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return new LabRun(exit, printed.toString(StandardCharsets.UTF_8));
    }

    /** The printed lines that are not blank. */
    public List<String> lines() {
        return Arrays.stream(output.split("\n")).filter(line -> !line.isBlank()).toList();
    }

    /** The first line that fails (✘), or "" when none does. */
    public String firstFailure() {
        return lines().stream().filter(line -> line.strip().startsWith("✘")).findFirst().orElse("");
    }
}
