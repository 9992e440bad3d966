package dev.chatlab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatlab.labkit.Lang;
import dev.chatlab.labkit.Text;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lab hint N}: the next hint for the first unfinished TODO of step N, one rung at a
 * time: what it is about and where the guide explains it, then the API calls to look up,
 * then the solution's shape with its values blanked out. How far each TODO's hints went is
 * kept in {@code .lab/hints.json}; {@code --solution} shows the solution of that TODO alone,
 * as the last resort.
 */
@Command(name = "hint", mixinStandardHelpOptions = true, description = "Show the next hint for the first unfinished TODO of step N.")
final class HintCommand extends LabCommand {

    static final int LAST_RUNG = 3;

    @Parameters(index = "0", paramLabel = "N", description = "the step number")
    int number;

    @Option(names = "--solution", description = "show the solution of this TODO (the last resort)")
    boolean solution;

    @Override
    public Integer call() {
        Optional<StepScript> step = findStep(number);
        if (step.isEmpty()) {
            return 2;
        }
        Path solutionFolder = step.get().solution().getParent();
        List<TodoRegions.Region> regions = TodoRegions.of(solutionFolder);
        Optional<TodoRegions.Region> current = TodoRegions.firstUnfinished(regions, step.get().folder());
        if (current.isEmpty()) {
            console().info(Text.of("Every TODO of step %d is done: run ./lab step %d.", "%d단계의 TODO 를 모두 했습니다: ./lab step %d 를 실행하세요."),
                    number, number);
            return 0;
        }
        TodoRegions.Region region = current.get();
        console().heading(Text.of("Step %d, %s: %s", "%d단계, %s: %s"), number, region.file(), ExerciseGenerator.firstSentence(region.task(settings().lang())));
        if (solution) {
            console().info(Text.of("The solution of this TODO (solutions/%s/%s):", "이 TODO 의 정답 (solutions/%s/%s):"),
                    step.get().folder().getFileName(), region.file());
            region.solution().forEach(console()::plain);
            return 0;
        }
        ObjectNode ladder = ladder();
        int rung = Math.min(ladder.path("step" + number).path(region.key()).asInt(0) + 1, LAST_RUNG + 1);
        switch (rung) {
            case 1 -> {
                console().info(Text.of("Hint 1 of 3, the idea: %s", "힌트 1/3, 개념: %s"), region.task(settings().lang()));
                String guide = settings().lang() == Lang.KO ? "README.ko.md" : "README.md";
                console().detail(Text.of("The guide explains it: %s", "가이드가 설명합니다: %s")
                        .format(settings().lang(), kit().root().relativize(step.get().folder().resolve(guide))));
            }
            case 2 -> {
                console().info(Text.of("Hint 2 of 3, the API: the solution calls these methods (and writes these JSON keys), in this order:",
                        "힌트 2/3, API: 정답은 이 메서드를 부르고 이 JSON 키를 씁니다. 순서대로:"));
                console().plain("    " + String.join(", ", region.calls()));
                console().detail(Text.of("Look each up in the AWS SDK for Java v2 reference (the request's builder has a method per field).",
                        "각각을 AWS SDK for Java v2 레퍼런스에서 찾아보세요 (요청의 빌더에 필드마다 메서드가 있습니다).").in(settings().lang()));
            }
            case 3 -> {
                console().info(Text.of("Hint 3 of 3, the shape: the solution with its values blanked out (…):",
                        "힌트 3/3, 모양: 값을 지운(…) 정답:"));
                region.skeleton().forEach(console()::plain);
            }
            default -> console().info(Text.of("No more hints for this TODO. The last resort: ./lab hint %d --solution",
                    "이 TODO 의 힌트는 여기까지입니다. 마지막 수단: ./lab hint %d --solution"), number);
        }
        remember(ladder, region, Math.min(rung, LAST_RUNG));
        return 0;
    }

    private Path ladderFile() {
        return kit().stateDirectory().resolve("hints.json");
    }

    private ObjectNode ladder() {
        try {
            return Files.exists(ladderFile()) ? (ObjectNode) new ObjectMapper().readTree(ladderFile().toFile())
                    : new ObjectMapper().createObjectNode();
        } catch (IOException | ClassCastException e) {
            return new ObjectMapper().createObjectNode(); // an unreadable ladder starts again at the first hint
        }
    }

    private void remember(ObjectNode ladder, TodoRegions.Region region, int rung) {
        ObjectNode step = ladder.has("step" + number) ? (ObjectNode) ladder.get("step" + number) : ladder.putObject("step" + number);
        step.put(region.key(), rung);
        try {
            Files.createDirectories(ladderFile().getParent());
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(ladderFile().toFile(), ladder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remember the hints in " + ladderFile() + ": " + e.getMessage(), e);
        }
    }
}
