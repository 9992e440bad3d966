package dev.chatlab.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatlab.bench.chat.ChatRun;
import dev.chatlab.bench.chat.ChatRunResult;
import dev.chatlab.bench.chat.ColdStarts;
import dev.chatlab.bench.chat.FunctionCooler;
import dev.chatlab.bench.chat.LatencyTimeline;
import dev.chatlab.bench.chat.CpuTime;
import dev.chatlab.bench.chat.MemoryWatch;
import dev.chatlab.bench.chat.RateSearch;
import dev.chatlab.labkit.Console;
import dev.chatlab.labkit.Lab;
import dev.chatlab.labkit.LabOptions;
import dev.chatlab.labkit.LabSettings;
import dev.chatlab.labkit.Names;
import dev.chatlab.labkit.chat.ChatEndpoints;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The chat the lab built, under load (issue 7): N WebSocket clients in a fresh room, K senders,
 * M messages at R per second; per-recipient delivery latency, delivered/expected,
 * persisted/expected (through the history API), connect time, and localcloud's resident
 * memory idle and under load. {@code --throughput} searches the highest rate at which every
 * message arrives with p99 within {@code --max-p99}. Finds the chat's URLs as {@code lab chat}
 * does, so it runs against {@code ./lab up}'s localcloud (or AWS with {@code --target aws}).
 * {@code --cold} times what a student waits for when the functions are cold instead (see {@link ColdStarts}).
 */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = "Chat delivery latency, loss and throughput with N WebSocket clients in one room of the lab's chat.")
final class ChatBench implements Callable<Integer> {

    @Mixin
    LabOptions lab = new LabOptions();

    @Option(names = "--clients", defaultValue = "10", description = "WebSocket clients in the room (default: ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--senders", defaultValue = "1", description = "how many of the clients send, round robin (default: ${DEFAULT-VALUE})")
    int senders;

    @Option(names = "--messages", defaultValue = "200", description = "messages per run, in all (default: ${DEFAULT-VALUE})")
    int messages;

    @Option(names = "--rate", defaultValue = "50", description = "messages per second, in all; with --throughput the first rate tried (default: ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--drain-seconds", defaultValue = "10", description = "wait this long after the last send for late messages (default: ${DEFAULT-VALUE})")
    int drainSeconds;

    @Option(names = "--warmup-messages", defaultValue = "100", description = "messages of an unreported warm-up run, 0 for none (default: ${DEFAULT-VALUE})")
    int warmUpMessages;

    @Option(names = "--throughput", description = "search the highest rate that passes (every message delivered and stored, p99 <= --max-p99)")
    boolean throughput;

    @Option(names = "--max-p99", defaultValue = "100", description = "with --throughput: the p99 delivery latency a rate must keep, ms (default: ${DEFAULT-VALUE})")
    double maxP99Millis;

    @Option(names = "--step-seconds", defaultValue = "5", description = "with --throughput: each rate runs max(messages, rate x this) messages (default: ${DEFAULT-VALUE})")
    int stepSeconds;

    @Option(names = "--max-rate", defaultValue = "5000", description = "with --throughput: no rate above this is tried (default: ${DEFAULT-VALUE})")
    int maxRate;

    @Option(names = "--cold", description = "time the first connect, first message and first history call with cold functions instead (issue 15)")
    boolean cold;

    @Option(names = "--tries", defaultValue = "5", description = "with --cold: how many times (default: ${DEFAULT-VALUE})")
    int tries;

    @Option(names = "--cold-wait", defaultValue = "0", description = "with --cold: make the functions cold by waiting this many seconds"
            + " (longer than the cloud's idle time-out) instead of redeploying them unchanged (default: redeploy)")
    int coldWaitSeconds;

    @Option(names = "--memory-after", defaultValue = "0", description = "after the run, print the resident memory of localcloud and"
            + " its functions' JVMs every 10 s for this many seconds, e.g. the cloud's idle time-out and a bit (default: 0, none)")
    int memoryAfterSeconds;

    @Option(names = "--json", description = "also write the results as JSON to this file")
    File json;

    /**
     * Taken as every other cloud command takes it (so {@code ./lab bench chat --endpoint E --dns-port D}
     * works like {@code ./lab check}), and not needed: this bench never starts a localcloud, and the
     * running one tells its own DNS port.
     */
    @Option(names = "--dns-port", description = "accepted like the other cloud commands' option; unused: the running localcloud tells its own")
    Integer dnsPort;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        LabSettings settings = LabSettings.resolve(lab);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        ChatEndpoints endpoints;
        try (Lab target = new Lab(settings, new Console(settings.lang()))) {
            endpoints = ChatEndpoints.discover(target);
        }
        out.println("chat at " + endpoints.webSocketUrl() + " and " + endpoints.restUrl());
        long pid = settings.isLocal() ? localCloudPid(http, settings) : -1;
        if (cold) {
            return coldStarts(settings, http, endpoints, pid);
        }
        Memory idle = Memory.of(pid);
        out.println("localcloud " + (pid > 0 ? "pid " + pid + ", " : "") + "resident memory idle: " + idle);
        ChatRun chat = new ChatRun(http, endpoints);
        if (warmUpMessages > 0) {
            out.println("warm-up run (not reported): " + clients + " clients, " + warmUpMessages + " messages at " + rate + "/s ...");
            chat.run(settings(rate, warmUpMessages));
        }

