package dev.chatlab.labkit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A step run and checked as {@code ./lab step} runs it, on a lab whose cloud nobody answers
 * (the step under test makes no call of its own), with what it printed, in English.
 *
 * @param report what the step reported
 * @param output what a student would have read on the console
 */
record StepRun(StepReport report, String output) {

    static StepRun of(Path state, LabStep step) {
        return of(state, step, false);
    }

    /** With {@code delete}: as {@code ./lab step N --delete} runs it. */
    static StepRun of(Path state, LabStep step, boolean delete) {
        LabOptions options = new LabOptions();
        options.lang = "en";
        options.prefix = "step-run-test";
        options.endpoint = "http://localhost:9";
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        StepReport report;
        try (Lab lab = new Lab(LabSettings.resolve(options, state, state.resolve(".lab")),
                new Console(new PrintStream(printed, true, StandardCharsets.UTF_8), false, Lang.EN))) {
            StepRunner runner = new StepRunner(step);
            runner.delete = delete;
            report = runner.runAndCheck(lab);
        }
        return new StepRun(report, printed.toString(StandardCharsets.UTF_8));
    }
}
