package dev.chatlab.bench.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatlab.bench.LatencyRecorder;
import dev.chatlab.labkit.chat.ChatConnection;
import dev.chatlab.labkit.chat.ChatEndpoints;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * One run of the chat benchmark against the chat the lab built: N clients join a fresh room
 * through the WebSocket API ($connect), K of them send M messages in all at R per second, open
 * loop (message i is due at start + i/R whatever happened before), every client (the sender
 * too: PROTOCOL.md sends a message to every connection of the room) should receive each once,
 * and the history REST API should hold each once.
 *
 * <p>Latency is measured from a message's <em>scheduled</em> send time to its arrival at a
 * recipient (both System.nanoTime in this JVM), so a sender that falls behind shows as latency
 * instead of quietly sending less. Messages are matched by their text, "{@code <room> <seq>}".
 */
public final class ChatRun {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HISTORY_PAGE = 100;
    private static final long SETTLE_MILLIS = 3000;
    /** Longer than localcloud's aws-timing staleness (300 ms) and AWS's usual "within a second". */
    private static final Duration HISTORY_SETTLE = Duration.ofSeconds(2);
    /** Time between the senders' threads starting and the first message being due. */
    private static final long LEAD_NANOS = 200_000_000L;
    /** The length of a window of {@link ChatRunResult#timeline()}. */
    public static final int TIMELINE_SECONDS = 10;

    /**
     * @param clients  connections in the room
     * @param senders  how many of them send (round robin: message i comes from sender i mod K)
     * @param messages messages in all
     * @param rate     messages per second in all
     * @param drain    how long to wait for the last deliveries after the last message was due
     */
    public record Settings(int clients, int senders, int messages, int rate, Duration drain) {
        public Settings {
            if (clients < 1 || senders < 1 || senders > clients || messages < 1 || rate < 1) {
                throw new IllegalArgumentException("need clients >= senders >= 1, messages >= 1 and rate >= 1");
            }
        }

        public long expectedDeliveries() {
            return (long) clients * messages;
        }
    }

    private final HttpClient http;
    private final ChatEndpoints endpoints;

    public ChatRun(HttpClient http, ChatEndpoints endpoints) {
        this.http = http;
        this.endpoints = endpoints;
    }

    /** When message {@code seq} is due: {@code start + seq / rate} seconds, in nanoseconds. */
    static long dueNanos(long start, int seq, int rate) {
        return start + Math.round(seq * 1e9 / rate);
    }

    public ChatRunResult run(Settings settings) throws Exception {
        String room = "bench-" + UUID.randomUUID().toString().substring(0, 12);
        List<Recipient> recipients = new ArrayList<>();
        LatencyRecorder connects = new LatencyRecorder();
        try {
            for (int i = 0; i < settings.clients(); i++) {
                long begin = System.nanoTime();
                ChatConnection connection = ChatConnection.open(http, endpoints.webSocketUrl(), room, "bench-" + i);
                connects.record(System.nanoTime() - begin);
                recipients.add(new Recipient(connection, room, settings.messages()));
            }
            long[] due = new long[settings.messages()];
            long start = System.nanoTime() + LEAD_NANOS;
            for (int seq = 0; seq < due.length; seq++) {
                due[seq] = dueNanos(start, seq, settings.rate());
            }
            recipients.forEach(recipient -> recipient.startCollecting(due));
            Senders senders = new Senders(recipients.subList(0, settings.senders()), room, due);
            senders.runToEnd();
            long deadline = Math.max(System.nanoTime(), due[due.length - 1]) + settings.drain().toNanos();
            for (Recipient recipient : recipients) {
                recipient.awaitAll(deadline);
            }
            recipients.forEach(Recipient::stopCollecting);
            int persisted = countPersistedSettled(room, settings.messages());
            return result(settings, room, recipients, connects, senders, persisted, due);
        } finally {
            recipients.forEach(recipient -> {
                recipient.stopCollecting();
                recipient.connection.close();
            });
            if (!recipients.isEmpty()) {
                // N closes at once run N $disconnects, which start up to 10 instances of the disconnect function:
                // let them finish before the next run, which would otherwise pay for them
                Thread.sleep(SETTLE_MILLIS);
            }
        }
    }

