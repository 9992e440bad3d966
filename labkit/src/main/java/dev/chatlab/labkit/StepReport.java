package dev.chatlab.labkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine-readable result of one step's checks, which {@code lab check --all} gathers
 * into an instructor's table, JSON and JUnit XML.
 *
 * @param outcome "passed", "failed", "todo" (the exercise is not done) or "error" (the step could not run)
 */
public record StepReport(int step, String title, String target, String prefix, String outcome, String message,
                         List<CheckResult> results) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public void write(Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        JSON.writeValue(file.toFile(), this);
    }

    public static StepReport read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), StepReport.class);
    }
}
