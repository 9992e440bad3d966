package dev.chatlab.cli;

import dev.chatlab.labkit.HeadlessBrowser;
import dev.chatlab.labkit.Lab;
import dev.chatlab.labkit.Text;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lab up}: the whole lab in one command, for a demo or to catch up. Each step runs the
 * student's version when it has no TODO left, the solution otherwise, and says which.
 */
@Command(name = "up", mixinStandardHelpOptions = true, description = "Start the local cloud and run every step (your version when finished, else the solution).")
final class UpCommand extends LabCommand {

    @Option(names = "--to", description = "stop after this step (default: 8; --to 9 also deploys step 9's stack)")
    int lastStep = Kit.LAST_CORE_STEP;

    @Override
    public Integer call() {
        if (lastStep >= StepChecks.BROWSER_STEP) {
            // Chromium takes seconds to start: started now, it is ready when step 8's check opens its pages.
            HeadlessBrowser.startEarly(1);
        }
        ensureCloud();
        for (Path folder : kit().stepFolders()) {
            int number = Kit.stepNumber(folder);
            if (number > lastStep) {
                break;
            }
            Optional<StepScript> step = StepScript.of(kit(), folder);
            if (step.isEmpty()) {
                continue;
            }
            int exit = runStep(step.get());
            if (exit != 0) {
                console().failure(Text.of("Step %d did not pass (exit %d): fix it and run ./lab up again; finished steps are quick to redo.",
                        "%d단계가 통과하지 못했습니다 (종료 코드 %d): 고친 뒤 ./lab up 을 다시 실행하세요. 끝난 단계는 금방 다시 지나갑니다."), number, exit);
                return exit;
            }
        }
        printWhatToOpen();
        return 0;
    }

    private int runStep(StepScript step) {
        boolean solution = step.hasTodoLeft();
        if (solution) {
            console().info(Text.of("Step %d: your %s still has a TODO, so the solution runs (solutions/%s).",
                    "%d단계: %s에 TODO가 남아 있어 정답(solutions/%s)을 실행합니다."),
                    step.number(), kit().root().relativize(step.exercise()), kit().root().relativize(step.folder()));
        } else {
            console().info(Text.of("Step %d: running your version, %s.", "%d단계: 직접 완성한 버전(%s)을 실행합니다."),
                    step.number(), kit().root().relativize(step.exercise()));
        }
        return runStep(step, solution);
    }

    private void printWhatToOpen() {
        Lab lab = new Lab(settings(), console());
        console().heading(Text.of("Done. Open the chat's website:", "완료. 채팅 웹 사이트를 여세요:"));
        console().plain("    " + lab.websiteUrl(lab.names().siteBucket()));
        console().detail(Text.of("localcloud keeps running in the background: ./lab cloud stop ends it.",
                "localcloud 는 백그라운드에서 계속 실행됩니다: ./lab cloud stop 으로 멈춥니다.").in(settings().lang()));
    }
}