    private static ChatRunResult result(Settings settings, String room, List<Recipient> recipients, LatencyRecorder connects,
                                        Senders senders, int persisted, long[] due) {
        List<LatencyRecorder> latencies = new ArrayList<>();
        List<long[]> latencyBySeq = new ArrayList<>();
        long delivered = 0;
        long duplicates = 0;
        long errorFrames = 0;
        String firstError = null;
        for (Recipient recipient : recipients) {
            firstError = firstError == null ? recipient.firstError : firstError;
            latencies.add(recipient.latencies);
            latencyBySeq.add(recipient.latencyBySeq);
            delivered += recipient.received();
            duplicates += recipient.duplicates;
            errorFrames += recipient.errorFrames;
        }
        LatencyRecorder.Percentiles delivery = LatencyRecorder.merge(latencies).percentiles();
        LatencyRecorder.Percentiles connect = connects.percentiles();
        return new ChatRunResult(room, settings.clients(), settings.senders(), settings.messages(), settings.rate(),
                senders.achievedRate(), senders.failedSends.get(), senders.maxLagMillis(), settings.expectedDeliveries(), delivered, duplicates,
                errorFrames, firstError, persisted, delivery.p50(), delivery.p95(), delivery.p99(), delivery.max(), connect.p50(), connect.p99(),
                LatencyTimeline.of(due, latencyBySeq, TIMELINE_SECONDS));
    }

    /**
     * Pages through GET /rooms/{room}/messages (newest first pages, each oldest first) and
     * counts the distinct messages of this run. The REST API is the chat's own, as a client
     * would read the history.
     */
    /**
     * The room's stored messages, asked again while fewer than expected for up to
     * {@link #HISTORY_SETTLE}: the history is a plain (eventually consistent) Query, which on AWS,
     * and on localcloud's aws timing, may miss the writes of the last moments.
     */
    int countPersistedSettled(String room, int expected) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + HISTORY_SETTLE.toNanos();
        int persisted = countPersisted(room, expected);
        while (persisted < expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
            persisted = countPersisted(room, expected);
        }
        return persisted;
    }

    int countPersisted(String room, int expected) throws IOException, InterruptedException {
        Set<String> texts = new HashSet<>();
        String before = null;
        do {
            URI page = URI.create(endpoints.historyUrl(room, HISTORY_PAGE)
                    + (before == null ? "" : "&before=" + URLEncoder.encode(before, StandardCharsets.UTF_8)));
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(page).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("the history API answered " + answer.statusCode() + ": " + answer.body());
            }
            JsonNode body = JSON.readTree(answer.body());
            for (JsonNode message : body.path("messages")) {
                String text = message.path("text").asText();
                if (text.startsWith(room + " ")) {
                    texts.add(text);
                }
            }
            before = body.path("nextBefore").isTextual() ? body.path("nextBefore").asText() : null;
        } while (before != null && texts.size() <= expected);
        return texts.size();
    }

    /** The text of message {@code seq}: unique per run, so the room's history and every frame can be matched. */
    static String text(String room, int seq) {
        return room + " " + seq;
    }

    /** The sequence number in a frame's text, or -1 when it is not one of this run's messages. */
    static int seqOf(String room, String text) {
        if (text == null || !text.startsWith(room + " ")) {
            return -1;
        }
        try {
            return Integer.parseInt(text.substring(room.length() + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The sending clients: one thread each, sending its messages when they are due. */
    private static final class Senders {
        private final List<Recipient> clients;
        private final String room;
        private final long[] due;
        private final long[] sentAt;
        final AtomicInteger failedSends = new AtomicInteger();

        Senders(List<Recipient> clients, String room, long[] due) {
            this.clients = clients;
            this.room = room;
            this.due = due;
            this.sentAt = new long[due.length];
        }

        void runToEnd() throws InterruptedException {
            List<Thread> threads = new ArrayList<>();
            for (int k = 0; k < clients.size(); k++) {
                int sender = k;
                Thread thread = new Thread(() -> send(sender), "chat-sender-" + k);
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
        }

        private void send(int sender) {
            ChatConnection connection = clients.get(sender).connection;
            for (int seq = sender; seq < due.length; seq += clients.size()) {
                long wait;
                while ((wait = due[seq] - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                try {
                    connection.send(room, text(room, seq));
                    sentAt[seq] = System.nanoTime();
                } catch (RuntimeException e) {
                    failedSends.incrementAndGet();
                    sentAt[seq] = System.nanoTime();
                }
            }
        }

        /** Messages per second from the first message's due time to the last actual send. */
        double achievedRate() {
            long last = 0;
            for (long sent : sentAt) {
                last = Math.max(last, sent);
            }
            double seconds = (last - due[0]) / 1e9;
            return seconds <= 0 ? due.length : (due.length - 1) / seconds;
        }

        /** How late the senders were at worst: the actual send after its due time. */
        double maxLagMillis() {
            long worst = 0;
            for (int i = 0; i < due.length; i++) {
                worst = Math.max(worst, sentAt[i] - due[i]);
            }
            return worst / 1e6;
        }
    }
}
