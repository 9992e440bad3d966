package dev.chatlab.localcloud.services.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.localcloud.testing.TestCloud;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogGroupsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OrderBy;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/** CloudWatch Logs through the SDK: groups, streams, events, paging and filtering. */
class LogsApiTest {

    static TestCloud cloud;
    static CloudWatchLogsClient logs;

    @BeforeAll
    static void start() {
        cloud = TestCloud.start();
        logs = cloud.client(CloudWatchLogsClient.builder()).build();
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    static void put(String group, String stream, long firstTimestamp, String... messages) {
        List<InputLogEvent> events = new ArrayList<>();
        for (int i = 0; i < messages.length; i++) {
            events.add(InputLogEvent.builder().timestamp(firstTimestamp + i).message(messages[i]).build());
        }
        logs.putLogEvents(b -> b.logGroupName(group).logStreamName(stream).logEvents(events));
    }

    @Test
    void createLogGroup_twice_isResourceAlreadyExists_andDescribeLogGroupsFindsItByPrefix() {
        logs.createLogGroup(b -> b.logGroupName("/aws/lambda/chat-connect"));
        assertThrows(ResourceAlreadyExistsException.class, () -> logs.createLogGroup(b -> b.logGroupName("/aws/lambda/chat-connect")));

        DescribeLogGroupsResponse groups = logs.describeLogGroups(b -> b.logGroupNamePrefix("/aws/lambda/chat-c"));
        assertEquals(1, groups.logGroups().size());
        assertEquals("/aws/lambda/chat-connect", groups.logGroups().get(0).logGroupName());
        assertEquals("arn:aws:logs:ap-northeast-2:000000000000:log-group:/aws/lambda/chat-connect:*", groups.logGroups().get(0).arn());
    }

    @Test
    void missingGroupOrStream_isResourceNotFound() {
        ResourceNotFoundException group = assertThrows(ResourceNotFoundException.class,
                () -> logs.describeLogStreams(b -> b.logGroupName("/nope")));
        assertEquals("The specified log group does not exist.", group.awsErrorDetails().errorMessage());
        logs.createLogGroup(b -> b.logGroupName("/has-no-streams"));
        ResourceNotFoundException stream = assertThrows(ResourceNotFoundException.class,
                () -> logs.getLogEvents(b -> b.logGroupName("/has-no-streams").logStreamName("s")));
        assertEquals("The specified log stream does not exist.", stream.awsErrorDetails().errorMessage());
    }

    @Test
    void getLogEvents_pagesForwardFromTheHead_andReturnsTheSameTokenAtTheEnd() {
        logs.createLogGroup(b -> b.logGroupName("/paged"));
        logs.createLogStream(b -> b.logGroupName("/paged").logStreamName("s1"));
        put("/paged", "s1", 1_000, "one", "two", "three");

        GetLogEventsResponse first = logs.getLogEvents(b -> b.logGroupName("/paged").logStreamName("s1").startFromHead(true).limit(2));
        assertEquals(List.of("one", "two"), first.events().stream().map(OutputLogEvent::message).toList());
        GetLogEventsResponse second = logs.getLogEvents(b -> b.logGroupName("/paged").logStreamName("s1").nextToken(first.nextForwardToken()));
        assertEquals(List.of("three"), second.events().stream().map(OutputLogEvent::message).toList());
        GetLogEventsResponse end = logs.getLogEvents(b -> b.logGroupName("/paged").logStreamName("s1").nextToken(second.nextForwardToken()));
        assertTrue(end.events().isEmpty());
        assertEquals(second.nextForwardToken(), end.nextForwardToken());

        GetLogEventsResponse newest = logs.getLogEvents(b -> b.logGroupName("/paged").logStreamName("s1").limit(2));
        assertEquals(List.of("two", "three"), newest.events().stream().map(OutputLogEvent::message).toList());
    }

    @Test
    void describeLogStreams_ordersByNameOrLastEventTime() {
        logs.createLogGroup(b -> b.logGroupName("/ordered"));
        for (String stream : List.of("b", "a", "c")) {
            logs.createLogStream(b -> b.logGroupName("/ordered").logStreamName(stream));
        }
        put("/ordered", "a", 3_000, "late");
        put("/ordered", "b", 1_000, "early");
        put("/ordered", "c", 2_000, "middle");

        assertEquals(List.of("a", "b", "c"), logs.describeLogStreams(b -> b.logGroupName("/ordered")).logStreams().stream()
                .map(LogStream::logStreamName).toList());
        assertEquals(List.of("a", "c", "b"), logs.describeLogStreams(b -> b.logGroupName("/ordered").orderBy(OrderBy.LAST_EVENT_TIME)
                .descending(true)).logStreams().stream().map(LogStream::logStreamName).toList());
        LogStream a = logs.describeLogStreams(b -> b.logGroupName("/ordered").logStreamNamePrefix("a")).logStreams().get(0);
        assertEquals(3_000L, a.firstEventTimestamp());
        assertThrows(InvalidParameterException.class, () -> logs.describeLogStreams(b -> b.logGroupName("/ordered")
                .orderBy(OrderBy.LAST_EVENT_TIME).logStreamNamePrefix("a")));
    }

    @Test
    void filterLogEvents_matchesTermsAcrossStreams_byTimestamp() {
        logs.createLogGroup(b -> b.logGroupName("/filtered"));
        logs.createLogStream(b -> b.logGroupName("/filtered").logStreamName("x"));
        logs.createLogStream(b -> b.logGroupName("/filtered").logStreamName("y"));
        put("/filtered", "x", 10, "ERROR disk full", "INFO all good");
        put("/filtered", "y", 5, "ERROR timeout on connect", "WARN slow");

        FilterLogEventsResponse errors = logs.filterLogEvents(b -> b.logGroupName("/filtered").filterPattern("ERROR"));
        assertEquals(List.of("ERROR timeout on connect", "ERROR disk full"),
                errors.events().stream().map(FilteredLogEvent::message).toList());
        assertEquals("y", errors.events().get(0).logStreamName());

        assertEquals(1, logs.filterLogEvents(b -> b.logGroupName("/filtered").filterPattern("ERROR -disk")).events().size());
        assertEquals(2, logs.filterLogEvents(b -> b.logGroupName("/filtered").filterPattern("?WARN ?full")).events().size());
        assertEquals(1, logs.filterLogEvents(b -> b.logGroupName("/filtered").filterPattern("\"all good\"")).events().size());
        assertEquals(2, logs.filterLogEvents(b -> b.logGroupName("/filtered").logStreamNames("x")).events().size());

        FilterLogEventsResponse page = logs.filterLogEvents(b -> b.logGroupName("/filtered").limit(3));
        assertEquals(3, page.events().size());
        FilterLogEventsResponse rest = logs.filterLogEvents(b -> b.logGroupName("/filtered").nextToken(page.nextToken()));
        assertEquals(1, rest.events().size());
        assertNull(rest.nextToken());
    }

    @Test
    void putLogEvents_outOfOrder_isInvalidParameter() {
        logs.createLogGroup(b -> b.logGroupName("/unordered"));
        logs.createLogStream(b -> b.logGroupName("/unordered").logStreamName("s"));
        assertThrows(InvalidParameterException.class, () -> logs.putLogEvents(b -> b.logGroupName("/unordered").logStreamName("s")
                .logEvents(InputLogEvent.builder().timestamp(2L).message("b").build(), InputLogEvent.builder().timestamp(1L).message("a").build())));
    }

    @Test
    void deleteLogGroup_removesItsStreams() {
        logs.createLogGroup(b -> b.logGroupName("/deleted"));
        logs.createLogStream(b -> b.logGroupName("/deleted").logStreamName("s"));
        logs.deleteLogGroup(b -> b.logGroupName("/deleted"));
        assertThrows(ResourceNotFoundException.class, () -> logs.describeLogStreams(b -> b.logGroupName("/deleted")));
    }
}
