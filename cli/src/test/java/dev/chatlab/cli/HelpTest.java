package dev.chatlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** `--help` after any command prints that command's usage, as a student tries first. */
class HelpTest {

    @Test
    void everyCommandAndCloudSubcommand_answersHelp() {
        for (String[] command : new String[][] {{"up"}, {"step"}, {"check"}, {"cloud"}, {"cloud", "start"}, {"doctor"},
                {"chat"}, {"logs"}, {"teardown"}, {"exercises"}, {"class"}, {"class", "serve"}, {"class", "join"}, {"class", "leave"}, {"class", "export"}, {"verify"}}) {
            String[] args = Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--help";
            LabRun run = LabRun.of(args);
            String usage = run.output();
            assertEquals(0, run.exit(), String.join(" ", args) + ": " + usage);
            assertTrue(usage.contains("Usage: lab " + String.join(" ", command)), usage);
        }
    }
}
