package dev.chatlab.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The benchmarks of the kit: {@code java -cp bench.jar:lib/* dev.chatlab.bench.BenchMain dynamodb|lambda}
 * (the launcher's {@code ./lab bench dynamodb}, {@code ./lab bench lambda}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Load benchmarks of localcloud (or AWS) through the AWS SDK for Java v2.",
        subcommands = {DynamoDbBench.class, LambdaBench.class, ApiGatewayBench.class, ChatBench.class})
public final class BenchMain implements Runnable {

    public static void main(String[] args) {
        // the in-process localcloud's Jetty would log its start and stop among the results
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
