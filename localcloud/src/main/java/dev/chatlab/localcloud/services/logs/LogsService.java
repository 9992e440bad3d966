package dev.chatlab.localcloud.services.logs;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.services.logs.model.EventPage;
import dev.chatlab.localcloud.services.logs.model.InputLogEvent;
import dev.chatlab.localcloud.services.logs.model.LogEvent;
import dev.chatlab.localcloud.services.logs.model.LogGroup;
import dev.chatlab.localcloud.services.logs.model.LogStream;
import dev.chatlab.localcloud.services.logs.model.Page;
import dev.chatlab.localcloud.storage.Documents;
import dev.chatlab.localcloud.storage.Storage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * CloudWatch Logs: log groups, their streams, and the events in each stream, kept in Storage.
 * Lambda writes its functions' output here through {@link #append}; clients read it back with
 * the Describe/Get/Filter operations.
 *
 * <p>Keys: groups by name; streams by {@code group SEP stream}; events by
 * {@code group SEP stream SEP zero-padded sequence}, so one stream's events are one ordered
 * key range. One lock serialises writers: the lab writes a few lines per invoke.
 */
public final class LogsService {

    /** Cannot occur in group or stream names (AWS allows neither control characters). */
    private static final char SEP = '\u0001';
    private static final Pattern GROUP_NAME = Pattern.compile("[\\.\\-_/#A-Za-z0-9]{1,512}");
    /** AWS's limit for one event's message. */
    static final int MAX_EVENT_BYTES = 256 * 1024 - 26;
    private static final int DEFAULT_EVENT_LIMIT = 10_000;

    private final Documents<LogGroup> groups;
    private final Documents<LogStream> streams;
    private final Documents<LogEvent> events;
    private final Storage storage;
    private final Clock clock;

    public LogsService(Storage storage, Clock clock) {
        this.storage = storage;
        this.clock = clock;
        this.groups = storage.documents("logs.groups", LogGroup.class);
        this.streams = storage.documents("logs.streams", LogStream.class);
        this.events = storage.documents("logs.events", LogEvent.class);
    }

    // ---- groups and streams

    public synchronized void createLogGroup(String name) {
        validateGroupName(name);
        if (groups.contains(name)) {
            throw new AwsException("ResourceAlreadyExistsException", 400, "The specified log group already exists");
        }
        groups.put(name, new LogGroup(name, clock.millis(), null));
    }

    /** Creates the group unless it exists: what Lambda does before a function's first log line. */
    public synchronized void ensureLogGroup(String name) {
        if (!groups.contains(name)) {
            createLogGroup(name);
        }
    }

    public synchronized void deleteLogGroup(String name) {
        requireGroup(name);
        storage.atomically(() -> {
            streams.removeStartingWith(name + SEP);
            events.removeStartingWith(name + SEP);
            groups.remove(name);
        });
    }

    public synchronized void putRetentionPolicy(String name, int days) {
        LogGroup group = requireGroup(name);
        groups.put(name, new LogGroup(name, group.creationTime(), days));
    }

    public synchronized void createLogStream(String group, String stream) {
        requireGroup(group);
        validateStreamName(stream);
        String key = group + SEP + stream;
        if (streams.contains(key)) {
            throw new AwsException("ResourceAlreadyExistsException", 400, "The specified log stream already exists");
        }
        streams.put(key, LogStream.created(stream, clock.millis()));
    }

    public synchronized void deleteLogStream(String group, String stream) {
        requireStream(group, stream);
        storage.atomically(() -> {
            events.removeStartingWith(group + SEP + stream + SEP);
            streams.remove(group + SEP + stream);
        });
    }

    public synchronized Page<LogGroup> describeLogGroups(String prefix, Integer limit, String nextToken) {
        List<LogGroup> all = groups.valuesStartingWith(prefix == null ? "" : prefix).toList();
        return page(all, limit, 50, nextToken);
    }

