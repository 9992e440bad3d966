package dev.chatlab.labkit;

/** What a check's body answers: passed (with what it saw), failed (with a hint), or skipped (with a reason). */
public record Outcome(CheckResult.Status status, Text detail) {

    public static Outcome pass() {
        return new Outcome(CheckResult.Status.PASS, null);
    }

    public static Outcome pass(Text seen) {
        return new Outcome(CheckResult.Status.PASS, seen);
    }

    public static Outcome fail(Text hint) {
        return new Outcome(CheckResult.Status.FAIL, hint);
    }

    public static Outcome skip(Text reason) {
        return new Outcome(CheckResult.Status.SKIP, reason);
    }

    /** Passes when {@code condition} holds, else fails with {@code hint}. */
    public static Outcome when(boolean condition, Text hint) {
        return condition ? pass() : fail(hint);
    }
}
