package dev.chatlab.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code lab bench <what> [options]}: the kit's load benchmarks (bench/), in a JVM of their
 * own so that the figures are the benchmark's, not the launcher's. Options pass through;
 * {@code lab bench --help} lists them.
 */
@Command(name = "bench", description = "Run a benchmark of the kit (dynamodb, apigateway, chat); options pass through: lab bench chat --help")
final class BenchCommand implements Callable<Integer> {

    @Unmatched
    List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Kit kit = Kit.locate(null);
        Path jar = kit.root().resolve("bench/target/bench-" + Kit.VERSION + ".jar");
        if (!Files.exists(jar)) {
            System.err.println("lab: the benchmarks are not built (" + jar + "): run ./lab build");
            return 2;
        }
        // A throughput collector and a young generation large enough that the SDK's garbage
        // (tens of KB per call) is collected a few times a second, not hundreds: on 2 cores the
        // default G1 set-up spent a sixth of the CPU on collection and its barriers.
        List<String> command = new ArrayList<>(List.of(Kit.javaExecutable(), "-XX:+UseParallelGC", "-Xmx2g", "-Xmn1g", "-cp",
                jar + File.pathSeparator + kit.root().resolve("bench/target/lib") + File.separator + "*",
                "dev.chatlab.bench.BenchMain"));
        if (!arguments.isEmpty() && arguments.get(0).equals("chat")) {
            // The chat benchmark's JVM is only WebSocket clients, sharing 2 cores with the cloud and
            // the functions they measure: C1 alone costs them 40% less CPU over a run than C2's
            // compiling (3.5 against 5.5 ms per message at 10 clients).
            command.add(1, "-XX:TieredStopAtLevel=1");
        }
        command.addAll(arguments);
        return new ProcessBuilder(command).directory(kit.root().toFile()).inheritIO().start().waitFor();
    }
}
