package dev.chatlab.cli;

import dev.chatlab.cli.classroom.ClassReporter;
import dev.chatlab.labkit.CheckResult;
import dev.chatlab.labkit.StepReport;
import dev.chatlab.labkit.StepRunner;
import dev.chatlab.labkit.Text;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lab check N} verifies one step of the cloud it points at, changing nothing;
 * {@code lab check --all} verifies all of them and can write the results for grading. Both run
 * the steps' checks in this JVM (see {@link StepChecks}): a check costs its calls to the cloud.
 */
@Command(name = "check", mixinStandardHelpOptions = true, description = "Check step N (or --all) of the cloud the options point at; changes nothing.")
final class CheckCommand extends LabCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "N", description = "the step number, 1-9")
    Integer number;

    @Option(names = "--all", description = "check steps 1-8 (step 9, the stack, only by its number)")
    boolean all;

    @Option(names = "--json", description = "with --all: write every step's results to this JSON file")
    Path json;

    @Option(names = "--junit", description = "with --all: write the results as JUnit XML (one test case per check)")
    Path junit;

    @Override
    public Integer call() {
        if (!all && number == null) {
            console().failure(Text.of("Say which step: ./lab check N, or ./lab check --all", "확인할 단계를 정하세요: ./lab check N 또는 ./lab check --all"));
            return 2;
        }
        ClassReporter reporter = ClassReporter.of(kit().stateDirectory(), console());
        ensureCloud();
        List<StepScript> steps = new ArrayList<>();
        if (all) {
            kit().coreStepFolders().forEach(folder -> StepScript.of(kit(), folder).ifPresent(steps::add));
        } else {
            Optional<StepScript> step = findStep(number);
            if (step.isEmpty()) {
                return 2;
            }
            steps.add(step.get());
        }
        List<StepReport> results = new StepChecks(kit()).check(steps, settings(), console());
        if (all) {
            GradeReport grades = new GradeReport(results);
            grades.print(console());
            write(json, grades::writeJson);
            write(junit, grades::writeJUnit);
        }
        reporter.send(results);
        return exitCode(results);
    }

    /** 0 when every step passed; 1 when a check failed; 2 when a step could not be checked. */
    private static int exitCode(List<StepReport> results) {
        if (results.stream().anyMatch(r -> r.outcome().equals("error"))) {
            return results.size() == 1 ? StepRunner.ERROR : StepRunner.CHECK_FAILED;
        }
        return results.stream().allMatch(r -> r.outcome().equals("passed")) ? StepRunner.PASSED : StepRunner.CHECK_FAILED;
    }

    private interface ReportWriter {
        void write(Path file) throws IOException;
    }

    private static void write(Path file, ReportWriter writer) {
        if (file == null) {
            return;
        }
        try {
            writer.write(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static long count(StepReport report, CheckResult.Status status) {
        return report.results().stream().filter(r -> r.status() == status).count();
    }
}
