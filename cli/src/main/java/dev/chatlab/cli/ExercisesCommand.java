package dev.chatlab.cli;

import dev.chatlab.labkit.Text;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lab exercises}: regenerate the step folders' exercises from solutions/ (for the kit's authors). */
@Command(name = "exercises", mixinStandardHelpOptions = true, description = "Regenerate the exercises in the step folders from solutions/ (or --check that they agree).")
final class ExercisesCommand extends LabCommand {

    @Option(names = "--check", description = "change nothing; fail when an exercise differs from what its solution implies")
    boolean check;

    @Override
    public Integer call() {
        if (check) {
            List<Path> drifted = ExerciseGenerator.drifted(kit());
            drifted.forEach(path -> console().failure(Text.of("%s differs from its solution", "정답과 다른 파일: %s"), kit().root().relativize(path)));
            if (drifted.isEmpty()) {
                console().success(Text.of("every exercise agrees with its solution", "모든 연습 파일이 정답과 일치합니다"));
            }
            return drifted.isEmpty() ? 0 : 1;
        }
        int changed = ExerciseGenerator.writeAll(kit());
        console().success(Text.of("%d exercise file(s) written", "연습 파일 %d개를 썼습니다"), changed);
        return 0;
    }
}
