package dev.chatlab.bench.chat;

import dev.chatlab.labkit.chat.ChatConnection;
import dev.chatlab.labkit.chat.ChatEndpoints;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.ToDoubleFunction;

/**
 * What a student waits for when the chat's functions are cold (issue 15, target 1): the first
 * WebSocket connect ($connect's function), the first message back to its sender (the send
 * function) and the first history call (the get function), each timed from the client. Before
 * every try {@link Cooler} makes the functions cold (a deploy, or their idle time-out), so each
 * try meets a new instance of each function, as the first student after a deploy does.
 */
public final class ColdStarts {

    /** The target of issue 15: each of the three under this at p50. */
    public static final double TARGET_MILLIS = 500;
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** Makes the chat's functions cold: the next call to each starts a new instance. */
    @FunctionalInterface
    public interface Cooler {
        void makeCold() throws Exception;
    }

    /**
     * One try: the three latencies, the machine's load average when it began, and the CPU that
     * localcloud and the functions' JVMs used from just before the functions were made cold to
     * the end of the try (-1 when not known: the cloud is not on this machine).
     */
    public record Try(double connectMillis, double messageMillis, double historyMillis, double loadAverage,
                      double cloudCpuMillis, double functionsCpuMillis) {
    }

    private final HttpClient http;
    private final ChatEndpoints endpoints;
    private final long cloudPid;

    public ColdStarts(HttpClient http, ChatEndpoints endpoints, long cloudPid) {
        this.http = http;
        this.endpoints = endpoints;
        this.cloudPid = cloudPid;
    }

    public Try measure(Cooler cooler) throws Exception {
        CpuTime before = CpuTime.now(cloudPid);
        cooler.makeCold();
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        String room = "cold-" + UUID.randomUUID().toString().substring(0, 8);
        String text = room + " first message";
        long start = System.nanoTime();
        ChatConnection connection = ChatConnection.open(http, endpoints.webSocketUrl(), room, "cold");
        try {
            long connected = System.nanoTime();
            connection.send(room, text);
            ChatConnection.Frame echo = connection.await(frame -> "message".equals(frame.type())
                    && text.equals(frame.json().path("text").asText()), PATIENCE);
            if (echo == null) {
                throw new IllegalStateException("the first message did not come back to its sender within " + PATIENCE.toSeconds() + " s");
            }
            long delivered = System.nanoTime();
            firstHistory(room, text);
            long answered = System.nanoTime();
            CpuTime.PerMessage cpu = CpuTime.now(cloudPid).perMessageSince(before, 1);
            return new Try(millis(connected - start), millis(delivered - connected), millis(answered - delivered), load,
                    cpu.cloud(), cpu.functions());
        } finally {
            connection.close();
        }
    }

    /**
     * Asks the history until it shows the message: against a cloud of the aws timing (or AWS) the
     * history function's eventually consistent Query may miss a message of the last moments.
     */
    private void firstHistory(String room, String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        HttpRequest history = HttpRequest.newBuilder(endpoints.historyUrl(room, 10)).timeout(PATIENCE).GET().build();
        HttpResponse<String> answer = http.send(history, HttpResponse.BodyHandlers.ofString());
        while (answer.statusCode() == 200 && !answer.body().contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            answer = http.send(history, HttpResponse.BodyHandlers.ofString());
        }
        if (answer.statusCode() != 200 || !answer.body().contains(text)) {
            throw new IllegalStateException("the history API answered " + answer.statusCode() + " without the message: " + answer.body());
        }
    }

    /** The median of one column over the tries. */
    public static double p50(List<Try> tries, ToDoubleFunction<Try> column) {
        double[] values = tries.stream().mapToDouble(column).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    /** The three columns' medians, for the JSON and the verdict. */
    public static List<Double> p50s(List<Try> tries) {
        return new ArrayList<>(Arrays.asList(p50(tries, Try::connectMillis), p50(tries, Try::messageMillis), p50(tries, Try::historyMillis)));
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
