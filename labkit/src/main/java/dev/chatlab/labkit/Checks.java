package dev.chatlab.labkit;

import java.util.ArrayList;
import java.util.List;

/**
 * The check DSL of a step: each {@code check} names what it verifies and answers an
 * {@link Outcome}. A check that throws fails with the exception's message as its hint, followed
 * by the lesson {@link ErrorHints} knows for it, so a missing bucket reads "NoSuchBucket: The
 * specified bucket does not exist → ... run ./lab step 1", not a stack trace.
 *
 * <pre>{@code
 * checks.check(Text.of("bucket exists", "버킷이 있음"),
 *         () -> Outcome.when(bucketExists(s3, name), Text.of("Run step 1 first", "1단계를 먼저 실행하세요")));
 * }</pre>
 */
public final class Checks {

    /** The body of one check. */
    @FunctionalInterface
    public interface Body {
        Outcome run() throws Exception;
    }

    private final Lang lang;
    private final List<CheckResult> results = new ArrayList<>();

    public Checks(Lang lang) {
        this.lang = lang;
    }

    public CheckResult check(Text name, Body body) {
        Outcome outcome;
        try {
            outcome = body.run();
        } catch (Todo todo) {
            throw todo;
        } catch (Exception e) {
            outcome = Outcome.fail(ErrorHints.explain(e));
        }
        CheckResult result = new CheckResult(name.in(lang), outcome.status(), outcome.detail() == null ? "" : outcome.detail().in(lang));
        results.add(result);
        return result;
    }

    public void skip(Text name, Text reason) {
        results.add(new CheckResult(name.in(lang), CheckResult.Status.SKIP, reason.in(lang)));
    }

    public List<CheckResult> results() {
        return List.copyOf(results);
    }

    public boolean allPassed() {
        return results.stream().noneMatch(CheckResult::failed);
    }
}
