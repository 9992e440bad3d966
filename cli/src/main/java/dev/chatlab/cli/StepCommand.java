package dev.chatlab.cli;

import dev.chatlab.labkit.Text;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lab step N}: run your version of step N (it stops at a TODO you have not done). */
@Command(name = "step", mixinStandardHelpOptions = true, description = "Run your version of step N and check it.")
final class StepCommand extends LabCommand {

    @Parameters(index = "0", paramLabel = "N", description = "the step number, 1-8")
    int number;

    @Option(names = "--solution", description = "run the solution from solutions/ instead of your version")
    boolean solution;

    @Override
    public Integer call() {
        Optional<StepScript> step = StepScript.of(kit(), number);
        if (step.isEmpty()) {
            console().failure(Text.of("There is no step %d in this kit.", "이 실습에는 %d단계가 없습니다."), number);
            return 2;
        }
        ensureCloud();
        return runScript(solution ? step.get().solution() : step.get().exercise(), List.of());
    }
}
