package dev.chatlab.cli;

import dev.chatlab.labkit.Console;
import dev.chatlab.labkit.Errors;
import dev.chatlab.labkit.Lab;
import dev.chatlab.labkit.LabOptions;
import dev.chatlab.labkit.LabSettings;
import dev.chatlab.labkit.LabStep;
import dev.chatlab.labkit.ProjectLayout;
import dev.chatlab.labkit.StepRunner;
import dev.chatlab.labkit.Text;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What every {@code lab} command shares: the lab's options, the kit, the cloud, the console. */
abstract class LabCommand implements Callable<Integer> {

    @Mixin
    LabOptions options = new LabOptions();

    @Option(names = "--dns-port", description = "localcloud's DNS port (default: ${DEFAULT-VALUE})")
    int dnsPort = 4553;

    @Option(names = "--timing", paramLabel = "aws|fast", converter = TimingName.class,
            description = "localcloud's timing, when this command starts it: aws (the default: tables CREATING, functions Pending, "
                    + "new roles and Route53 changes propagating for about a second, as on AWS) or fast (every change done at once)")
    String timing;

    @Option(names = "--no-verify-signatures",
            description = "when this command starts localcloud: take every request as it comes, without checking SigV4 signatures "
                    + "(for tools that sign oddly; AWS always checks them, and so does localcloud by default)")
    boolean noVerifySignatures;

    @Option(names = "--state-dir", hidden = true, description = "where the lab keeps its state (default: .lab)")
    Path stateDirectory;

    private Kit kit;
    private LabSettings settings;
    private Console console;

    Kit kit() {
        if (kit == null) {
            kit = Kit.locate(stateDirectory);
        }
        return kit;
    }

    LabSettings settings() {
        if (settings == null) {
            settings = LabSettings.resolve(options, kit().root(), kit().stateDirectory());
        }
        return settings;
    }

    Console console() {
        if (console == null) {
            console = new Console(settings().lang());
        }
        return console;
    }

    CloudControl cloud() {
        return new CloudControl(kit(), settings().localEndpoint(), dnsPort);
    }

