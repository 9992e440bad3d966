package dev.chatlab.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of one measured operation.
 *
 * @param operation   what was measured, e.g. "PutItem"
 * @param clients     concurrent callers
 * @param calls       successful calls in the measured period
 * @param errors      failed calls
 * @param seconds     length of the measured period
 * @param opsPerSecond successful calls per second
 * @param p50Millis   median latency
 * @param p99Millis   99th percentile latency
 * @param maxMillis   slowest call
 * @param cpuMillisPerCall CPU time this JVM and its child processes spent per call (client plus in-process
 *                    server and its Lambda instances); on a machine others share, ops/s says how busy
 *                    it was, this says what a call costs
 * @param clientCpuMillisPerCall the part of it spent in the calling threads (the SDK client)
 * @param serverCpuMillisPerCall the part spent in the in-process localcloud's threads (0 against a remote endpoint)
 * @param jvmCpuMillisPerCall    the part spent by the JVM itself: JIT compiler and garbage collector
 * @param childProcessCpuMillisPerCall the part spent in this JVM's child processes: the Lambda instances of an in-process localcloud
 */
public record BenchResult(String operation, int clients, long calls, long errors, double seconds, double opsPerSecond,
                          double p50Millis, double p99Millis, double maxMillis, double cpuMillisPerCall,
                          double clientCpuMillisPerCall, double serverCpuMillisPerCall, double jvmCpuMillisPerCall,
                          double childProcessCpuMillisPerCall) {

    /** Prints results as a table a person reads. */
    public static void printTable(List<BenchResult> results, PrintStream out) {
        out.printf(Locale.ROOT, "%-28s %8s %10s %9s %9s %9s %7s %12s  %s%n", "operation", "clients", "ops/s", "p50 ms", "p99 ms", "max ms", "errors",
                "CPU ms/call", "(client / server / jvm / instances)");
        for (BenchResult r : results) {
            out.printf(Locale.ROOT, "%-28s %8d %10.0f %9.2f %9.2f %9.2f %7d %12.3f  (%.3f / %.3f / %.3f / %.3f)%n",
                    r.operation, r.clients, r.opsPerSecond, r.p50Millis, r.p99Millis, r.maxMillis, r.errors, r.cpuMillisPerCall,
                    r.clientCpuMillisPerCall, r.serverCpuMillisPerCall, r.jvmCpuMillisPerCall, r.childProcessCpuMillisPerCall);
        }
    }

    /** Writes a benchmark's JSON document (settings and results) to {@code file}. */
    public static void writeJson(Object document, File file) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file, document);
        System.out.println("results written to " + file);
    }
}