    public synchronized Page<LogStream> describeLogStreams(String group, String prefix, String orderBy, boolean descending,
                                                           Integer limit, String nextToken) {
        requireGroup(group);
        boolean byTime = "LastEventTime".equals(orderBy);
        if (orderBy != null && !byTime && !"LogStreamName".equals(orderBy)) {
            throw new AwsException("InvalidParameterException", 400, "1 validation error detected: Value '" + orderBy
                    + "' at 'orderBy' failed to satisfy constraint: Member must satisfy enum value set: [LastEventTime, LogStreamName]");
        }
        if (byTime && prefix != null) {
            throw new AwsException("InvalidParameterException", 400, "Cannot order by LastEventTime with a logStreamNamePrefix.");
        }
        List<LogStream> all = new ArrayList<>(streamsOf(group, prefix));
        if (byTime) {
            all.sort(Comparator.comparing((LogStream s) -> s.lastEventTimestamp() == null ? 0L : s.lastEventTimestamp())
                    .thenComparing(LogStream::logStreamName));
        }
        if (descending) {
            Collections.reverse(all);
        }
        return page(all, limit, 50, nextToken);
    }

    // ---- events

    /** Stores events in a stream, creating group and stream as needed (Lambda's path: no checks on order). */
    public synchronized void append(String group, String stream, List<InputLogEvent> batch) {
        if (batch.isEmpty()) {
            return;
        }
        ensureLogGroup(group);
        String streamKey = group + SEP + stream;
        if (!streams.contains(streamKey)) {
            streams.put(streamKey, LogStream.created(stream, clock.millis()));
        }
        store(group, stream, batch);
    }

    /** PutLogEvents: the events must be in chronological order; returns the next sequence token. */
    public synchronized String putLogEvents(String group, String stream, List<InputLogEvent> batch) {
        requireStream(group, stream);
        if (batch.isEmpty()) {
            throw new AwsException("InvalidParameterException", 400,
                    "1 validation error detected: Value null at 'logEvents' failed to satisfy constraint: Member must have length greater than or equal to 1");
        }
        for (int i = 1; i < batch.size(); i++) {
            if (batch.get(i).timestamp() < batch.get(i - 1).timestamp()) {
                throw new AwsException("InvalidParameterException", 400,
                        "Log events in a single PutLogEvents request must be in chronological order.");
            }
        }
        return String.valueOf(store(group, stream, batch).nextSequence());
    }

    private LogStream store(String group, String stream, List<InputLogEvent> batch) {
        String streamKey = group + SEP + stream;
        return storage.atomically(() -> {
            LogStream current = streams.get(streamKey).orElseThrow();
            long now = clock.millis();
            long sequence = current.nextSequence();
            Long first = current.firstEventTimestamp();
            Long last = current.lastEventTimestamp();
            long bytes = current.storedBytes();
            for (InputLogEvent event : batch) {
                String message = event.message() == null ? "" : event.message();
                events.put(eventKey(group, stream, sequence), new LogEvent(stream, sequence, event.timestamp(), message, now));
                sequence++;
                first = first == null ? event.timestamp() : Math.min(first, event.timestamp());
                last = last == null ? event.timestamp() : Math.max(last, event.timestamp());
                bytes += message.getBytes(StandardCharsets.UTF_8).length + 26;
            }
            LogStream updated = new LogStream(stream, current.creationTime(), first, last, now, bytes, sequence);
            streams.put(streamKey, updated);
            return updated;
        });
    }

    /**
     * GetLogEvents. Tokens are "f/N" (events from sequence N on) and "b/N" (events before N).
     * Without a token, startFromHead picks the oldest events, otherwise the newest; either way the
     * page lists its events oldest first. At either end, the token of that direction comes back
     * unchanged, which is how the SDK's paginator knows it is done.
     */
    public synchronized EventPage getLogEvents(String group, String stream, Long startTime, Long endTime,
                                               String nextToken, Integer limit, boolean startFromHead) {
        LogStream meta = requireStream(group, stream);
        int max = limit == null ? DEFAULT_EVENT_LIMIT : Math.max(1, Math.min(limit, DEFAULT_EVENT_LIMIT));
        boolean forward;
        long position;
        if (nextToken != null) {
            if (!nextToken.matches("[fb]/\\d+")) {
                throw new AwsException("InvalidParameterException", 400, "The specified nextToken is invalid.");
            }
            forward = nextToken.charAt(0) == 'f';
            position = Long.parseLong(nextToken.substring(2));
        } else {
            forward = startFromHead;
            position = startFromHead ? 0 : meta.nextSequence();
        }
        List<LogEvent> page = new ArrayList<>();
        if (forward) {
            for (long seq = position; seq < meta.nextSequence() && page.size() < max; seq++) {
                LogEvent event = event(group, stream, seq);
                if (event != null && inRange(event, startTime, endTime)) {
                    page.add(event);
                }
            }
        } else {
            for (long seq = position - 1; seq >= 0 && page.size() < max; seq--) {
                LogEvent event = event(group, stream, seq);
                if (event != null && inRange(event, startTime, endTime)) {
                    page.add(0, event);
                }
            }
        }
        if (page.isEmpty()) {
            String same = (forward ? "f/" : "b/") + position;
            return new EventPage(page, forward ? same : "f/" + position, forward ? "b/" + position : same);
        }
        long firstSeq = page.get(0).sequence();
        long lastSeq = page.get(page.size() - 1).sequence();
        return new EventPage(page, "f/" + (lastSeq + 1), "b/" + firstSeq);
    }

