package dev.chatlab.cli;

import dev.chatlab.labkit.Lab;
import dev.chatlab.labkit.Text;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * {@code lab logs <function> [--follow]}: a function's output from CloudWatch Logs (log group
 * /aws/lambda/&lt;function&gt;), on the local cloud or on AWS alike.
 */
@Command(name = "logs", mixinStandardHelpOptions = true, description = "Print a Lambda function's logs from CloudWatch Logs (e.g. lab logs chat-send-message -f).")
final class LogsCommand extends LabCommand {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    @Parameters(index = "0", paramLabel = "FUNCTION", description = "the function, e.g. chat-send-message")
    String function;

    @Option(names = {"-f", "--follow"}, description = "keep printing new events")
    boolean follow;

    @Option(names = "--minutes", description = "how far back to start (default: ${DEFAULT-VALUE})")
    int minutes = 60;

    @Override
    public Integer call() throws InterruptedException {
        ensureCloud();
        String group = "/aws/lambda/" + function;
        try (Lab lab = new Lab(settings(), console())) {
            CloudWatchLogsClient logs = lab.client(CloudWatchLogsClient.builder());
            long from = System.currentTimeMillis() - minutes * 60_000L;
            do {
                long start = from;
                long newest = from;
                for (FilteredLogEvent event : logs.filterLogEventsPaginator(b -> b.logGroupName(group).startTime(start)).events()) {
                    console().plain(TIME.format(Instant.ofEpochMilli(event.timestamp())) + "  " + event.message().stripTrailing());
                    newest = Math.max(newest, event.timestamp() + 1);
                }
                from = newest;
                if (follow) {
                    Thread.sleep(1000);
                }
            } while (follow);
        } catch (ResourceNotFoundException e) {
            console().failure(Text.of("No logs for %s yet (log group %s): has the function run?", "%s 의 로그가 아직 없습니다 (로그 그룹 %s): 함수가 실행되었나요?"),
                    function, group);
            return 1;
        }
        return 0;
    }
}
