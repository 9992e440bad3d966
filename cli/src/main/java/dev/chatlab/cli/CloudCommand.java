package dev.chatlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatlab.labkit.Text;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lab cloud start|stop|status|reset|logs}: the local cloud in the background. */
@Command(name = "cloud", mixinStandardHelpOptions = true, description = "Start, stop, inspect or wipe the local cloud.",
        subcommands = {CloudCommand.Start.class, CloudCommand.Stop.class, CloudCommand.Status.class,
                CloudCommand.Reset.class, CloudCommand.Logs.class})
final class CloudCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("Usage: lab cloud start|stop|status|reset|logs");
        return 2;
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start localcloud in the background (nothing happens when it runs already).")
    static final class Start extends LabCommand {
        @Override
        public Integer call() {
            ensureCloud();
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop localcloud; its state stays in .lab/localcloud.")
    static final class Stop extends LabCommand {
        @Override
        public Integer call() {
            boolean stopped = cloud().stop();
            console().success(stopped ? Text.of("localcloud stopped", "localcloud 를 멈췄습니다")
                    : Text.of("localcloud was not running", "localcloud 는 실행 중이 아니었습니다"));
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Say whether localcloud runs, where, and what it serves.")
    static final class Status extends LabCommand {
        @Override
        public Integer call() {
            Optional<JsonNode> health = cloud().health();
            if (health.isEmpty()) {
                console().failure(Text.of("localcloud is not running at %s (start it: ./lab cloud start)",
                        "localcloud 가 %s 에서 실행 중이 아닙니다 (시작: ./lab cloud start)"), cloud().endpoint());
                return 1;
            }
            JsonNode h = health.get();
            console().success(Text.of("localcloud is running at %s (pid %s, DNS port %s, since %s)",
                    "localcloud 가 %s 에서 실행 중입니다 (pid %s, DNS 포트 %s, 시작 %s)"),
                    cloud().endpoint(), h.path("pid").asText(), h.path("dnsPort").asText(), h.path("startedAt").asText());
            console().detail("services: " + h.path("services"));
            console().detail("state: " + h.path("dataDirectory").asText());
            return 0;
        }
    }

    @Command(name = "reset", mixinStandardHelpOptions = true, description = "Stop localcloud, delete all of its state, and start it again if it was running.")
    static final class Reset extends LabCommand {
        @Override
        public Integer call() {
            boolean wasRunning = cloud().stop();
            cloud().wipeState();
            console().success(Text.of("local cloud wiped: every bucket, table, function and API is gone",
                    "로컬 클라우드를 비웠습니다: 버킷, 테이블, 함수, API 가 모두 지워졌습니다"));
            if (wasRunning) {
                ensureCloud();
            }
            return 0;
        }
    }

    @Command(name = "logs", mixinStandardHelpOptions = true, description = "Print localcloud's log.")
    static final class Logs extends LabCommand {
        @Option(names = {"-f", "--follow"}, description = "keep printing new lines")
        boolean follow;

        @Override
        public Integer call() throws IOException, InterruptedException {
            if (!Files.exists(kit().localCloudLog())) {
                console().failure(Text.of("no log yet at %s", "아직 로그가 없습니다: %s"), kit().localCloudLog());
                return 1;
            }
            try (RandomAccessFile log = new RandomAccessFile(kit().localCloudLog().toFile(), "r")) {
                while (true) {
                    String line = log.readLine();
                    if (line != null) {
                        System.out.println(new String(line.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
                    } else if (follow) {
                        Thread.sleep(200);
                    } else {
                        return 0;
                    }
                }
            }
        }
    }
}