        List<ChatRunResult> results = new ArrayList<>();
        List<Memory> peaks = new ArrayList<>();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("benchmark", "chat");
        document.put("webSocketUrl", endpoints.webSocketUrl().toString());
        document.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        document.put("latencyMeasuredFrom", "scheduled send time");
        document.put("localCloudIdleRssKilobytes", kilobytes(idle.localCloud()));
        document.put("functionsIdleRssKilobytes", kilobytes(idle.functions()));
        int exit;
        if (throughput) {
            RateSearch.Outcome outcome = new RateSearch(rate, maxRate, 0.1).run(r -> {
                ChatRunResult result = measured(chat, settings(r, Math.max(messages, r * stepSeconds)), pid, results, peaks);
                boolean passed = result.passes(maxP99Millis);
                out.printf(Locale.ROOT, "  %d/s: %s%n", r, passed ? "passes" : result.complete() ? "p99 above " + maxP99Millis + " ms" : "LOST or refused messages");
                // a failed rate may leave a backlog (function instances still busy) that the next one would pay for
                Thread.sleep(passed ? 1000 : 15_000);
                return passed;
            });
            out.println();
            printTable(results, peaks);
            out.printf(Locale.ROOT, "%nhighest rate with every message delivered and stored and p99 <= %.0f ms: %d messages/s%s%n", maxP99Millis,
                    outcome.highestPassing(), outcome.lowestFailing() < 0 ? " (the --max-rate cap)" : " (" + outcome.lowestFailing() + "/s failed)");
            document.put("throughputMessagesPerSecond", outcome.highestPassing());
            document.put("lowestFailingRate", outcome.lowestFailing());
            document.put("maxP99Millis", maxP99Millis);
            exit = 0;
        } else {
            ChatRunResult result = measured(chat, settings(rate, messages), pid, results, peaks);
            out.println();
            printTable(results, peaks);
            printTimeline(result);
            if (!result.complete()) {
                out.println("\nLOSS: not every message was delivered to every client and stored once; that is a bug of the chat or the cloud.");
            }
            exit = result.complete() ? 0 : 1;
        }
        document.put("runs", runsForJson(results, peaks));
        if (memoryAfterSeconds > 0 && pid > 0) {
            document.put("memoryAfter", memoryAfter(pid));
        }
        if (json != null) {
            BenchResult.writeJson(document, json);
        }
        return exit;
    }

    /**
     * {@code --memory-after}: the lab's resident memory every 10 s after the run, while its
     * function instances idle out (issue 15: back under 1 GB within the idle time-out).
     */
    private List<Map<String, Object>> memoryAfter(long pid) throws InterruptedException {
        out.printf(Locale.ROOT, "%nresident memory after the run, every 10 s for %d s:%n%8s %12s %14s %12s%n", memoryAfterSeconds,
                "seconds", "localcloud", "functions", "in all");
        List<Map<String, Object>> samples = new ArrayList<>();
        long start = System.nanoTime();
        for (long seconds = 0; seconds <= memoryAfterSeconds; seconds += 10) {
            Thread.sleep(Math.max(0, start + TimeUnit.SECONDS.toNanos(seconds) - System.nanoTime()) / 1_000_000);
            Memory now = Memory.of(pid);
            long all = now.localCloud().orElse(0) + now.functions().orElse(0);
            out.printf(Locale.ROOT, "%8d %12s %14s %12s%n", seconds, ProcessMemory.format(now.localCloud()), ProcessMemory.format(now.functions()),
                    ProcessMemory.format(OptionalLong.of(all)));
            Map<String, Object> sample = new LinkedHashMap<>();
            sample.put("seconds", seconds);
            sample.put("localCloudRssKilobytes", kilobytes(now.localCloud()));
            sample.put("functionsRssKilobytes", kilobytes(now.functions()));
            samples.add(sample);
        }
        return samples;
    }

    /** {@code --cold}: each try makes the three functions cold, then times the first call to each. */
    private int coldStarts(LabSettings settings, HttpClient http, ChatEndpoints endpoints, long pid) throws Exception {
        if (tries < 1) {
            throw new IllegalArgumentException("--tries must be 1 or more");
        }
        ColdStarts cold = new ColdStarts(http, endpoints, pid);
        List<ColdStarts.Try> results = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        try (Lab target = new Lab(settings, new Console(settings.lang()))) {
            Names names = target.names();
            ColdStarts.Cooler cooler = coldWaitSeconds > 0 ? FunctionCooler.byIdling(Duration.ofSeconds(coldWaitSeconds))
                    : FunctionCooler.byDeploy(target.client(LambdaClient.builder()),
                            List.of(names.connectFunction(), names.sendMessageFunction(), names.getMessagesFunction()));
            out.println("cold starts: " + tries + " tries, the functions made cold before each "
                    + (coldWaitSeconds > 0 ? "by waiting " + coldWaitSeconds + " s" : "by redeploying them unchanged (UpdateFunctionConfiguration)"));
            out.printf(Locale.ROOT, "%4s %11s %11s %11s %9s %17s%n", "try", "connect ms", "message ms", "history ms", "load avg", "CPU ms cloud/fn");
            for (int i = 1; i <= tries; i++) {
                try {
                    ColdStarts.Try t = cold.measure(cooler);
                    results.add(t);
                    out.printf(Locale.ROOT, "%4d %11.0f %11.0f %11.0f %9.2f %17s%n", i, t.connectMillis(), t.messageMillis(), t.historyMillis(),
                            t.loadAverage(), t.cloudCpuMillis() < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f/%.0f", t.cloudCpuMillis(), t.functionsCpuMillis()));
                } catch (RuntimeException failed) {
                    // a cold start past the client's patience (the handshake waits 10 s) is a result too, not the end of the run
                    failures.add(failed.getMessage());
                    out.printf(Locale.ROOT, "%4d failed: %s%n", i, failed.getMessage());
                }
            }
        }
        if (results.isEmpty()) {
            out.println("every try failed");
            return 1;
        }
        List<Double> p50 = ColdStarts.p50s(results);
        out.printf(Locale.ROOT, "%4s %11.0f %11.0f %11.0f %9.2f %17s%n", "p50", p50.get(0), p50.get(1), p50.get(2),
                ColdStarts.p50(results, ColdStarts.Try::loadAverage), String.format(Locale.ROOT, "%.0f/%.0f",
                        ColdStarts.p50(results, ColdStarts.Try::cloudCpuMillis), ColdStarts.p50(results, ColdStarts.Try::functionsCpuMillis)));
        boolean met = failures.isEmpty() && p50.stream().allMatch(millis -> millis < ColdStarts.TARGET_MILLIS);
        out.printf(Locale.ROOT, "target: each p50 under %.0f ms: %s (p50 of the %d tries that finished; load avg: the machine's"
                + " 1-minute load when the try began, on %d cores)%n", ColdStarts.TARGET_MILLIS, met ? "met" : "NOT met", results.size(),
                Runtime.getRuntime().availableProcessors());
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("benchmark", "chat-cold");
        document.put("webSocketUrl", endpoints.webSocketUrl().toString());
        document.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        document.put("madeColdBy", coldWaitSeconds > 0 ? "waiting " + coldWaitSeconds + " s" : "UpdateFunctionConfiguration");
        document.put("tries", results);
        document.put("failedTries", failures);
        document.put("p50Millis", Map.of("connect", p50.get(0), "message", p50.get(1), "history", p50.get(2)));
        document.put("targetMet", met);
        if (json != null) {
            BenchResult.writeJson(document, json);
        }
        return 0;
    }

    private ChatRun.Settings settings(int messagesPerSecond, int count) {
        return new ChatRun.Settings(clients, senders, count, messagesPerSecond, Duration.ofSeconds(drainSeconds));
    }

    /** One run while watching localcloud's memory. */
    private ChatRunResult measured(ChatRun chat, ChatRun.Settings run, long pid, List<ChatRunResult> results, List<Memory> peaks)
            throws Exception {
        out.printf(Locale.ROOT, "run: %d clients, %d sender(s), %d messages at %d/s ...%n", run.clients(), run.senders(), run.messages(), run.rate());
        ChatRunResult result;
        MemoryWatch watch = MemoryWatch.start(pid);
        CpuTime before = CpuTime.now(pid);
        try {
            result = chat.run(run);
        } finally {
            watch.close();
        }
        results.add(result);
        peaks.add(new Memory(watch.peakKilobytes(), watch.peakDescendantsKilobytes(), CpuTime.now(pid).perMessageSince(before, run.messages())));
        return result;
    }

    private void printTable(List<ChatRunResult> results, List<Memory> peaks) {
        out.printf(Locale.ROOT, "%7s %7s %6s %7s %7s %15s %11s %7s %7s %7s %7s %8s %8s %11s %11s%n", "clients", "senders", "msgs", "rate/s",
                "sent/s", "delivered", "persisted", "p50 ms", "p95 ms", "p99 ms", "max ms", "conn p50", "conn p99", "cloud RSS", "fn RSS",
                "CPU ms/msg cloud/fn/clients");
        for (int i = 0; i < results.size(); i++) {
            ChatRunResult r = results.get(i);
            out.printf(Locale.ROOT, "%7d %7d %6d %7d %7.0f %15s %11s %7.1f %7.1f %7.1f %7.1f %8.1f %8.1f %11s %11s  %.1f/%.1f/%.1f%n", r.clients(), r.senders(),
                    r.messages(), r.rate(), r.achievedSendRate(), r.delivered() + "/" + r.expectedDeliveries(), r.persisted() + "/" + r.messages(),
                    r.deliveryP50Millis(), r.deliveryP95Millis(), r.deliveryP99Millis(), r.deliveryMaxMillis(), r.connectP50Millis(),
                    r.connectP99Millis(), ProcessMemory.format(peaks.get(i).localCloud()), ProcessMemory.format(peaks.get(i).functions()),
                    peaks.get(i).cpu().cloud(), peaks.get(i).cpu().functions(), peaks.get(i).cpu().clients());
            if (r.duplicates() > 0 || r.errorFrames() > 0 || r.failedSends() > 0) {
                out.printf(Locale.ROOT, "        ^ %d duplicates, %d error frames, %d failed sends%s%n", r.duplicates(), r.errorFrames(), r.failedSends(),
                        r.firstError() == null ? "" : "; first error frame: " + r.firstError());
            }
        }
        out.println("latency: from each message's scheduled send time to its arrival at each client (the sender included); "
                + "RSS: peak during the run (fn = the functions' JVMs); CPU: per message, from the OS's process times");
    }

    /**
     * The run's latencies by send time: a tail made of the first windows is cold starts and
     * compilation, one spread evenly is pauses or queueing; "first" is each message's first
     * arrival at any client, "spread" its last arrival minus its first (the fan-out).
     */
    private void printTimeline(ChatRunResult result) {
        out.printf(Locale.ROOT, "%nlatency by when the messages were due (ms; first: a message's first arrival at any client,"
                + " spread: its last arrival minus its first):%n%8s %6s %7s %7s %7s %10s %10s %10s %10s%n", "seconds", "msgs",
                "p50", "p99", "max", "first p50", "first max", "spread p50", "spread max");
        for (LatencyTimeline.Window w : result.timeline()) {
            out.printf(Locale.ROOT, "%8s %6d %7.1f %7.1f %7.1f %10.1f %10.1f %10.1f %10.1f%n",
                    w.fromSecond() + "-" + (w.fromSecond() + ChatRun.TIMELINE_SECONDS), w.messages(), w.deliveries().p50(),
                    w.deliveries().p99(), w.deliveries().max(), w.firstArrival().p50(), w.firstArrival().max(), w.spread().p50(),
                    w.spread().max());
        }
    }

    private static List<Map<String, Object>> runsForJson(List<ChatRunResult> results, List<Memory> peaks) {
        ObjectMapper mapper = new ObjectMapper();
        List<Map<String, Object>> runs = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> run = mapper.convertValue(results.get(i), LinkedHashMap.class);
            run.put("complete", results.get(i).complete());
            run.put("localCloudPeakRssKilobytes", kilobytes(peaks.get(i).localCloud()));
            run.put("functionsPeakRssKilobytes", kilobytes(peaks.get(i).functions()));
            run.put("cpuMillisPerMessage", peaks.get(i).cpu());
            runs.add(run);
        }
        return runs;
    }

    private static Long kilobytes(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }

    /**
     * localcloud's process id: what its health endpoint says, else the launcher's
     * {@code .lab/localcloud.pid}; -1 when neither knows.
     */
    static long localCloudPid(HttpClient http, LabSettings settings) {
        try {
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(settings.localEndpoint().resolve("/_localcloud/health"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            long pid = new ObjectMapper().readTree(health.body()).path("pid").asLong(-1);
            if (pid > 0) {
                return pid;
            }
        } catch (IOException e) {
            // fall back to the launcher's file
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            return Long.parseLong(Files.readString(settings.stateDirectory().resolve("localcloud.pid")).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** Resident memory of localcloud and of its functions' JVMs (its descendants), and, for a run, the CPU per message. */
    record Memory(OptionalLong localCloud, OptionalLong functions, CpuTime.PerMessage cpu) {
        static Memory of(long pid) {
            return pid > 0 ? new Memory(ProcessMemory.residentKilobytes(pid), ProcessMemory.descendantsResidentKilobytes(pid), null)
                    : new Memory(OptionalLong.empty(), OptionalLong.empty(), null);
        }

        @Override
        public String toString() {
            return ProcessMemory.format(localCloud) + " (functions' JVMs: " + ProcessMemory.format(functions) + ")";
        }
    }
}