    /**
     * FilterLogEvents: the matching events of the group's streams (all, the named ones, or those
     * with a prefix) between startTime and endTime, by timestamp. The token is the number of
     * matching events already returned.
     */
    public synchronized Page<LogEvent> filterLogEvents(String group, List<String> streamNames, String streamPrefix,
                                                       Long startTime, Long endTime, String filterPattern,
                                                       String nextToken, Integer limit) {
        requireGroup(group);
        if (streamNames != null && !streamNames.isEmpty() && streamPrefix != null) {
            throw new AwsException("InvalidParameterException", 400,
                    "logStreamNames and logStreamNamePrefix are mutually exclusive");
        }
        FilterPattern pattern = FilterPattern.parse(filterPattern);
        List<LogEvent> matching = new ArrayList<>();
        for (LogStream stream : streamsOf(group, streamPrefix)) {
            if (streamNames != null && !streamNames.isEmpty() && !streamNames.contains(stream.logStreamName())) {
                continue;
            }
            String prefix = group + SEP + stream.logStreamName() + SEP;
            events.valuesStartingWith(prefix)
                    .filter(event -> inRange(event, startTime, endTime) && pattern.matches(event.message()))
                    .forEach(matching::add);
        }
        matching.sort(Comparator.comparingLong(LogEvent::timestamp).thenComparing(LogEvent::eventId));
        return page(matching, limit, DEFAULT_EVENT_LIMIT, nextToken);
    }

    // ---- helpers

    private List<LogStream> streamsOf(String group, String prefix) {
        String start = group + SEP + (prefix == null ? "" : prefix);
        return streams.valuesStartingWith(start).toList();
    }

    private LogEvent event(String group, String stream, long sequence) {
        return events.get(eventKey(group, stream, sequence)).orElse(null);
    }

    private static boolean inRange(LogEvent event, Long startTime, Long endTime) {
        return (startTime == null || event.timestamp() >= startTime) && (endTime == null || event.timestamp() <= endTime);
    }

    private static String eventKey(String group, String stream, long sequence) {
        return group + SEP + stream + SEP + String.format("%019d", sequence);
    }

    private static <T> Page<T> page(List<T> all, Integer limit, int defaultLimit, String nextToken) {
        int offset = 0;
        if (nextToken != null) {
            try {
                offset = Integer.parseInt(nextToken);
            } catch (NumberFormatException e) {
                throw new AwsException("InvalidParameterException", 400, "The specified nextToken is invalid.");
            }
        }
        int size = limit == null ? defaultLimit : Math.max(1, limit);
        int end = Math.min(all.size(), offset + size);
        List<T> items = offset >= all.size() ? List.of() : all.subList(offset, end);
        return new Page<>(List.copyOf(items), end < all.size() ? String.valueOf(end) : null);
    }

    private LogGroup requireGroup(String name) {
        return (name == null ? Optional.<LogGroup>empty() : groups.get(name))
                .orElseThrow(() -> new AwsException("ResourceNotFoundException", 400, "The specified log group does not exist."));
    }

    private LogStream requireStream(String group, String stream) {
        requireGroup(group);
        return (stream == null ? Optional.<LogStream>empty() : streams.get(group + SEP + stream))
                .orElseThrow(() -> new AwsException("ResourceNotFoundException", 400, "The specified log stream does not exist."));
    }

    private static void validateGroupName(String name) {
        if (name == null || !GROUP_NAME.matcher(name).matches()) {
            throw new AwsException("InvalidParameterException", 400, "1 validation error detected: Value '" + name
                    + "' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+");
        }
    }

    private static void validateStreamName(String name) {
        if (name == null || name.isEmpty() || name.length() > 512 || name.contains(":") || name.contains("*")) {
            throw new AwsException("InvalidParameterException", 400, "1 validation error detected: Value '" + name
                    + "' at 'logStreamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [^:*]*");
        }
    }
}
