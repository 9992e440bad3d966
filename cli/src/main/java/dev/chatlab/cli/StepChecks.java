package dev.chatlab.cli;

import dev.chatlab.labkit.Console;
import dev.chatlab.labkit.Errors;
import dev.chatlab.labkit.HeadlessBrowser;
import dev.chatlab.labkit.Lab;
import dev.chatlab.labkit.LabSettings;
import dev.chatlab.labkit.StepReport;
import dev.chatlab.labkit.StepRunner;
import dev.chatlab.labkit.Text;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs steps' checks in this JVM: the solutions' checks (the same as the exercises', and a
 * student's unfinished exercise must not stop the checking of their cloud), compiled once by
 * {@link StepCompiler}. The steps are checked several at once, since a check mostly waits for
 * the cloud (and step 8 for a browser); each step's lines are kept and printed in step order,
 * so the output reads as if they had run one after the other.
 */
public final class StepChecks {

    /** The step whose check opens two browser pages (started while the steps before it are checked). */
    static final int BROWSER_STEP = 8;
    /** Steps checked at once: enough to overlap step 8's browser with the rest on a 2-core laptop. */
    private static final int AT_ONCE = 3;

    private final StepCompiler compiler;

    public StepChecks(Kit kit) {
        this.compiler = new StepCompiler(kit.stateDirectory().resolve("classes"));
    }

    /** Checks {@code steps} of the cloud {@code settings} point at, printing on {@code console}; changes nothing. */
    public List<StepReport> check(List<StepScript> steps, LabSettings settings, Console console) {
        return check(steps, settings, console, aside -> new Lab(settings, aside));
    }

    /** The same, each step with a lab made by {@code labs} for the console it prints on (other credentials, say). */
    public List<StepReport> check(List<StepScript> steps, LabSettings settings, Console console, Function<Console, Lab> labs) {
        if (steps.size() > 1 && steps.stream().anyMatch(step -> step.number() == BROWSER_STEP)) {
            HeadlessBrowser.startEarly(1);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(AT_ONCE, steps.size())));
        try {
            // The longest check (step 8's, with its browser) starts first; the others fill the other threads.
            Map<StepScript, Future<Checked>> running = new HashMap<>();
            steps.stream().sorted(Comparator.comparing(step -> step.number() != BROWSER_STEP))
                    .forEach(step -> running.put(step, pool.submit(() -> checkPrintingAside(step, settings, console, labs))));
            List<StepReport> reports = new ArrayList<>();
            for (StepScript step : steps) {
                Checked done = awaitUninterruptibly(running.get(step));
                console.raw(done.printed());
                reports.add(done.report());
            }
            return reports;
        } finally {
            pool.shutdownNow();
        }
    }

    private record Checked(StepReport report, String printed) {
    }

    private Checked checkPrintingAside(StepScript step, LabSettings settings, Console console, Function<Console, Lab> labs) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Console aside = console.printingTo(new PrintStream(printed, true, StandardCharsets.UTF_8));
        StepReport report;
        try (Lab lab = labs.apply(aside)) {
            report = StepRunner.check(compiler.load(step.solution()), lab);
        } catch (RuntimeException e) {
            aside.failure(Text.of("Step %d could not be checked: %s", "%d단계를 확인하지 못했습니다: %s"), step.number(), Errors.describe(e));
            report = new StepReport(step.number(), step.folder().getFileName().toString(), settings.target().id(),
                    settings.prefix(), "error", Errors.describe(e), List.of());
        }
        return new Checked(report, printed.toString(StandardCharsets.UTF_8));
    }

    private static Checked awaitUninterruptibly(Future<Checked> checked) {
        try {
            return checked.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
