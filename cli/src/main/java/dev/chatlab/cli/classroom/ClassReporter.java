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
 * which the command's exit ends). What is sent: the name, the kit's version and the reports
 * as {@link ReportRules#fit} cuts them (step, title, outcome, check names, hints, target,
 * prefix); never credentials, code, or what a passed check saw.
 */
public final class ClassReporter {

    static final long BUDGET_MILLIS = 500;

    /** The class joined and a client for it, made while the student's command runs. */
    private record Connection(ClassMembership membership, ClassClient client) {

        CompletableFuture<ClassClient.Answer> send(List<StepReport> reports) {
            return client.report(ReportRules.fit(membership.name(), membership.student(), Kit.VERSION, reports));
        }
    }

    private final Path stateDirectory;
    private final Console console;
    private final Duration budget;
    private final CompletableFuture<Optional<Connection>> connection;

    private ClassReporter(Path stateDirectory, Console console, Duration budget, CompletableFuture<Optional<Connection>> connection) {
        this.stateDirectory = stateDirectory;
        this.console = console;
        this.budget = budget;
        this.connection = connection;
    }

    /**
     * The reporter of the lab whose state is in {@code stateDirectory}; it does nothing when the
     * lab joined no class. Make it when the command starts: it reads the class and makes its
     * HTTP client on another thread (a JVM's first JSON reader and HTTP client take longer to
     * load than the whole budget), so both are ready when the command ends.
     */
    public static ClassReporter of(Path stateDirectory, Console console) {
        return of(stateDirectory, console, Duration.ofMillis(BUDGET_MILLIS));
    }

    /**
     * {@link #of(Path, Console)} with another budget: for tests whose subject is what reaches
     * the class, not how soon, which a loaded test machine must not fail.
     */
    static ClassReporter of(Path stateDirectory, Console console, Duration budget) {
        CompletableFuture<Optional<Connection>> connection = Files.isRegularFile(ClassMembership.file(stateDirectory))
                ? CompletableFuture.supplyAsync(() -> ClassMembership.read(stateDirectory)
                        .map(joined -> new Connection(joined, new ClassClient(joined.url(), joined.code(), budget))))
                : null;
        return new ClassReporter(stateDirectory, console, budget, connection);
    }

    /**
     * Runs a step script, asking it (with the extra arguments {@code run} gets) for its report
     * in a file, then sends that report. Without a class, runs it as it is.
     */
    public int reporting(Function<List<String>, Integer> run) {
        if (connection == null) {
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

    /** Sends {@code reports} to the class, waiting {@value #BUDGET_MILLIS} ms (the budget) at the most. */
    public void send(List<StepReport> reports) {
        if (connection == null || reports.isEmpty()) {
            return;
        }
        CompletableFuture<Optional<ClassClient.Answer>> answer = connection.thenComposeAsync(joined -> joined
                .map(ready -> ready.send(reports).thenApply(Optional::of))
                .orElse(CompletableFuture.completedFuture(Optional.empty())));
        Text server = connection.getNow(Optional.empty()).map(joined -> Text.of("the class server at %s", "%s 의 수업 서버")
                .with(joined.membership().url())).orElse(Text.of("the class server", "수업 서버"));
        try {
            Optional<ClassClient.Answer> sent = answer.get(budget.toMillis(), TimeUnit.MILLISECONDS);
            if (sent.isEmpty()) {
                note(Text.of("(%s cannot be read: ./lab class join again)", "(%s 를 읽을 수 없습니다: ./lab class join 을 다시 하세요)"),
                        ClassMembership.file(stateDirectory));
            } else if (sent.get().ok()) {
                note(Text.of("(sent to %s)", "(%s 에 보냈습니다)"), server.in(console.lang()));
            } else {
                note(Text.of("(%s refused the result: HTTP %d %s)", "(%s 가 결과를 받지 않았습니다: HTTP %d %s)"),
                        server.in(console.lang()), sent.get().status(), sent.get().message());
            }
        } catch (TimeoutException e) {
            answer.cancel(true);
            note(Text.of("(%s did not answer within %d ms: this result was not sent)",
                    "(%s 가 %d ms 안에 답하지 않아 이 결과는 보내지 않았습니다)"), server.in(console.lang()), budget.toMillis());
        } catch (ExecutionException e) {
            note(Text.of("(cannot reach %s: this result was not sent)", "(%s 에 닿지 않아 이 결과는 보내지 않았습니다)"), server.in(console.lang()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void note(Text text, Object... args) {
        console.detail(text.format(console.lang(), args));
    }
}
