package dev.chatlab.bench;

import java.util.Arrays;

/**
 * Latencies of one operation as seen by one caller thread, in nanoseconds. Not thread-safe:
 * each worker records into its own and {@link #merge} joins them at the end, so recording costs
 * an array store and never contends.
 */
public final class LatencyRecorder {

    private long[] samples = new long[1 << 14];
    private int count;
    private long errors;

    public void record(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, samples.length * 2);
        }
        samples[count++] = nanos;
    }

    public void recordError() {
        errors++;
    }

    public int count() {
        return count;
    }

    public long errors() {
        return errors;
    }

    public static LatencyRecorder merge(Iterable<LatencyRecorder> parts) {
        LatencyRecorder all = new LatencyRecorder();
        for (LatencyRecorder part : parts) {
            for (int i = 0; i < part.count; i++) {
                all.record(part.samples[i]);
            }
            all.errors += part.errors;
        }
        return all;
    }

    /** Summary statistics in milliseconds; sorts the samples. */
    public Percentiles percentiles() {
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        return new Percentiles(millis(at(sorted, 0.50)), millis(at(sorted, 0.95)), millis(at(sorted, 0.99)),
                millis(count == 0 ? 0 : sorted[count - 1]));
    }

    /** The nearest-rank quantile: the smallest sample with at least {@code quantile} of the samples at or below it. */
    static long at(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    /** p50, p95, p99 and max latency in milliseconds. */
    public record Percentiles(double p50, double p95, double p99, double max) {
    }
}
