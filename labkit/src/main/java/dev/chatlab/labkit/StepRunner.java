package dev.chatlab.labkit;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The {@code main} of every step script: parses the lab's options, runs the step (unless
 * {@code --check-only}), runs its checks, prints the result table and exits with
 * 0 (all passed), 1 (a check failed), 2 (the step could not run) or 3 (a TODO is left).
 */
@Command(mixinStandardHelpOptions = true)
public final class StepRunner implements Callable<Integer> {

    public static final int PASSED = 0;
    public static final int CHECK_FAILED = 1;
    public static final int ERROR = 2;
    public static final int TODO_LEFT = 3;

    @Mixin
    LabOptions options = new LabOptions();

    @Option(names = "--check-only", description = "only check the step's result, change nothing")
    boolean checkOnly;

    @Option(names = "--delete", description = "delete what the step built (steps that build one stack: step 9)")
    boolean delete;

    private final LabStep step;
    /** Where the kit, its state and the running script are, when the caller knows (null: from the environment). */
    private final ProjectLayout.Run where;

    StepRunner(LabStep step) {
        this(step, null);
    }

    private StepRunner(LabStep step, ProjectLayout.Run where) {
        this.step = step;
        this.where = where;
    }

    public static void main(LabStep step, String[] args) {
        System.exit(run(step, args));
    }

    /** Runs the step as its script's {@code main} does, the kit and folders found from the environment. */
    public static int run(LabStep step, String[] args) {
        return execute(new StepRunner(step), args);
    }

    /**
     * Runs the step in the caller's JVM (the lab command, which compiled the script itself):
     * {@code where} says which kit, state folder and script folder, as the environment would.
     */
    public static int run(LabStep step, String[] args, ProjectLayout.Run where) {
        return execute(new StepRunner(step, where), args);
    }

    private static int execute(StepRunner runner, String[] args) {
        WebClient.allowHostHeader();
        CommandLine commandLine = new CommandLine(runner);
        commandLine.setCommandName("step " + runner.step.number());
        return commandLine.execute(args);
    }

    @Override
    public Integer call() {
        LabSettings settings;
        try {
            settings = where == null ? LabSettings.resolve(options) : LabSettings.resolve(options, where.root(), where.stateDirectory());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return ERROR;
        }
        try (Lab lab = new Lab(settings, new Console(settings.lang()), where == null ? null : where.stepDirectory())) {
            printHeading(lab);
            StepReport report = runAndCheck(lab);
            if (options.reportJson != null) {
                report.write(options.reportJson);
            }
            return switch (report.outcome()) {
                case "passed" -> PASSED;
                case "failed" -> CHECK_FAILED;
                case "todo" -> TODO_LEFT;
                default -> ERROR;
            };
        } catch (IOException e) {
            System.err.println("cannot write the report: " + e.getMessage());
            return ERROR;
        }
    }

    /**
     * Only {@code step}'s checks on {@code lab}, printed as a {@code --check-only} run of its
     * script prints them: what {@code lab check} calls for a step loaded in its own JVM.
     */
    public static StepReport check(LabStep step, Lab lab) {
        StepRunner runner = new StepRunner(step);
        runner.printHeading(lab);
        return runner.check(lab);
    }

    private void printHeading(Lab lab) {
        LabSettings settings = lab.settings();
        lab.console().heading(Text.of("Step %d: %s  [target: %s]", "%d단계: %s  [대상: %s]"),
                step.number(), step.title().in(settings.lang()), settings.target().id());
    }

    StepReport runAndCheck(Lab lab) {
        Console console = lab.console();
        if (delete) {
            return delete(lab);
        }
        if (!checkOnly) {
            try {
                step.run(lab);
            } catch (Todo todo) {
                return todo(lab, todo);
            } catch (Exception e) {
                console.failure(Text.of("The step stopped: %s", "단계가 중단되었습니다: %s"), Errors.describe(e));
                console.hint(ErrorHints.hintFor(e).orElse(Text.of("Fix the cause above and run the step again (every step can run twice).",
                        "위의 원인을 고친 뒤 단계를 다시 실행하세요 (모든 단계는 여러 번 실행해도 됩니다).")).in(lab.lang()));
                return report(lab, "error", ErrorHints.explain(e).in(lab.lang()), List.of());
            }
        }
        return check(lab);
    }

    /** {@code --delete}: the step takes back what it built; nothing is checked (there is nothing left to check). */
    private StepReport delete(Lab lab) {
        Console console = lab.console();
        if (!(step instanceof RemovableStep removable)) {
            console.failure(Text.of("Step %d has no --delete: ./lab teardown deletes everything the lab built.",
                    "%d단계에는 --delete가 없습니다. ./lab teardown이 실습이 만든 것을 모두 지웁니다."), step.number());
            return report(lab, "error", "no --delete", List.of());
        }
        try {
            removable.delete(lab);
            return report(lab, "passed", "deleted", List.of());
        } catch (Todo todo) {
            return todo(lab, todo);
        } catch (Exception e) {
            console.failure(Text.of("The step stopped: %s", "단계가 중단되었습니다: %s"), Errors.describe(e));
            console.hint(ErrorHints.hintFor(e).orElse(Text.of("Fix the cause above and run it again.", "위의 원인을 고친 뒤 다시 실행하세요.")).in(lab.lang()));
            return report(lab, "error", ErrorHints.explain(e).in(lab.lang()), List.of());
        }
    }

    private StepReport check(Lab lab) {
        Console console = lab.console();
        console.heading(Text.of("Checking step %d", "%d단계 확인"), step.number());
        Checks checks = new Checks(lab.lang());
        try {
            step.check(lab, checks);
        } catch (Todo todo) {
            return todo(lab, todo);
        } catch (Exception e) {
            checks.check(Text.of("the checks themselves", "확인 과정"), () -> {
                throw e;
            });
        }
        ResultTable.print(console, checks.results());
        return report(lab, checks.allPassed() ? "passed" : "failed", "", checks.results());
    }

    private StepReport todo(Lab lab, Todo todo) {
        lab.console().failure(Text.of("TODO(%s) is not done yet: %s", "TODO(%s)를 아직 하지 않았습니다: %s"), todo.step(), todo.task().in(lab.lang()));
        lab.console().hint(Text.of("Open the step's script, find TODO(%s), and read the step's README for help.",
                "단계의 스크립트에서 TODO(%s)를 찾아 완성하세요. 도움말은 단계의 README.ko.md에 있습니다.").format(lab.lang(), todo.step()));
        return report(lab, "todo", todo.task().in(lab.lang()), List.of());
    }

    private StepReport report(Lab lab, String outcome, String message, List<CheckResult> results) {
        LabSettings settings = lab.settings();
        return new StepReport(step.number(), step.title().in(settings.lang()), settings.target().id(), settings.prefix(),
                outcome, message, results);
    }
}
