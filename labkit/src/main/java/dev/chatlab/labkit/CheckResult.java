package dev.chatlab.labkit;

/**
 * The outcome of one check.
 *
 * @param name   what was checked, in the reader's language
 * @param status pass, fail or skip
 * @param detail for a failure the hint (what to do), for a skip the reason, else what was seen
 */
public record CheckResult(String name, Status status, String detail) {

    public enum Status { PASS, FAIL, SKIP }

    public boolean failed() {
        return status == Status.FAIL;
    }
}