    /** Reads --timing: aws or fast, in any case; anything else is a usage error that names both. */
    static final class TimingName implements picocli.CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String name = value.toLowerCase(Locale.ROOT);
            if (!name.equals("aws") && !name.equals("fast")) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is no timing: use aws (AWS-like waits, the default) or fast");
            }
            return name;
        }
    }

    /**
     * For the local target, makes sure localcloud answers, starting it when it does not;
     * for AWS there is nothing to start.
     */
    void ensureCloud() {
        if (!settings().isLocal()) {
            return;
        }
        CloudControl cloud = cloud();
        String wantedTiming = timing;
        Optional<String> running = cloud.runningTiming();
        if (running.isPresent()) {
            if (!cloud.runsTheCurrentBuild()) {
                console().info(Text.of("localcloud was rebuilt since it started: restarting it (its state is kept)",
                        "localcloud 가 시작된 뒤 다시 빌드되었습니다: 다시 시작합니다 (상태는 유지됩니다)"));
                wantedTiming = wantedTiming == null ? running.get() : wantedTiming;
                cloud.stop();
            } else if (noVerifySignatures && cloud.verifiesSignatures()) {
                console().info(Text.of("localcloud checks signatures: restarting it without (its state is kept)",
                        "localcloud 가 서명을 검사하고 있습니다: 검사 없이 다시 시작합니다 (상태는 유지됩니다)"));
                wantedTiming = wantedTiming == null ? running.get() : wantedTiming;
                cloud.stop();
            } else if (wantedTiming != null && !wantedTiming.equals(running.get())) {
                console().info(Text.of("localcloud runs with the %s timing: restarting it with %s (its state is kept)",
                        "localcloud 가 %s 타이밍으로 실행 중입니다: %s 타이밍으로 다시 시작합니다 (상태는 유지됩니다)"), running.get(), wantedTiming);
                cloud.stop();
            } else {
                console().success(Text.of("localcloud is running at %s (timing %s)", "localcloud 가 %s 에서 실행 중입니다 (타이밍 %s)"),
                        cloud.endpoint(), running.get());
                return;
            }
        }
        String startTiming = wantedTiming == null ? CloudControl.DEFAULT_TIMING : wantedTiming;
        long millis = cloud.start(startTiming, !noVerifySignatures);
        console().success(Text.of("localcloud started at %s in %.1f s, timing %s (log: %s)",
                        "localcloud 를 %s 에서 %.1f 초 만에 시작했습니다, 타이밍 %s (로그: %s)"),
                cloud.endpoint(), millis / 1000.0, startTiming, kit().root().relativize(kit().localCloudLog()));
    }

    /** The options a step script gets: the ones given here, with the resolved prefix and endpoint. */
    List<String> stepArguments() {
        List<String> args = new ArrayList<>(options.toArguments());
        if (options.prefix == null) {
            args.addAll(List.of("--prefix", settings().prefix()));
        }
        if (options.endpoint == null) {
            args.addAll(List.of("--endpoint", settings().localEndpoint().toString()));
        }
        if (options.lang == null) {
            args.addAll(List.of("--lang", settings().lang().name().toLowerCase(Locale.ROOT)));
        }
        return args;
    }

    /** Step {@code number} of this kit; empty, after saying so, when there is none. */
    Optional<StepScript> findStep(int number) {
        Optional<StepScript> step = StepScript.of(kit(), number);
        if (step.isEmpty()) {
            console().failure(Text.of("There is no step %d in this kit.", "이 실습에는 %d단계가 없습니다."), number);
        }
        return step;
    }

    /**
     * Runs step {@code step}: its solution (then marks what it built as the solution's), or the
     * student's version, which first deletes what the solution built for the step, so that the
     * student's own code builds it (see {@link SolutionBuilt}). A version that still stops at a
     * TODO deletes nothing.
     */
    int runStep(StepScript step, boolean solution) {
        return runStep(step, solution, List.of());
    }

    /** {@link #runStep(StepScript, boolean)} with more arguments for the script (--report-json). */
    int runStep(StepScript step, boolean solution, List<String> extraArguments) {
        if (solution) {
            int exit = runScript(step.solution(), extraArguments);
            if (exit == 0) {
                withSolutionMarks(marks -> marks.mark(step.number()));
            }
            return exit;
        }
        if (!step.hasTodoLeft()) {
            withSolutionMarks(marks -> {
                if (marks.isMarked(step.number())) {
                    marks.remove(step.number());
                }
            });
        }
        return runScript(step.exercise(), extraArguments);
    }

    /** Marks are a convenience: a cloud that cannot be read or tagged just now must not fail the step. */
    private void withSolutionMarks(Consumer<SolutionBuilt> action) {
        try (Lab lab = new Lab(settings(), console())) {
            action.accept(new SolutionBuilt(lab));
        } catch (RuntimeException e) {
            console().detail(Text.of("(could not read or write the solution's marks: %s)", "(정답 표시를 읽거나 쓰지 못했습니다: %s)")
                    .format(settings().lang(), Errors.describe(e)));
        }
    }

    /**
     * Runs a step script: compiled and run in this JVM when it compiles against the kit (see
     * {@link StepCompiler}: two JVM starts fewer per step); otherwise through JBang in JVMs of its
     * own, which resolves //DEPS beyond the kit's and shows a student's compile errors as JBang does.
     */
    int runScript(Path script, List<String> extraArguments) {
        List<String> args = new ArrayList<>(stepArguments());
        args.addAll(extraArguments);
        Optional<LabStep> compiled = compiledHere(script);
        if (compiled.isPresent()) {
            return StepRunner.run(compiled.get(), args.toArray(String[]::new),
                    new ProjectLayout.Run(kit().root(), kit().stateDirectory(), script.toAbsolutePath().getParent()));
        }
        Map<String, String> environment = Map.of(
                "LAB_HOME", kit().root().toString(),
                "LAB_STATE_DIR", kit().stateDirectory().toString(),
                "LAB_STEP_DIR", script.toAbsolutePath().getParent().toString());
        return new JBangRunner(kit()).run(script, args, environment);
    }

    private Optional<LabStep> compiledHere(Path script) {
        try {
            return Optional.of(new StepCompiler(kit().stateDirectory().resolve("classes")).load(script));
        } catch (IllegalStateException | UncheckedIOException e) {
            return Optional.empty();
        }
    }
}
