package dev.chatlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** `--help` after any command prints that command's usage, as a student tries first. */
class HelpTest {

    @Test
    void everyCommandAndCloudSubcommand_answersHelp() {
        for (String[] command : new String[][] {{"up"}, {"step"}, {"check"}, {"cloud"}, {"cloud", "start"}, {"doctor"},
                {"chat"}, {"logs"}, {"teardown"}, {"exercises"}, {"class"}, {"class", "serve"}, {"class", "join"}, {"class", "leave"}, {"class", "export"}}) {
            String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--help";
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream saved = System.out;
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int exit;
            try {
                exit = LabCli.execute(args);
            } finally {
                System.setOut(saved);
            }
            String usage = out.toString(StandardCharsets.UTF_8);
            assertEquals(0, exit, String.join(" ", args) + ": " + usage);
            assertTrue(usage.contains("Usage: lab " + String.join(" ", command)), usage);
        }
    }
}
