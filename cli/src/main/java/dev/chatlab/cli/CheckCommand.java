package dev.chatlab.cli;

import dev.chatlab.labkit.CheckResult;
import dev.chatlab.labkit.StepReport;
import dev.chatlab.labkit.Text;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lab check N} verifies one step of the cloud it points at, changing nothing;
 * {@code lab check --all} verifies all of them and can write the results for grading.
 */
@Command(name = "check", mixinStandardHelpOptions = true, description = "Check step N (or --all) of the cloud the options point at; changes nothing.")
final class CheckCommand extends LabCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "N", description = "the step number, 1-8")
    Integer number;

    @Option(names = "--all", description = "check every step")
    boolean all;

    @Option(names = "--json", description = "with --all: write every step's results to this JSON file")
    Path json;

    @Option(names = "--junit", description = "with --all: write the results as JUnit XML (one test case per check)")
    Path junit;

    @Override
    public Integer call() throws IOException {
        if (!all && number == null) {
            console().failure(Text.of("Say which step: ./lab check N, or ./lab check --all", "확인할 단계를 정하세요: ./lab check N 또는 ./lab check --all"));
            return 2;
        }
        ensureCloud();
        if (!all) {
            Optional<StepScript> step = findStep(number);
            if (step.isEmpty()) {
                return 2;
            }
            return runScript(step.get().exercise(), List.of("--check-only"));
        }
        return checkAll();
    }

    private int checkAll() throws IOException {
        Path reports = Files.createTempDirectory("lab-check");
        List<StepReport> results = new ArrayList<>();
        for (Path folder : kit().stepFolders()) {
            Optional<StepScript> step = StepScript.of(kit(), folder);
            if (step.isEmpty()) {
                continue;
            }
            Path report = reports.resolve("step" + step.get().number() + ".json");
            // The solution's checks: a student's unfinished exercise must not stop the grading of their cloud.
            runScript(step.get().solution(), List.of("--check-only", "--report-json", report.toString()));
            results.add(Files.exists(report) ? StepReport.read(report)
                    : new StepReport(step.get().number(), folder.getFileName().toString(), settings().target().id(),
                            settings().prefix(), "error", "the check did not run (see its output above)", List.of()));
        }
        new GradeReport(results).print(console());
        if (json != null) {
            new GradeReport(results).writeJson(json);
        }
        if (junit != null) {
            new GradeReport(results).writeJUnit(junit);
        }
        boolean allPassed = results.stream().allMatch(r -> r.outcome().equals("passed"));
        deleteQuietly(reports);
        return allPassed ? 0 : 1;
    }

    private static void deleteQuietly(Path directory) {
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long count(StepReport report, CheckResult.Status status) {
        return report.results().stream().filter(r -> r.status() == status).count();
    }
}
