package dev.chatlab.cli.classroom;

import dev.chatlab.cli.Kit;
import dev.chatlab.labkit.Console;
import dev.chatlab.labkit.Errors;
import dev.chatlab.labkit.StepReport;
import dev.chatlab.labkit.Text;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Sends a student's step reports to the class they joined ({@code lab class join}). The
 * student's command comes first: the send gets {@value #BUDGET_MILLIS} ms at the most, a
 * class server that is down, unreachable or hanging costs no more than that, and whatever
 * goes wrong is one dim line, never a failed command (all of it happens on other threads,
 * which the command's exit ends). What is sent: the name, the kit's
 * version and the reports as {@link ReportRules#fit} cuts them (step, title, outcome, check
 * names, hints, target, prefix); never credentials, code, or what a passed check saw.
 */
public final class ClassReporter {

    static final long BUDGET_MILLIS = 500;

    private final Optional<ClassMembership> membership;
    private final CompletableFuture<ClassClient> client;
    private final Path stateDirectory;
    private final Console console;

    private ClassReporter(Optional<ClassMembership> membership, Path stateDirectory, Console console) {
        this.membership = membership;
        this.stateDirectory = stateDirectory;
        this.console = console;
        // Made while the student's command runs: a JVM's first HTTP client takes longer to load than the whole budget.
        this.client = membership.map(joined -> CompletableFuture.supplyAsync(
                () -> new ClassClient(joined.url(), joined.code(), Duration.ofMillis(BUDGET_MILLIS)))).orElse(null);
    }

    /**
     * The reporter of the lab whose state is in {@code stateDirectory}; it does nothing when the
     * lab joined no class. Make it when the command starts, so its HTTP client is ready at the end.
     */
    public static ClassReporter of(Path stateDirectory, Console console) {
        return new ClassReporter(ClassMembership.read(stateDirectory), stateDirectory, console);
    }

    /**
     * Runs a step script, asking it (with the extra arguments {@code run} gets) for its report
     * in a file, then sends that report. Without a class, runs it as it is.
     */
    public int reporting(Function<List<String>, Integer> run) {
        if (membership.isEmpty()) {
            return run.apply(List.of());
        }
        Path file;
        try {
            file = Files.createTempFile(stateDirectory, "class-report", ".json");
        } catch (IOException e) {
            return run.apply(List.of());
        }
        try {
            int exit = run.apply(List.of("--report-json", file.toString()));
            readAndSend(file);
            return exit;
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file in .lab/ left behind is harmless
            }
        }
    }

    /** A step that stopped before writing its report (empty file) has nothing to send. */
    private void readAndSend(Path file) {
        try {
            if (Files.size(file) > 0) {
                send(List.of(StepReport.read(file)));
            }
        } catch (IOException e) {
            note(Text.of("(the step's report could not be read for the class: %s)", "(수업에 보낼 단계 보고를 읽지 못했습니다: %s)"), Errors.describe(e));
        }
    }

    /** Sends {@code reports} to the class, waiting {@value #BUDGET_MILLIS} ms at the most. */
    public void send(List<StepReport> reports) {
        if (membership.isEmpty() || reports.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        ClassMembership joined = membership.get();
        ClassReport report = new ClassReport(joined.name(), joined.student(), Kit.VERSION,
                reports.stream().limit(ReportRules.MAX_REPORTS).map(ReportRules::fit).toList());
        CompletableFuture<ClassClient.Answer> answer = client.thenComposeAsync(ready -> ready.report(report));
        try {
            long left = BUDGET_MILLIS - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            ClassClient.Answer sent = answer.get(Math.max(left, 0), TimeUnit.MILLISECONDS);
            if (sent.ok()) {
                note(Text.of("(sent to the class at %s as %s)", "(%s 수업에 %s(으)로 보냈습니다)"), joined.url(), joined.name());
            } else {
                note(Text.of("(the class at %s refused the result: HTTP %d %s)", "(%s 수업이 결과를 받지 않았습니다: HTTP %d %s)"),
                        joined.url(), sent.status(), sent.message());
            }
        } catch (TimeoutException e) {
            answer.cancel(true);
            note(Text.of("(the class server at %s did not answer within %d ms: this result was not sent)",
                    "(%s 수업 서버가 %d ms 안에 답하지 않아 이 결과는 보내지 않았습니다)"), joined.url(), BUDGET_MILLIS);
        } catch (ExecutionException e) {
            note(Text.of("(cannot reach the class server at %s: this result was not sent)", "(%s 수업 서버에 닿지 않아 이 결과는 보내지 않았습니다)"), joined.url());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void note(Text text, Object... args) {
        console.detail(text.format(console.lang(), args));
    }
}
