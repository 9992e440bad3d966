package dev.chatlab.cli;

import dev.chatlab.labkit.Lab;
import dev.chatlab.labkit.Names;
import dev.chatlab.labkit.Text;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
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
@Command(name = "logs", mixinStandardHelpOptions = true, description = "Print a Lambda function's logs from CloudWatch Logs (e.g. lab logs send-message -f).")
final class LogsCommand extends LabCommand {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    @Parameters(index = "0", paramLabel = "FUNCTION", description = "the function: connect, disconnect, send-message or get-messages (or its full name, <prefix>-send-message)")
    String function;

    @Option(names = {"-f", "--follow"}, description = "keep printing new events")
    boolean follow;

    @Option(names = "--minutes", description = "how far back to start (default: ${DEFAULT-VALUE})")
    int minutes = 60;

    @Override
    public Integer call() throws InterruptedException {
        Names names = new Names(settings());
        Optional<String> named = names.function(function);
        if (named.isEmpty()) {
            console().failure(Text.of("%s is not one of the lab's functions: %s (the prefix may be left out).",
                    "실습의 함수가 아닌 이름입니다: %s. 실습의 함수: %s (접두사는 빼도 됩니다)."), function, String.join(", ", names.functions()));
            return 2;
        }
        ensureCloud();
        String group = Names.logGroup(named.get());
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
                    named.get(), group);
            return 1;
        }
        return 0;
    }
}
