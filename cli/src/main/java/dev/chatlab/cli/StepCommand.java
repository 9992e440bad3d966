package dev.chatlab.cli;

import dev.chatlab.cli.classroom.ClassReporter;
import dev.chatlab.labkit.Text;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lab step N}: run your version of step N (it stops at a TODO you have not done). */
@Command(name = "step", mixinStandardHelpOptions = true, description = "Run your version of step N and check it.")
final class StepCommand extends LabCommand {

    @Parameters(index = "0", paramLabel = "N", description = "the step number, 1-9")
    int number;

    @Option(names = "--solution", description = "run the solution from solutions/ instead of your version")
    boolean solution;

    @Option(names = "--delete", description = "delete what the step built (step 9: its stack)")
    boolean delete;

    @Override
    public Integer call() {
        Optional<StepScript> step = findStep(number);
        if (step.isEmpty()) {
            return 2;
        }
        ensureCloud();
        if (delete) {
            // Taking back is the same for the student's version and the solution: no marks, no report to the class.
            return runScript(solution ? step.get().solution() : step.get().exercise(), List.of("--delete"));
        }
        if (solution) {
            return runStep(step.get(), true); // the class sees the student's own work, not the solution's
        }
        return ClassReporter.of(kit().stateDirectory(), console()).reporting(extra -> runStep(step.get(), false, extra));
    }
}
