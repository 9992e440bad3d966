package dev.chatlab.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * A one-off measurement (not a load test), e.g. how long a cold start took, with the target it
 * is held to, if any.
 *
 * @param what   what was measured
 * @param value  the result with its unit, e.g. "612 ms" or "54-58 MB (8 instances)"
 * @param target e.g. "< 1 s", or empty
 * @param met    whether the target was met; null without a target or without a value
 */
public record Measurement(String what, String value, String target, Boolean met) {

    public static Measurement of(String what, String value) {
        return new Measurement(what, value, "", null);
    }

    public static String millis(double millis) {
        return String.format(Locale.ROOT, millis < 10 ? "%.2f ms" : "%.0f ms", millis);
    }

    /** Prints the measurements as a table a person reads: ✔ or ✘ against each target. */
    public static void printTable(List<Measurement> measurements, PrintStream out) {
        out.printf(Locale.ROOT, "%-48s %-34s %s%n", "measure", "value", "target");
        for (Measurement m : measurements) {
            String mark = m.met == null ? "" : m.met ? "✔ " : "✘ ";
            out.printf(Locale.ROOT, "%-48s %-34s %s%s%n", m.what, m.value, mark, m.target);
        }
    }
}
